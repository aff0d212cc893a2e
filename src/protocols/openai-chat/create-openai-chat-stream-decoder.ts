// A provider's `chat.completion.chunk` stream -> canonical stream events.
//
// What OpenAI-compatible providers do differently, and how it is read:
// - Azure opens with a `prompt_filter_results` chunk (empty id/model, `choices: []`): no
//   'start' until a chunk with an id, a choice or usage arrives.
// - Reasoning arrives as `delta.reasoning_content` (DeepSeek, xAI, Alibaba) or
//   `delta.reasoning` (Groq, Cerebras).
// - Usage: on a final `choices: []` chunk (OpenAI, Azure, xAI, Alibaba), on the finish chunk
//   (DeepSeek, Cerebras), on the finish chunk and in `x_groq.usage` (Groq), or cumulative on
//   every chunk (Perplexity). Every distinct report becomes a 'usage' event (later ones
//   replace earlier ones).
// - Tool calls are keyed by `tool_calls[].index` and numbered 0, 1, 2… in order of
//   appearance. A new id under an index already in use starts a new call (servers that send
//   each complete call at index 0). A call whose name has not arrived yet is held back
//   until it does.
// - `[DONE]` is ignored; `{"error": …}` becomes an 'error' event.
import {
  type CanonicalStreamEvent,
  kindForStatus,
  newId,
  type SseEvent,
  type StopReason,
  type StreamDecoder,
} from '../../canonical/index.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIUsage } from './map-openai-usage.js';
import { readOpenAIErrorObject } from './parse-openai-upstream-error.js';
import { isObject, type JsonObject } from './read-openai-request-fields.js';

interface ToolCallState {
  id: string;
  name: string;
  /** arguments received before the call could be started */
  pendingArgs: string;
  toolIndex?: number;
}

const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** HTTP-like status of an error sent inside a stream. */
function statusOfStreamError(e: JsonObject, type: string | undefined): number {
  for (const v of [e.status, e.code]) {
    if (typeof v === 'number' && v >= 400 && v <= 599) return v;
  }
  if (type === 'invalid_request_error') return 400;
  if (type === 'authentication_error') return 401;
  if (
    type === 'rate_limit_error' ||
    type === 'tokens' ||
    type === 'requests' ||
    e.code === 'rate_limit_exceeded'
  ) {
    return 429;
  }
  return 502;
}

function errorEvent(chunk: JsonObject): CanonicalStreamEvent {
  const parsed = readOpenAIErrorObject(chunk);
  const e = isObject(chunk.error) ? chunk.error : chunk;
  const status = statusOfStreamError(e, parsed?.type);
  return {
    type: 'error',
    error: {
      status,
      message: parsed?.message ?? 'The upstream provider reported an error.',
      kind: kindForStatus(status),
    },
  };
}

