// Usage for a call whose provider reported none: counted with the real tokenizer and marked
// estimated, so metering never bills a silent zero.
import type { AssistantPart, CanonicalRequest, Usage } from '../canonical/index.js';
import { emptyUsage } from '../canonical/index.js';
import { countRequestTokens, countTextTokens } from '../tokenizer/index.js';

/** the generated text of an answer, as the tokenizer should see it */
export function generatedText(content: AssistantPart[]): string {
  let s = '';
  for (const p of content) {
    if (p.type === 'text' || p.type === 'reasoning') s += p.text;
    else if (p.type === 'tool_call') s += p.name + p.arguments;
  }
  return s;
}

/**
 * `known` keeps whatever the provider did report (e.g. input tokens at the start of a stream);
 * `inputTokens` falls back to counting the request.
 */
export async function estimateUsage(
  req: CanonicalRequest | (() => Promise<number>),
  generated: string,
  known?: Partial<Usage>,
): Promise<Usage> {
  const input =
    known?.inputTokens || (typeof req === 'function' ? await req() : await countRequestTokens(req));
  return {
    ...emptyUsage(),
    ...known,
    inputTokens: input,
    outputTokens: await countTextTokens(generated),
    estimated: true,
  };
}
