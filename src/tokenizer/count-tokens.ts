// Token counting with a real BPE tokenizer (gpt-tokenizer, o200k_base). Used where a provider
// reports no usage (the result is marked estimated), for count_tokens on non-Anthropic models,
// and by the simulator. Loaded lazily: the encoding costs ~60 MB, and passthrough never needs it.
import type { CanonicalRequest } from '../canonical/types.js';

type Counter = (text: string) => number;
let loading: Promise<Counter> | undefined;

export function loadTokenizer(): Promise<Counter> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then((m) => (text: string) => m.countTokens(text));
  return loading;
}

/** tokens of plain text */
export async function countTextTokens(text: string): Promise<number> {
  if (text.length === 0) return 0;
  return (await loadTokenizer())(text);
}

/** fixed cost assumed for an image or a binary document whose size the gateway does not know */
export const MEDIA_TOKENS = 1000;
/** per-message framing, as in OpenAI's published counting recipe */
const PER_MESSAGE = 3;

/** prompt tokens of a canonical request: every text, tool call and tool definition, plus framing */
export async function countRequestTokens(req: CanonicalRequest): Promise<number> {
  const count = await loadTokenizer();
  let total = 3;
  let text = '';
  for (const m of req.messages) {
    total += PER_MESSAGE;
    for (const p of m.content) {
      switch (p.type) {
        case 'text':
          text += p.text + '\n';
          break;
        case 'reasoning':
          text += p.text + '\n';
          break;
        case 'tool_call':
          text += p.name + ' ' + p.arguments + '\n';
          break;
        case 'tool_result':
          for (const c of p.content) {
            if (c.type === 'text') text += c.text + '\n';
            else total += MEDIA_TOKENS;
          }
          break;
        case 'document':
          if (p.source.kind === 'text') text += p.source.text + '\n';
          else total += MEDIA_TOKENS;
          break;
        case 'image':
          total += MEDIA_TOKENS;
          break;
        default:
          break;
      }
    }
  }
  for (const t of req.tools ?? [])
    text += `${t.name} ${t.description ?? ''} ${JSON.stringify(t.parameters)}\n`;
  return total + (text ? count(text) : 0);
}
