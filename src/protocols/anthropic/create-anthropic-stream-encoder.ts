// Canonical stream events into Anthropic's SSE event sequence:
//
//   message_start
//   (content_block_start, content_block_delta*, content_block_stop)*
//   message_delta {stop_reason, stop_sequence, usage}
//   message_stop
//
// One content block is open at a time. A new block starts whenever the kind changes (text,
// thinking, tool_use) and for every tool call; redacted thinking is a block of its own that
// starts and stops at once. A canonical finish is held back until finish(), because the
// final usage may still arrive after it and message_delta has to carry it.
//
// Another provider's signature or redacted data is wrapped so that it is recognised when the
// client sends it back (wrap-foreign-signature.ts).
//
// Anthropic's message_delta always carries usage, so `includeUsage` is not consulted.
//
// Tool-call arguments of a call whose block is already closed cannot be sent any more
// (Anthropic blocks cannot be reopened); canonical decoders send each call's arguments
// before the next call starts, so this does not happen in practice.
import {
  type CanonicalStreamEvent,
  newId,
  type StopReason,
  type StreamEncoder,
  type StreamEncoderOptions,
  type Usage,
} from '../../canonical/index.js';
import { formatSse } from '../sse/index.js';
import { usageToAnthropic } from './convert-anthropic-usage.js';
import { stopReasonToAnthropic } from './map-anthropic-stop-reason.js';
import { renderAnthropicStreamError } from './render-error.js';
import { wrapForeignSignature } from './wrap-foreign-signature.js';

type OpenBlock =
  | { kind: 'text'; index: number }
  | { kind: 'thinking'; index: number; signed: boolean }
  | { kind: 'tool'; index: number; toolIndex: number };

const sse = (type: string, payload: Record<string, unknown>) =>
  formatSse(JSON.stringify({ type, ...payload }), type);

export function createAnthropicStreamEncoder(opts: StreamEncoderOptions): StreamEncoder {
  let started = false;
  let done = false;
  let nextIndex = 0;
  let open: OpenBlock | undefined;
  const usage: Partial<Usage> = {};
  let stop: { stopReason: StopReason; stopSequence: string | null } | undefined;

  function start(id?: string): string {
    if (started) return '';
    started = true;
    const u = usageToAnthropic(usage);
    return sse('message_start', {
      message: {
        id: id || opts.id || newId.anthropicMessage(),
        type: 'message',
        role: 'assistant',
        model: opts.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: u,
      },
    });
  }

  function close(): string {
    if (!open) return '';
    const out = sse('content_block_stop', { index: open.index });
    open = undefined;
    return out;
  }

  function begin(block: OpenBlock, contentBlock: Record<string, unknown>): string {
    const out = close() + sse('content_block_start', { index: block.index, content_block: contentBlock });
    open = block;
    return out;
  }

  function ensureText(): string {
    if (open?.kind === 'text') return '';
    return begin({ kind: 'text', index: nextIndex++ }, { type: 'text', text: '' });
  }

  function ensureThinking(forText: boolean): string {
    // thinking text after its signature belongs to a new thinking block
    if (open?.kind === 'thinking' && !(forText && open.signed)) return '';
    return begin(
      { kind: 'thinking', index: nextIndex++, signed: false },
      { type: 'thinking', thinking: '', signature: '' },
    );
  }

  function delta(index: number, d: Record<string, unknown>): string {
    return sse('content_block_delta', { index, delta: d });
  }

  function encodeEvent(ev: CanonicalStreamEvent): string {
    switch (ev.type) {
      case 'start':
        if (ev.usage) Object.assign(usage, ev.usage);
        return start(ev.id);
      case 'text_delta': {
        if (ev.text === '') return start();
        const out = start() + ensureText();
        return out + delta(open!.index, { type: 'text_delta', text: ev.text });
      }
      case 'reasoning_delta': {
        if (ev.text === '') return start();
        const out = start() + ensureThinking(true);
        return out + delta(open!.index, { type: 'thinking_delta', thinking: ev.text });
      }
      case 'reasoning_signature': {
        const out = start() + ensureThinking(false);
        (open as Extract<OpenBlock, { kind: 'thinking' }>).signed = true;
        const signature = wrapForeignSignature(ev.signature, ev.origin);
        return out + delta(open!.index, { type: 'signature_delta', signature });
      }
      case 'redacted_reasoning': {
        const index = nextIndex++;
        return (
          start() +
          close() +
          sse('content_block_start', {
            index,
            content_block: { type: 'redacted_thinking', data: wrapForeignSignature(ev.data, ev.origin) },
          }) +
          sse('content_block_stop', { index })
        );
      }
      case 'tool_call_start':
        return (
          start() +
          begin(
            { kind: 'tool', index: nextIndex++, toolIndex: ev.toolIndex },
            { type: 'tool_use', id: ev.id || newId.anthropicToolUse(), name: ev.name, input: {} },
          )
        );
      case 'tool_call_delta': {
        if (open?.kind !== 'tool' || open.toolIndex !== ev.toolIndex || ev.argumentsDelta === '')
          return start();
        return start() + delta(open.index, { type: 'input_json_delta', partial_json: ev.argumentsDelta });
      }
      case 'usage':
        Object.assign(usage, ev.usage);
        return '';
      case 'finish':
        stop = { stopReason: ev.stopReason, stopSequence: ev.stopSequence ?? null };
        return '';
      case 'error':
        // Anthropic ends a failed stream with the error event alone
        done = true;
        return renderAnthropicStreamError(ev.error);
    }
  }

  return {
    encode(ev) {
      if (done) return '';
      return encodeEvent(ev);
    },
    finish() {
      if (done) return '';
      done = true;
      const out = start() + close();
      const u = usageToAnthropic(usage);
      const finalUsage: Record<string, unknown> = { output_tokens: u.output_tokens };
      if (usage.inputTokens !== undefined) {
        finalUsage.input_tokens = u.input_tokens;
        finalUsage.cache_creation_input_tokens = u.cache_creation_input_tokens;
        finalUsage.cache_read_input_tokens = u.cache_read_input_tokens;
      }
      if (u.output_tokens_details) finalUsage.output_tokens_details = u.output_tokens_details;
      return (
        out +
        sse('message_delta', {
          delta: {
            stop_reason: stopReasonToAnthropic(stop?.stopReason ?? 'end_turn'),
            stop_sequence: stop?.stopSequence ?? null,
          },
          usage: finalUsage,
        }) +
        sse('message_stop', {})
      );
    },
    keepAlive() {
      return 'event: ping\ndata: {"type": "ping"}\n\n';
    },
  };
}
