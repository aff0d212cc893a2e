// Canonical stream events -> `chat.completion.chunk` SSE, chunk for chunk as OpenAI sends:
//
//   data: {…"delta":{"role":"assistant","content":"","refusal":null}…}   first chunk
//   data: {…"delta":{"content":"Hel"}…}                                   text
//   data: {…"delta":{"reasoning_content":"…"}…}                           reasoning (DeepSeek's field)
//   data: {…"delta":{"tool_calls":[{"index":0,"id":…,"type":"function","function":{"name":…,"arguments":""}}]}…}
//   data: {…"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"a"}}]}…}
//   data: {…"delta":{},"finish_reason":"stop"}…}
//   data: {…"choices":[],"usage":{…}}                                     only with include_usage
//   data: [DONE]
//
// With include_usage every other chunk carries `"usage": null`, as OpenAI's do.
//
// Errors: a canonical 'error' event becomes `data: {"error":{message,type,param,code}}` and
// the stream ends there, without [DONE]: that is what OpenAI does, and OpenAI's SDKs throw an
// APIError on that event, so nothing after it would be read anyway.
import {
  type CanonicalStreamEvent,
  emptyUsage,
  mergeUsage,
  newId,
  type StreamEncoder,
  type StreamEncoderOptions,
  type Usage,
} from '../../canonical/index.js';
import { toOpenAIFinishReason } from './map-openai-finish-reason.js';
import { toOpenAIUsage } from './map-openai-usage.js';
import type {
  OpenAIChatCompletionChunk,
  OpenAIChunkDelta,
  OpenAIFinishReason,
} from './openai-chat-wire-types.js';
import { renderOpenAIStreamError } from './render-openai-error.js';

export function createOpenAIChatStreamEncoder(opts: StreamEncoderOptions): StreamEncoder {
  let id = opts.id || newId.chatCompletion();
  let created = Math.floor(Date.now() / 1000);
  let started = false;
  let finishSent = false;
  let sawToolCall = false;
  let closed = false;
  const usage: Usage = emptyUsage();

  const chunk = (
    choices: OpenAIChatCompletionChunk['choices'],
    extra?: Pick<OpenAIChatCompletionChunk, 'usage'>,
  ): string => {
    const c: OpenAIChatCompletionChunk = {
      id,
      object: 'chat.completion.chunk',
      created,
      model: opts.model,
      choices,
    };
    if (opts.includeUsage) c.usage = null;
    if (extra) Object.assign(c, extra);
    return `data: ${JSON.stringify(c)}\n\n`;
  };
  const delta = (d: OpenAIChunkDelta, finishReason: OpenAIFinishReason | null = null) =>
    chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finishReason }]);

  /** the role chunk, once, before anything else */
  const ensureStarted = (): string => {
    if (started) return '';
    started = true;
    return delta({ role: 'assistant', content: '', refusal: null });
  };

  return {
    encode(ev: CanonicalStreamEvent): string {
      if (closed) return '';
      switch (ev.type) {
        case 'start':
          if (ev.id && !started) id = ev.id;
          if (ev.created && !started) created = ev.created;
          if (ev.usage) mergeUsage(usage, ev.usage);
          return ensureStarted();
        case 'text_delta':
          return ev.text === '' ? '' : ensureStarted() + delta({ content: ev.text });
        case 'reasoning_delta':
          return ev.text === '' ? '' : ensureStarted() + delta({ reasoning_content: ev.text });
        case 'tool_call_start':
          sawToolCall = true;
          return (
            ensureStarted() +
            delta({
              tool_calls: [
                {
                  index: ev.toolIndex,
                  id: ev.id,
                  type: 'function',
                  function: { name: ev.name, arguments: '' },
                },
              ],
            })
          );
        case 'tool_call_delta':
          if (ev.argumentsDelta === '') return '';
          return (
            ensureStarted() +
            delta({ tool_calls: [{ index: ev.toolIndex, function: { arguments: ev.argumentsDelta } }] })
          );
        case 'usage':
          mergeUsage(usage, ev.usage);
          return '';
        case 'finish':
          if (finishSent) return '';
          finishSent = true;
          return ensureStarted() + delta({}, toOpenAIFinishReason(ev.stopReason));
        case 'error':
          closed = true;
          return renderOpenAIStreamError(ev.error);
        default:
          // reasoning signatures and redacted reasoning have no OpenAI form
          return '';
      }
    },

    finish(): string {
      if (closed) return '';
      closed = true;
      let out = ensureStarted();
      if (!finishSent) {
        finishSent = true;
        out += delta({}, sawToolCall ? 'tool_calls' : 'stop');
      }
      if (opts.includeUsage) out += chunk([], { usage: toOpenAIUsage(usage) });
      return `${out}data: [DONE]\n\n`;
    },

    keepAlive: () => ': keep-alive\n\n',
  };
}
