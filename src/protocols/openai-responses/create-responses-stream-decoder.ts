// A Responses API event stream -> canonical stream events.
//
// Text comes from output_text (and refusal) deltas, reasoning from reasoning summary deltas (and
// the reasoning_text deltas of servers that send raw reasoning, such as LM Studio), tool calls
// from function_call items and their argument deltas. Some servers send a call's arguments only
// in `…arguments.done` or in the finished item: those are emitted then, once. The finished
// response (completed / incomplete) gives usage and the stop reason; `response.failed` and
// `error` events are errors.
import type { CanonicalStreamEvent, SseEvent, StreamDecoder } from '../../canonical/index.js';
import { kindForStatus } from '../../canonical/index.js';
import { responsesStopReason } from './decode-responses-response.js';
import { mapResponsesUsage } from './map-responses-usage.js';
import { canonicalToolName } from './responses-tool-names.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

interface ToolState {
  toolIndex: number;
  sentArguments: boolean;
}

function errorStatus(code: string): number {
  if (code === 'rate_limit_exceeded') return 429;
  if (code === 'invalid_prompt' || code.startsWith('invalid')) return 400;
  return 500;
}

export function createResponsesStreamDecoder(): StreamDecoder {
  const tools = new Map<string, ToolState>();
  let nextTool = 0;
  let sawTool = false;
  let started = false;
  let lastSummary = -1;
  let lastReasoningItem = '';

  const toolOf = (itemId: unknown) => tools.get(str(itemId));
  const args = (t: ToolState | undefined, text: string): CanonicalStreamEvent[] => {
    if (!t || t.sentArguments || text === '') return [];
    t.sentArguments = true;
    return [{ type: 'tool_call_delta', toolIndex: t.toolIndex, argumentsDelta: text }];
  };

  function decodeData(j: Json): CanonicalStreamEvent[] {
    switch (j.type) {
      case 'response.created':
      case 'response.in_progress': {
        if (started) return [];
        started = true;
        const r = isObj(j.response) ? j.response : {};
        return [
          {
            type: 'start',
            id: str(r.id),
            model: str(r.model),
            created: typeof r.created_at === 'number' ? r.created_at : Math.floor(Date.now() / 1000),
          },
        ];
      }
      case 'response.output_item.added': {
        const item = isObj(j.item) ? j.item : {};
        if (item.type !== 'function_call' && item.type !== 'custom_tool_call') return [];
        sawTool = true;
        const t = { toolIndex: nextTool++, sentArguments: false };
        tools.set(str(item.id), t);
        const name = canonicalToolName(str(item.name), str(item.namespace) || undefined);
        const out: CanonicalStreamEvent[] = [
          { type: 'tool_call_start', toolIndex: t.toolIndex, id: str(item.call_id), name },
        ];
        return out.concat(args(t, str(item.arguments)));
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return str(j.delta) ? [{ type: 'text_delta', text: str(j.delta) }] : [];
      case 'response.reasoning_summary_part.added': {
        // summaries of one item are separate paragraphs
        const item = str(j.item_id);
        const index = typeof j.summary_index === 'number' ? j.summary_index : 0;
        const sep = item === lastReasoningItem && index > lastSummary && lastSummary >= 0;
        lastReasoningItem = item;
        lastSummary = index;
        return sep ? [{ type: 'reasoning_delta', text: '\n\n' }] : [];
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return str(j.delta) ? [{ type: 'reasoning_delta', text: str(j.delta) }] : [];
      case 'response.function_call_arguments.delta': {
        const t = toolOf(j.item_id);
        if (!t || !str(j.delta)) return [];
        t.sentArguments = true;
        return [{ type: 'tool_call_delta', toolIndex: t.toolIndex, argumentsDelta: str(j.delta) }];
      }
      case 'response.function_call_arguments.done':
        return args(toolOf(j.item_id), str(j.arguments));
      case 'response.output_item.done': {
        const item = isObj(j.item) ? j.item : {};
        if (item.type === 'function_call') return args(toolOf(item.id), str(item.arguments));
        if (item.type === 'custom_tool_call')
          return args(toolOf(item.id), JSON.stringify({ input: str(item.input) }));
        if (item.type === 'reasoning' && str(item.encrypted_content))
          return [{ type: 'reasoning_signature', signature: str(item.encrypted_content), origin: 'openai' }];
        return [];
      }
      case 'response.completed':
      case 'response.incomplete': {
        const r = isObj(j.response) ? j.response : {};
        const content = sawTool ? [{ type: 'tool_call' as const, id: '', name: '', arguments: '' }] : [];
        return [
          { type: 'usage', usage: mapResponsesUsage(r.usage) },
          { type: 'finish', stopReason: responsesStopReason(r, content) },
        ];
      }
      case 'response.failed': {
        const r = isObj(j.response) ? j.response : {};
        const err = isObj(r.error) ? r.error : {};
        const status = errorStatus(str(err.code));
        return [
          {
            type: 'error',
            error: {
              status,
              kind: kindForStatus(status),
              message: str(err.message) || 'the response failed',
            },
          },
        ];
      }
      case 'error': {
        const err = isObj(j.error) ? j.error : j;
        const status = errorStatus(str(err.code) || str(err.type));
        return [
          {
            type: 'error',
            error: { status, kind: kindForStatus(status), message: str(err.message) || 'stream error' },
          },
        ];
      }
      default:
        return [];
    }
  }

  return {
    decode(ev: SseEvent): CanonicalStreamEvent[] {
      if (ev.data === '[DONE]' || ev.data.trim() === '') return [];
      let j: unknown;
      try {
        j = JSON.parse(ev.data);
      } catch {
        return [
          {
            type: 'error',
            error: {
              status: 502,
              kind: 'upstream_error',
              message: 'the provider sent an event that is not JSON',
            },
          },
        ];
      }
      return isObj(j) ? decodeData(j) : [];
    },
    finish: () => [],
  };
}
