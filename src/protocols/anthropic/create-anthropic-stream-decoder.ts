// Anthropic's streaming events into canonical stream events.
//
// message_start → start (with the usage known so far); content_block_start/delta/stop by
// block type: text and thinking deltas, signature_delta → reasoning_signature,
// redacted_thinking → redacted_reasoning (both with origin 'anthropic', so no other provider
// is sent them), tool_use → tool_call_start + tool_call_delta;
// message_delta → usage, then finish; ping is ignored; an `error` event → error.
//
// Quirks handled:
// - Blocks from Anthropic's server tools (server_tool_use, *_tool_result, mcp_tool_use,
//   compaction, …) are skipped with their deltas: they must not turn into tool calls.
// - A tool_use whose input arrives whole in content_block_start (programmatic tool calling)
//   or whose deltas are all empty (a tool without arguments) gets its input as one delta at
//   content_block_stop, so the accumulated arguments are always valid JSON.
// - A message_start can carry finished content and a stop_reason, followed directly by
//   message_stop (programmatic tool calling): its blocks are emitted in full and the stop
//   reason becomes the finish at message_stop.
import {
  type CanonicalStreamEvent,
  kindForStatus,
  type SseEvent,
  type StopReason,
  type StreamDecoder,
} from '../../canonical/index.js';
import { createAnthropicUsageTracker } from './convert-anthropic-usage.js';
import { statusForErrorType } from './map-anthropic-error-type.js';
import { stopReasonFromAnthropic } from './map-anthropic-stop-reason.js';
import { isRecord, type JsonObject } from './read-request-fields.js';