export function createOpenAIChatStreamDecoder(): StreamDecoder {
  let started = false;
  let finished = false;
  let sawRefusal = false;
  let sawToolCall = false;
  let lastUsage = '';
  let nextToolIndex = 0;
  const calls = new Map<number, ToolCallState>();

  const startCall = (call: ToolCallState, out: CanonicalStreamEvent[]) => {
    call.toolIndex = nextToolIndex++;
    sawToolCall = true;
    out.push({ type: 'tool_call_start', toolIndex: call.toolIndex, id: call.id, name: call.name });
    if (call.pendingArgs !== '') {
      out.push({ type: 'tool_call_delta', toolIndex: call.toolIndex, argumentsDelta: call.pendingArgs });
      call.pendingArgs = '';
    }
  };

  const readToolCallDelta = (raw: unknown, position: number, out: CanonicalStreamEvent[]) => {
    if (!isObject(raw)) return;
    const key = typeof raw.index === 'number' ? raw.index : position;
    const fn = isObject(raw.function) ? raw.function : {};
    const id = nonEmpty(raw.id);
    let call = calls.get(key);
    if (!call || (id && call.id !== id && call.toolIndex !== undefined)) {
      call = { id: id ?? newId.toolCall(), name: '', pendingArgs: '' };
      calls.set(key, call);
    } else if (id && call.toolIndex === undefined) {
      call.id = id;
    }
    const name = nonEmpty(fn.name);
    if (name && call.toolIndex === undefined) call.name = name;
    const args =
      typeof fn.arguments === 'string'
        ? fn.arguments
        : isObject(fn.arguments)
          ? JSON.stringify(fn.arguments)
          : '';
    if (call.toolIndex === undefined) {
      call.pendingArgs += args;
      if (call.name !== '') startCall(call, out);
    } else if (args !== '') {
      out.push({ type: 'tool_call_delta', toolIndex: call.toolIndex, argumentsDelta: args });
    }
  };

  /** calls that never got a name are started anyway before the stream finishes */
  const flushCalls = (out: CanonicalStreamEvent[]) => {
    for (const call of calls.values()) if (call.toolIndex === undefined) startCall(call, out);
  };

  const finish = (stopReason: StopReason, out: CanonicalStreamEvent[]) => {
    flushCalls(out);
    finished = true;
    let reason = stopReason;
    if (sawRefusal) reason = 'refusal';
    else if (sawToolCall && reason === 'end_turn') reason = 'tool_use';
    out.push({ type: 'finish', stopReason: reason });
  };

  return {
    decode(ev: SseEvent): CanonicalStreamEvent[] {
      const data = ev.data.trim();
      if (data === '' || data === '[DONE]') return [];
      let chunk: unknown;
      try {
        chunk = JSON.parse(data);
      } catch {
        return [
          {
            type: 'error',
            error: {
              status: 502,
              kind: 'upstream_error',
              message: `The upstream provider sent a stream event that is not JSON: ${data.slice(0, 200)}`,
            },
          },
        ];
      }
      if (!isObject(chunk)) return [];
      if (chunk.error !== undefined && chunk.error !== null) return [errorEvent(chunk)];

      const out: CanonicalStreamEvent[] = [];
      const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
      const usage = isObject(chunk.usage)
        ? chunk.usage
        : isObject(chunk.x_groq) && isObject(chunk.x_groq.usage)
          ? chunk.x_groq.usage
          : undefined;

      if (!started) {
        if (!nonEmpty(chunk.id) && choices.length === 0 && !usage) return out;
        started = true;
        out.push({
          type: 'start',
          id: nonEmpty(chunk.id) ?? '',
          model: nonEmpty(chunk.model) ?? '',
          created:
            typeof chunk.created === 'number' && chunk.created > 0
              ? chunk.created
              : Math.floor(Date.now() / 1000),
        });
      }

      const choice = choices.find((c) => isObject(c) && (c.index ?? 0) === 0);
      if (isObject(choice) && !finished) {
        const delta = isObject(choice.delta) ? choice.delta : {};
        const reasoning = nonEmpty(delta.reasoning_content) ?? nonEmpty(delta.reasoning);
        if (reasoning) out.push({ type: 'reasoning_delta', text: reasoning });
        const text = nonEmpty(delta.content);
        if (text) out.push({ type: 'text_delta', text });
        const refusal = nonEmpty(delta.refusal);
        if (refusal) {
          sawRefusal = true;
          out.push({ type: 'text_delta', text: refusal });
        }
        const toolCalls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
        for (const [j, tc] of toolCalls.entries()) readToolCallDelta(tc, j, out);
        if (isObject(delta.function_call))
          readToolCallDelta({ index: -1, function: delta.function_call }, 0, out);
        const reason = nonEmpty(choice.finish_reason);
        if (reason) finish(mapOpenAIFinishReason(reason), out);
      }

      if (usage) {
        const mapped = mapOpenAIUsage(usage);
        const key = JSON.stringify(mapped);
        if (key !== lastUsage) {
          lastUsage = key;
          out.push({ type: 'usage', usage: mapped });
        }
      }
      return out;
    },

    finish(): CanonicalStreamEvent[] {
      if (!started || finished) return [];
      // the stream ended without a finish_reason: it was cut off
      const out: CanonicalStreamEvent[] = [];
      finish('unknown', out);
      return out;
    },
  };
}
