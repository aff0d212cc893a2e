import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAnthropicStreamSequence } from '../../../test/schemas/anthropic.js';
import type { CanonicalStreamEvent, StreamEncoderOptions } from '../../canonical/index.js';
import { createSseReader } from '../sse/index.js';
import { createAnthropicStreamEncoder } from './create-anthropic-stream-encoder.js';

type Json = Record<string, any>;

function run(
  events: CanonicalStreamEvent[],
  opts: StreamEncoderOptions = { model: 'client-model', includeUsage: true, id: 'msg_gw' },
) {
  const enc = createAnthropicStreamEncoder(opts);
  const wire = events.map((e) => enc.encode(e)).join('') + enc.finish();
  return { wire, payloads: assertAnthropicStreamSequence(createSseReader().push(wire)) };
}

const start: CanonicalStreamEvent = {
  type: 'start',
  id: 'chatcmpl-1',
  model: 'gpt-x',
  created: 1,
  usage: { inputTokens: 120, cacheReadTokens: 100, cacheWriteTokens: 0 },
};

describe('createAnthropicStreamEncoder', () => {
  test('text stream: complete, well-formed sequence', () => {
    const { wire, payloads } = run([
      start,
      { type: 'text_delta', text: 'Hel' },
      { type: 'text_delta', text: 'lo' },
      { type: 'finish', stopReason: 'end_turn' },
      { type: 'usage', usage: { outputTokens: 5, inputTokens: 120, cacheReadTokens: 100 } },
    ]);
    assert.ok(wire.startsWith('event: message_start\ndata: {'));
    assert.deepEqual(
      payloads.map((p) => p.type),
      [
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ],
    );
    assert.deepEqual(payloads[0]!.message, {
      id: 'chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'client-model',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 20,
        output_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 100,
      },
    });
    assert.deepEqual(payloads[1]!.content_block, { type: 'text', text: '' });
    assert.deepEqual(payloads[2]!.delta, { type: 'text_delta', text: 'Hel' });
    // finish came before the final usage: message_delta still carries it
    assert.deepEqual(payloads[5], {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        output_tokens: 5,
        input_tokens: 20,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 100,
      },
    });
  });

  test('a finish emits nothing until finish()', () => {
    const enc = createAnthropicStreamEncoder({ model: 'm', includeUsage: true });
    enc.encode(start);
    assert.equal(enc.encode({ type: 'finish', stopReason: 'end_turn' }), '');
    assert.match(enc.finish(), /message_delta[\s\S]*message_stop/);
    assert.equal(enc.finish(), '', 'finish is idempotent');
  });

  test('block kinds change: thinking → text → tool_use → tool_use, each call its own block', () => {
    const { payloads } = run([
      start,
      { type: 'reasoning_delta', text: 'Let me think' },
      { type: 'reasoning_signature', signature: 'sig==' },
      { type: 'text_delta', text: 'Calling tools.' },
      { type: 'tool_call_start', toolIndex: 0, id: 'call_a', name: 'f' },
      { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"x":' },
      { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '1}' },
      { type: 'tool_call_start', toolIndex: 1, id: 'call_b', name: 'g' },
      { type: 'tool_call_delta', toolIndex: 1, argumentsDelta: '{}' },
      { type: 'finish', stopReason: 'tool_use' },
    ]);
    const starts = payloads.filter((p) => p.type === 'content_block_start');
    assert.deepEqual(
      starts.map((p) => [p.index, p.content_block]),
      [
        [0, { type: 'thinking', thinking: '', signature: '' }],
        [1, { type: 'text', text: '' }],
        [2, { type: 'tool_use', id: 'call_a', name: 'f', input: {} }],
        [3, { type: 'tool_use', id: 'call_b', name: 'g', input: {} }],
      ],
    );
    const deltas = payloads.filter((p) => p.type === 'content_block_delta').map((p) => [p.index, p.delta]);
    assert.deepEqual(deltas, [
      [0, { type: 'thinking_delta', thinking: 'Let me think' }],
      [0, { type: 'signature_delta', signature: 'sig==' }],
      [1, { type: 'text_delta', text: 'Calling tools.' }],
      [2, { type: 'input_json_delta', partial_json: '{"x":' }],
      [2, { type: 'input_json_delta', partial_json: '1}' }],
      [3, { type: 'input_json_delta', partial_json: '{}' }],
    ]);
    assert.equal(payloads.at(-2)!.delta.stop_reason, 'tool_use');
  });

  test('thinking after a signature starts a new thinking block; a bare signature gets one', () => {
    const { payloads } = run([
      { type: 'reasoning_delta', text: 'a' },
      { type: 'reasoning_signature', signature: 's1' },
      { type: 'reasoning_delta', text: 'b' },
      { type: 'text_delta', text: 'x' },
      { type: 'reasoning_signature', signature: 's2' },
    ]);
    const kinds = payloads.filter((p) => p.type === 'content_block_start').map((p) => p.content_block.type);
    assert.deepEqual(kinds, ['thinking', 'thinking', 'text', 'thinking']);
  });

  test('redacted reasoning is a block that starts and stops at once', () => {
    const { payloads } = run([
      start,
      { type: 'text_delta', text: 'a' },
      { type: 'redacted_reasoning', data: 'opaque' },
      { type: 'text_delta', text: 'b' },
    ]);
    assert.deepEqual(
      payloads.slice(1, -2).map((p) => [p.type, p.index]),
      [
        ['content_block_start', 0],
        ['content_block_delta', 0],
        ['content_block_stop', 0],
        ['content_block_start', 1],
        ['content_block_stop', 1],
        ['content_block_start', 2],
        ['content_block_delta', 2],
        ['content_block_stop', 2],
      ],
    );
    assert.deepEqual(payloads[4]!.content_block, { type: 'redacted_thinking', data: 'opaque' });
  });

  test("another provider's signature and redacted data are wrapped with their origin; Anthropic's are not", () => {
    const { payloads } = run([
      start,
      { type: 'reasoning_signature', signature: 'G-SIG', origin: 'gemini' },
      { type: 'text_delta', text: 'a' },
      { type: 'reasoning_delta', text: 'b' },
      { type: 'reasoning_signature', signature: 'A-SIG', origin: 'anthropic' },
      { type: 'redacted_reasoning', data: 'G-DATA', origin: 'gemini' },
      { type: 'redacted_reasoning', data: 'A-DATA', origin: 'anthropic' },
    ]);
    const signatures = payloads
      .filter((p) => p.type === 'content_block_delta' && p.delta.type === 'signature_delta')
      .map((p) => p.delta.signature);
    assert.deepEqual(signatures, ['sy1.gemini.G-SIG', 'A-SIG']);
    const redacted = payloads
      .filter((p) => p.type === 'content_block_start' && p.content_block.type === 'redacted_thinking')
      .map((p) => p.content_block.data);
    assert.deepEqual(redacted, ['sy1.gemini.G-DATA', 'A-DATA']);
  });

  test('events before start: message_start is synthesised with the given id and model', () => {
    const { payloads } = run([{ type: 'text_delta', text: 'hi' }], {
      model: 'alias',
      includeUsage: false,
      id: 'msg_given',
    });
    assert.equal(payloads[0]!.message.id, 'msg_given');
    assert.equal(payloads[0]!.message.model, 'alias');
    assert.equal(payloads[0]!.message.usage.input_tokens, 0);
    // a start arriving later does not open a second message
    const enc = createAnthropicStreamEncoder({ model: 'm', includeUsage: true, id: 'msg_x' });
    enc.encode({ type: 'text_delta', text: 'a' });
    assert.equal(enc.encode(start), '');
  });

  test('without any usage, message_delta has output_tokens only; no id at all gets a msg_ id', () => {
    const { payloads } = run([{ type: 'finish', stopReason: 'max_tokens', stopSequence: null }], {
      model: 'm',
      includeUsage: true,
    });
    assert.match(payloads[0]!.message.id, /^msg_/);
    assert.deepEqual(payloads.at(-2), {
      type: 'message_delta',
      delta: { stop_reason: 'max_tokens', stop_sequence: null },
      usage: { output_tokens: 0 },
    });
  });

  test('stop sequence and canonical-only stop reasons', () => {
    const { payloads } = run([
      start,
      { type: 'text_delta', text: 'a' },
      { type: 'finish', stopReason: 'stop_sequence', stopSequence: 'END' },
    ]);
    assert.deepEqual(payloads.at(-2)!.delta, { stop_reason: 'stop_sequence', stop_sequence: 'END' });
    const filtered = run([start, { type: 'finish', stopReason: 'content_filter' }]).payloads;
    assert.equal(filtered.at(-2)!.delta.stop_reason, 'refusal');
  });

  test('usage with reasoning tokens reaches message_delta', () => {
    const { payloads } = run([start, { type: 'usage', usage: { outputTokens: 40, reasoningTokens: 30 } }]);
    assert.deepEqual(payloads.at(-2)!.usage.output_tokens_details, { thinking_tokens: 30 });
  });

  test('an error event ends the stream with event: error', () => {
    const enc = createAnthropicStreamEncoder({ model: 'm', includeUsage: true });
    const out =
      enc.encode(start) +
      enc.encode({ type: 'text_delta', text: 'a' }) +
      enc.encode({ type: 'error', error: { status: 529, message: 'Overloaded', kind: 'overloaded' } });
    const events = createSseReader().push(out);
    const last = events.at(-1)!;
    assert.equal(last.event, 'error');
    assert.deepEqual(JSON.parse(last.data), {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    assert.equal(enc.encode({ type: 'text_delta', text: 'more' }), '');
    assert.equal(enc.finish(), '');
    assertAnthropicStreamSequence(events);
  });

  test('keepAlive is a ping event', () => {
    const enc = createAnthropicStreamEncoder({ model: 'm', includeUsage: true });
    const ping = enc.keepAlive();
    assert.equal(ping, 'event: ping\ndata: {"type": "ping"}\n\n');
    const [ev] = createSseReader().push(ping);
    assert.deepEqual(JSON.parse(ev!.data) as Json, { type: 'ping' });
  });

  test('empty deltas open nothing', () => {
    const { payloads } = run([
      start,
      { type: 'text_delta', text: '' },
      { type: 'reasoning_delta', text: '' },
    ]);
    assert.equal(payloads.filter((p) => p.type === 'content_block_start').length, 0);
  });
});
