// Usage of a legacy completion passed through: the provider's own `usage` (on the answer, or on
// the usage-only chunk of a stream that asked for it), else counted by the gateway from the
// prompt and the generated text, marked estimated.
import { emptyUsage, mergeUsage, type Usage } from '../canonical/index.js';
import { mapOpenAIUsage } from '../protocols/openai-chat/index.js';
import { countTextTokens } from '../tokenizer/index.js';
import type { StreamUsageTap } from './passthrough-usage.js';
import { frameData } from './sse-frames.js';

type Json = Record<string, unknown>;

async function promptTokens(body: Json): Promise<number> {
  const p = body.prompt;
  if (typeof p === 'string') return countTextTokens(p);
  if (!Array.isArray(p)) return 0;
  let n = 0;
  for (const x of p) {
    if (typeof x === 'string') n += await countTextTokens(x);
    else if (typeof x === 'number') n += 1;
    else if (Array.isArray(x)) n += x.length;
  }
  return n;
}

function choicesText(answer: Json): string {
  const choices = answer.choices;
  if (!Array.isArray(choices)) return '';
  return choices
    .map((c) => (typeof (c as Json)?.text === 'string' ? ((c as Json).text as string) : ''))
    .join('');
}

async function estimate(body: Json, generated: string): Promise<Usage> {
  return {
    ...emptyUsage(),
    inputTokens: await promptTokens(body),
    outputTokens: await countTextTokens(generated),
    estimated: true,
  };
}

/** usage of a whole answer that reported none */
export function usageOfCompletion(body: Json, answer: Json): Promise<Usage> {
  return estimate(body, choicesText(answer));
}

/** reads usage frame by frame; the usage-only chunk reaches the client only when it asked for it */
export function createCompletionsUsageTap(body: Json, clientWantsUsage: boolean): StreamUsageTap {
  const usage = emptyUsage();
  let complete = false;
  let text = '';
  return {
    frame(frame) {
      const data = frameData(frame);
      if (!data || data === '[DONE]') return true;
      try {
        const j = JSON.parse(data) as Json;
        if (j.usage) {
          mergeUsage(usage, mapOpenAIUsage(j.usage));
          complete = true;
          return clientWantsUsage || !(Array.isArray(j.choices) && j.choices.length === 0);
        }
        if (!complete) text += choicesText(j);
      } catch {
        // not JSON: the client sees what the provider sent
      }
      return true;
    },
    partial: usage,
    async result() {
      return complete ? usage : estimate(body, text);
    },
  };
}