type Block =
  | { kind: 'text' }
  | { kind: 'thinking' }
  | { kind: 'redacted' }
  | { kind: 'tool'; toolIndex: number; args: string; input: unknown }
  | { kind: 'skip' };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function createAnthropicStreamDecoder(): StreamDecoder {
  let blocks = new Map<number, Block>();
  const usage = createAnthropicUsageTracker();
  let toolCount = 0;
  let started = false;
  let finished = false;
  let pendingStop: { stopReason: StopReason; stopSequence: string | null } | undefined;

  function openBlock(cb: unknown, out: CanonicalStreamEvent[]): Block {
    if (!isRecord(cb)) return { kind: 'skip' };
    switch (cb.type) {
      case 'text': {
        const text = str(cb.text);
        if (text) out.push({ type: 'text_delta', text });
        return { kind: 'text' };
      }
      case 'thinking': {
        const text = str(cb.thinking);
        if (text) out.push({ type: 'reasoning_delta', text });
        const signature = str(cb.signature);
        if (signature) out.push({ type: 'reasoning_signature', signature, origin: 'anthropic' });
        return { kind: 'thinking' };
      }
      case 'redacted_thinking':
        out.push({ type: 'redacted_reasoning', data: str(cb.data), origin: 'anthropic' });
        return { kind: 'redacted' };
      case 'tool_use': {
        const toolIndex = toolCount++;
        out.push({ type: 'tool_call_start', toolIndex, id: str(cb.id), name: str(cb.name) });
        return { kind: 'tool', toolIndex, args: '', input: cb.input };
      }
      default:
        return { kind: 'skip' };
    }
  }

  function closeBlock(block: Block | undefined, out: CanonicalStreamEvent[]): void {
    if (block?.kind !== 'tool' || block.args !== '') return;
    const argumentsDelta = JSON.stringify(isRecord(block.input) ? block.input : {});
    block.args = argumentsDelta;
    out.push({ type: 'tool_call_delta', toolIndex: block.toolIndex, argumentsDelta });
  }

  function delta(block: Block | undefined, d: unknown, out: CanonicalStreamEvent[]): void {
    if (!isRecord(d) || block?.kind === 'skip' || block?.kind === 'redacted') return;
    switch (d.type) {
      case 'text_delta': {
        const text = str(d.text);
        if (text) out.push({ type: 'text_delta', text });
        return;
      }
      case 'thinking_delta': {
        const text = str(d.thinking);
        if (text) out.push({ type: 'reasoning_delta', text });
        return;
      }
      case 'signature_delta': {
        const signature = str(d.signature);
        if (signature) out.push({ type: 'reasoning_signature', signature, origin: 'anthropic' });
        return;
      }
      case 'input_json_delta': {
        const argumentsDelta = str(d.partial_json);
        if (block?.kind !== 'tool' || argumentsDelta === '') return;
        block.args += argumentsDelta;
        out.push({ type: 'tool_call_delta', toolIndex: block.toolIndex, argumentsDelta });
        return;
      }
      // citations_delta, compaction_delta and anything newer: no canonical equivalent
      default:
        return;
    }
  }

  function finishEvent(stopReason: StopReason, stopSequence: string | null): CanonicalStreamEvent[] {
    if (finished) return [];
    finished = true;
    return [{ type: 'finish', stopReason, stopSequence }];
  }

  function messageStart(msg: JsonObject, out: CanonicalStreamEvent[]): void {
    blocks = new Map();
    const u = usage.update(msg.usage);
    if (!started) {
      started = true;
      out.push({
        type: 'start',
        id: str(msg.id),
        model: str(msg.model),
        created: Math.floor(Date.now() / 1000),
        usage: u,
      });
    } else if (Object.keys(u).length) {
      out.push({ type: 'usage', usage: u });
    }
    if (Array.isArray(msg.content)) {
      for (const cb of msg.content) closeBlock(openBlock(cb, out), out);
    }
    if (typeof msg.stop_reason === 'string') {
      pendingStop = {
        stopReason: stopReasonFromAnthropic(msg.stop_reason),
        stopSequence: typeof msg.stop_sequence === 'string' ? msg.stop_sequence : null,
      };
    }
  }

  function decodePayload(p: JsonObject, eventName: string | undefined): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    const type = typeof p.type === 'string' ? p.type : eventName;
    const index = typeof p.index === 'number' ? p.index : -1;
    switch (type) {
      case 'message_start':
        if (isRecord(p.message)) messageStart(p.message, out);
        break;
      case 'content_block_start':
        blocks.set(index, openBlock(p.content_block, out));
        break;
      case 'content_block_delta':
        delta(blocks.get(index), p.delta, out);
        break;
      case 'content_block_stop':
        closeBlock(blocks.get(index), out);
        break;
      case 'message_delta': {
        const u = usage.update(p.usage);
        if (Object.keys(u).length) out.push({ type: 'usage', usage: u });
        const d = isRecord(p.delta) ? p.delta : {};
        if (typeof d.stop_reason === 'string') {
          out.push(
            ...finishEvent(
              stopReasonFromAnthropic(d.stop_reason),
              typeof d.stop_sequence === 'string' ? d.stop_sequence : null,
            ),
          );
        }
        break;
      }
      case 'message_stop':
        if (pendingStop) out.push(...finishEvent(pendingStop.stopReason, pendingStop.stopSequence));
        break;
      case 'error': {
        const e = isRecord(p.error) ? p.error : {};
        const status = statusForErrorType(e.type);
        out.push({
          type: 'error',
          error: { status, message: str(e.message) || 'Anthropic stream error', kind: kindForStatus(status) },
        });
        break;
      }
      // ping and event types added later
      default:
        break;
    }
    return out;
  }

  return {
    decode(ev: SseEvent): CanonicalStreamEvent[] {
      const data = ev.data.trim();
      if (data === '' || data === '[DONE]') return [];
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        return [
          {
            type: 'error',
            error: {
              status: 502,
              message: `Anthropic upstream sent a stream event that is not JSON: ${data.slice(0, 200)}`,
              kind: 'upstream_error',
            },
          },
        ];
      }
      return isRecord(payload) ? decodePayload(payload, ev.event) : [];
    },
    finish(): CanonicalStreamEvent[] {
      return pendingStop ? finishEvent(pendingStop.stopReason, pendingStop.stopSequence) : [];
    },
  };
}
