import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import { createAnthropicStreamDecoder } from './create-anthropic-stream-decoder.js';

type Json = Record<string, unknown>;

const sse = (p: Json) => ({ event: p.type as string, data: JSON.stringify(p) });
function decodeAll(payloads: Json[]): CanonicalStreamEvent[] {
  const d = createAnthropicStreamDecoder();
  return [...payloads.flatMap((p) => d.decode(sse(p))), ...d.finish()];
}

const messageStart = (usage: Json = { input_tokens: 10, output_tokens: 1 }, extra: Json = {}) => ({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-x',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage,
    ...extra,
  },
});
const withoutCreated = (events: CanonicalStreamEvent[]) =>
  events.map((e) => (e.type === 'start' ? { ...e, created: 0 } : e));

describe('createAnthropicStreamDecoder', () => {
  test('text, usage, finish', () => {
    const events = decodeAll([
      messageStart({
        input_tokens: 10,
        cache_read_input_tokens: 5,
        cache_creation_input_tokens: 0,
        output_tokens: 1,
      }),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'ping' },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'stop_sequence', stop_sequence: '##' },
        usage: { output_tokens: 7 },
      },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(withoutCreated(events), [
      {
        type: 'start',
        id: 'msg_1',
        model: 'claude-x',
        created: 0,
        usage: { inputTokens: 15, cacheReadTokens: 5, cacheWriteTokens: 0, outputTokens: 1 },
      },
      { type: 'text_delta', text: 'Hi' },
      { type: 'usage', usage: { outputTokens: 7 } },
      { type: 'finish', stopReason: 'stop_sequence', stopSequence: '##' },
    ]);
  });

  test('thinking, signature, redacted thinking', () => {
    const events = decodeAll([
      messageStart(),
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'opaque' } },
      { type: 'content_block_stop', index: 1 },
    ]).slice(1);
    assert.deepEqual(events, [
      { type: 'reasoning_delta', text: 'hmm' },
      { type: 'reasoning_signature', signature: 'sig', origin: 'anthropic' },
      { type: 'redacted_reasoning', data: 'opaque', origin: 'anthropic' },
    ]);
  });

  test('tool calls count from 0; server-tool blocks and their deltas are skipped', () => {
    const events = decodeAll([
      messageStart(),
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
      },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      {
        type: 'content_block_delta',
        index: 2,
        delta: { type: 'citations_delta', citation: { type: 'web_search_result_location' } },
      },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Found.' } },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'content_block_start',
        index: 3,
        content_block: { type: 'tool_use', id: 'toolu_a', name: 'f', input: {} },
      },
      { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '1}' } },
      { type: 'content_block_stop', index: 3 },
      {
        type: 'content_block_start',
        index: 4,
        content_block: { type: 'tool_use', id: 'toolu_b', name: 'g', input: {} },
      },
      { type: 'content_block_stop', index: 4 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 9 },
      },
      { type: 'message_stop' },
    ]).slice(1);
    assert.deepEqual(events, [
      { type: 'text_delta', text: 'Found.' },
      { type: 'tool_call_start', toolIndex: 0, id: 'toolu_a', name: 'f' },
      { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"a":' },
      { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '1}' },
      { type: 'tool_call_start', toolIndex: 1, id: 'toolu_b', name: 'g' },
      // no deltas at all: the (empty) input from content_block_start
      { type: 'tool_call_delta', toolIndex: 1, argumentsDelta: '{}' },
      { type: 'usage', usage: { outputTokens: 9 } },
      { type: 'finish', stopReason: 'tool_use', stopSequence: null },
    ]);
  });

  test('message_delta usage with input and cache fields updates the input total', () => {
    const events = decodeAll([
      messageStart({
        input_tokens: 2,
        cache_creation_input_tokens: 100,
        cache_read_input_tokens: 0,
        output_tokens: 1,
      }),
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: {
          input_tokens: 3,
          cache_read_input_tokens: 50,
          output_tokens: 20,
          output_tokens_details: { thinking_tokens: 8 },
        },
      },
    ]);
    assert.deepEqual(events[1], {
      type: 'usage',
      usage: {
        inputTokens: 153,
        cacheReadTokens: 50,
        cacheWriteTokens: 100,
        outputTokens: 20,
        reasoningTokens: 8,
      },
    });
  });

  test('a message_start with finished content and stop_reason, then message_stop', () => {
    const events = decodeAll([
      messageStart(
        { input_tokens: 0, output_tokens: 0 },
        {
          content: [
            { type: 'text', text: 'Rolling.' },
            { type: 'tool_use', id: 'toolu_9', name: 'roll', input: { n: 2 } },
          ],
          stop_reason: 'tool_use',
        },
      ),
      { type: 'message_stop' },
    ]).slice(1);
    assert.deepEqual(events, [
      { type: 'text_delta', text: 'Rolling.' },
      { type: 'tool_call_start', toolIndex: 0, id: 'toolu_9', name: 'roll' },
      { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"n":2}' },
      { type: 'finish', stopReason: 'tool_use', stopSequence: null },
    ]);
  });

  test('an error event becomes a canonical error with the status of its type', () => {
    const d = createAnthropicStreamDecoder();
    d.decode(sse(messageStart()));
    assert.deepEqual(
      d.decode(sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })),
      [{ type: 'error', error: { status: 529, message: 'Overloaded', kind: 'overloaded' } }],
    );
    assert.deepEqual(d.decode(sse({ type: 'error', error: { type: 'rate_limit_error', message: 'slow' } })), [
      { type: 'error', error: { status: 429, message: 'slow', kind: 'rate_limit' } },
    ]);
    assert.deepEqual(
      d.decode({ event: 'error', data: '{"type":"error","error":{"type":"api_error","message":""}}' }),
      [{ type: 'error', error: { status: 500, message: 'Anthropic stream error', kind: 'upstream_error' } }],
    );
  });

  test('data that is not JSON is an upstream error; blank data and unknown events are ignored', () => {
    const d = createAnthropicStreamDecoder();
    const [ev] = d.decode({ event: 'message_start', data: '{oops' });
    assert.equal(ev?.type, 'error');
    assert.equal(ev?.type === 'error' && ev.error.status, 502);
    assert.deepEqual(d.decode({ data: '' }), []);
    assert.deepEqual(d.decode(sse({ type: 'something_new', foo: 1 })), []);
    assert.deepEqual(d.decode(sse({ type: 'ping' })), []);
  });

  test('a stream that ends without message_delta produces no finish', () => {
    assert.deepEqual(
      decodeAll([
        messageStart(),
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'a' } },
      ])
        .slice(1)
        .map((e) => e.type),
      ['text_delta'],
    );
  });
});
