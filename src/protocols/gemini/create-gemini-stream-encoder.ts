// Canonical stream events as the chunks of Gemini's `streamGenerateContent?alt=sse`: each
// `data:` event (CRLF-separated, as Google sends them) is a whole GenerateContentResponse with
// the new parts, the usage known so far, modelVersion and responseId. Text and thoughts go out
// as they arrive; a function call goes out whole once its arguments are complete (Gemini never
// splits one); the last chunk carries the finishReason and the final usageMetadata.
import {
  type CanonicalStreamEvent,
  emptyUsage,
  mergeUsage,
  randomId,
  type StreamEncoder,
  type StreamEncoderOptions,
} from '../../canonical/index.js';
import { parseToolArguments } from '../anthropic/parse-tool-arguments.js';
import { encodeGeminiClientSignature } from './decode-gemini-signature.js';
import { encodeGeminiFinishReason } from './encode-gemini-finish-reason.js';
import { encodeGeminiUsage } from './encode-gemini-usage.js';
import type { GeminiPart } from './gemini-types.js';
import { renderGeminiStreamError } from './render-gemini-error.js';

export function createGeminiStreamEncoder(opts: StreamEncoderOptions): StreamEncoder {
  let id = opts.id ?? randomId(22);
  const usage = emptyUsage();
  let usageKnown = false;
  let call: { id: string; name: string; args: string; signature?: string } | undefined;
  let pending: string | undefined;
  let afterThought = false;
  let stop: string | undefined;
  let done = false;

  const chunk = (parts: GeminiPart[], finishReason?: string): string => {
    const candidate: Record<string, unknown> = { content: { role: 'model', parts }, index: 0 };
    if (finishReason) candidate.finishReason = finishReason;
    const body: Record<string, unknown> = { candidates: [candidate] };
    if (usageKnown) body.usageMetadata = encodeGeminiUsage(usage);
    body.modelVersion = opts.model;
    body.responseId = id;
    return `data: ${JSON.stringify(body)}\r\n\r\n`;
  };
  const take = (p: GeminiPart): GeminiPart => {
    if (pending) p.thoughtSignature = pending;
    pending = undefined;
    return p;
  };
  const flushCall = (): string => {
    if (!call) return '';
    const p: GeminiPart = {
      functionCall: { id: call.id, name: call.name, args: parseToolArguments(call.args) },
    };
    if (call.signature) p.thoughtSignature = call.signature;
    call = undefined;
    return chunk([p]);
  };

  return {
    encode(ev: CanonicalStreamEvent): string {
      if (done) return '';
      switch (ev.type) {
        case 'start':
          if (ev.id) id = ev.id;
          if (ev.usage) {
            mergeUsage(usage, ev.usage);
            usageKnown = true;
          }
          return '';
        case 'usage':
          mergeUsage(usage, ev.usage);
          usageKnown = true;
          return '';
        case 'text_delta': {
          afterThought = false;
          return ev.text === '' ? '' : flushCall() + chunk([take({ text: ev.text })]);
        }
        case 'reasoning_delta':
          if (ev.text === '') return '';
          afterThought = true;
          return flushCall() + chunk([{ text: ev.text, thought: true }]);
        case 'reasoning_signature': {
          const sig = encodeGeminiClientSignature(ev.signature, ev.origin);
          if (afterThought) {
            // the signature of the thought just streamed
            afterThought = false;
            return chunk([{ text: '', thought: true, thoughtSignature: sig }]);
          }
          pending = sig;
          return '';
        }
        case 'tool_call_start': {
          afterThought = false;
          const out = flushCall();
          call = { id: ev.id, name: ev.name, args: '' };
          if (pending) call.signature = pending;
          pending = undefined;
          return out;
        }
        case 'tool_call_delta':
          if (call) call.args += ev.argumentsDelta;
          return '';
        case 'finish':
          stop = encodeGeminiFinishReason(ev.stopReason);
          return flushCall();
        case 'error':
          done = true;
          return flushCall() + renderGeminiStreamError(ev.error);
        default:
          return '';
      }
    },
    finish(): string {
      if (done) return '';
      done = true;
      const last = pending ? { text: '', thoughtSignature: pending } : { text: '' };
      return flushCall() + chunk([last], stop ?? 'OTHER');
    },
    keepAlive: () => ': keep-alive\r\n\r\n',
  };
}
