// Usage of a Gemini answer passed through to a Gemini client, read from its usageMetadata: from
// a whole body, from the chunks of a JSON-array stream, or frame by frame from an SSE stream.
// When the provider reports no output count, the generated text is counted instead.
import { emptyUsage, mergeUsage, type Usage } from '../canonical/index.js';
import {
  type GeminiGenerateContentResponse,
  geminiClient,
  mapGeminiUsage,
} from '../protocols/gemini/index.js';
import { countRequestTokens, countTextTokens } from '../tokenizer/index.js';
import { estimateUsage } from './estimate-usage.js';
import type { StreamUsageTap } from './passthrough-usage.js';
import { frameData } from './sse-frames.js';

type Json = Record<string, unknown>;

/** the prompt of the client's body, counted (falls back to its raw JSON) */
function promptCounter(body: Json) {
  return async () => {
    try {
      return await countRequestTokens(geminiClient.decodeRequest(body));
    } catch {
      return countTextTokens(JSON.stringify(body.contents ?? ''));
    }
  };
}

/** the generated text of one response chunk */
function chunkText(chunk: GeminiGenerateContentResponse): string {
  let s = '';
  for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
    if (typeof part?.text === 'string') s += part.text;
    if (part?.functionCall)
      s += (part.functionCall.name ?? '') + JSON.stringify(part.functionCall.args ?? {});
  }
  return s;
}

/** reads usage off whole chunks (the body, or each chunk of a stream) */
export function createGeminiUsageReader(body: Json) {
  const usage = emptyUsage();
  let complete = false;
  let generated = '';
  return {
    usage,
    chunk(c: unknown): void {
      if (!c || typeof c !== 'object') return;
      const chunk = c as GeminiGenerateContentResponse;
      const u = mapGeminiUsage(chunk.usageMetadata);
      mergeUsage(usage, u);
      if (u.outputTokens !== undefined) complete = true;
      if (!complete) generated += chunkText(chunk);
    },
    async result(): Promise<Usage> {
      return complete ? usage : estimateUsage(promptCounter(body), generated, usage);
    },
  };
}

/** the SSE tap: every frame reaches the client as the provider wrote it */
export function createGeminiStreamUsageTap(body: Json): StreamUsageTap {
  const reader = createGeminiUsageReader(body);
  return {
    frame(frame: Buffer): boolean {
      const data = frameData(frame);
      if (!data) return true;
      try {
        reader.chunk(JSON.parse(data));
      } catch {
        // not JSON: forwarded as it is
      }
      return true;
    },
    partial: reader.usage,
    result: () => reader.result(),
  };
}
