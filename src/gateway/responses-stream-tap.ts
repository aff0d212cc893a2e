// Reads a Responses API stream passed through unchanged: the usage and the finished response
// object (response.completed / response.incomplete), the last sequence number and the opening
// response (so a stream that breaks can end with a `response.failed` that continues the sequence),
// and the generated text, counted when the provider reports no usage.
import type { StreamErrorInfo, Usage } from '../canonical/index.js';
import { emptyUsage, mergeUsage } from '../canonical/index.js';
import { failureCode, mapResponsesUsage, responsesEvent } from '../protocols/openai-responses/index.js';
import { estimateUsage } from './estimate-usage.js';
import type { StreamUsageTap } from './passthrough-usage.js';
import { frameData } from './sse-frames.js';

type Json = Record<string, unknown>;

export interface ResponsesStreamTap extends StreamUsageTap {
  /** the finished response object, once the stream delivered it */
  readonly final: Json | undefined;
  /** the event that ends this stream when it breaks */
  renderError(info: StreamErrorInfo): string;
}

const TEXT_DELTAS = new Set([
  'response.output_text.delta',
  'response.refusal.delta',
  'response.reasoning_summary_text.delta',
  'response.reasoning_text.delta',
  'response.function_call_arguments.delta',
]);

export function createResponsesStreamTap(countPrompt: () => Promise<number>): ResponsesStreamTap {
  const usage = emptyUsage();
  let complete = false;
  let final: Json | undefined;
  let opening: Json | undefined;
  let lastSeq = -1;
  let generated = '';

  return {
    frame(frame: Buffer): boolean {
      const data = frameData(frame);
      if (!data?.startsWith('{')) return true;
      let j: Json;
      try {
        j = JSON.parse(data) as Json;
      } catch {
        return true; // not JSON: the client sees what the provider sent
      }
      if (typeof j.sequence_number === 'number') lastSeq = j.sequence_number;
      const type = j.type as string;
      if (TEXT_DELTAS.has(type) && typeof j.delta === 'string') generated += j.delta;
      else if (type === 'response.created') opening = j.response as Json;
      else if (type === 'response.completed' || type === 'response.incomplete') {
        final = j.response as Json;
        if (final?.usage) {
          mergeUsage(usage, mapResponsesUsage(final.usage));
          complete = true;
        }
      }
      return true;
    },
    partial: usage,
    get final() {
      return final;
    },
    async result(): Promise<Usage> {
      return complete ? usage : estimateUsage(countPrompt, generated, usage);
    },
    renderError(info: StreamErrorInfo): string {
      const error = { code: failureCode(info.kind), message: info.message };
      if (!opening) return responsesEvent('error', lastSeq + 1, { ...error, param: null });
      return responsesEvent('response.failed', lastSeq + 1, {
        response: { ...opening, status: 'failed', error, usage: null },
      });
    },
  };
}
