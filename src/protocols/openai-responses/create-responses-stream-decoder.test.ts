import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import { createResponsesStreamDecoder } from './create-responses-stream-decoder.js';

const decode = (payloads: Record<string, unknown>[]): CanonicalStreamEvent[] => {
  const d = createResponsesStreamDecoder();
  return [
    ...payloads.flatMap((p) => d.decode({ event: String(p.type), data: JSON.stringify(p) })),
    ...d.finish(),
  ];
};

test('a function call whose arguments come only in the done event (LM Studio) is emitted once', () => {
  const events = decode([
    { type: 'response.created', response: { id: 'r', model: 'm', created_at: 1 } },
    {
      type: 'response.output_item.added',
      item: { id: 'fc_1', type: 'function_call', call_id: 'c', name: 'f', arguments: '' },
    },
    { type: 'response.function_call_arguments.done', item_id: 'fc_1', arguments: '{"x":1}' },
    {
      type: 'response.output_item.done',
      item: { id: 'fc_1', type: 'function_call', call_id: 'c', name: 'f', arguments: '{"x":1}' },
    },
    {
      type: 'response.completed',
      response: { status: 'completed', usage: { input_tokens: 3, output_tokens: 4 } },
    },
  ]);
  assert.deepEqual(events, [
    { type: 'start', id: 'r', model: 'm', created: 1 },
    { type: 'tool_call_start', toolIndex: 0, id: 'c', name: 'f' },
    { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"x":1}' },
    {
      type: 'usage',
      usage: { inputTokens: 3, outputTokens: 4, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    },
    { type: 'finish', stopReason: 'tool_use' },
  ]);
});

test('summary parts are paragraphs; encrypted reasoning is an openai signature', () => {
  const events = decode([
    { type: 'response.reasoning_summary_part.added', item_id: 'rs', summary_index: 0 },
    { type: 'response.reasoning_summary_text.delta', item_id: 'rs', summary_index: 0, delta: 'a' },
    { type: 'response.reasoning_summary_part.added', item_id: 'rs', summary_index: 1 },
    { type: 'response.reasoning_summary_text.delta', item_id: 'rs', summary_index: 1, delta: 'b' },
    { type: 'response.output_item.done', item: { id: 'rs', type: 'reasoning', encrypted_content: 'gAAAA' } },
    { type: 'response.output_text.delta', delta: 'hi' },
    {
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    },
  ]);
  assert.deepEqual(
    events.filter((e) => e.type !== 'usage'),
    [
      { type: 'reasoning_delta', text: 'a' },
      { type: 'reasoning_delta', text: '\n\n' },
      { type: 'reasoning_delta', text: 'b' },
      { type: 'reasoning_signature', signature: 'gAAAA', origin: 'openai' },
      { type: 'text_delta', text: 'hi' },
      { type: 'finish', stopReason: 'max_tokens' },
    ],
  );
});

test('response.failed and error events are errors with a status', () => {
  const [failed] = decode([
    { type: 'response.failed', response: { error: { code: 'rate_limit_exceeded', message: 'slow down' } } },
  ]);
  assert.deepEqual(failed, {
    type: 'error',
    error: { status: 429, kind: 'rate_limit', message: 'slow down' },
  });
  const [error] = decode([{ type: 'error', code: 'server_error', message: 'boom', param: null }]);
  assert.equal(error!.type, 'error');
  assert.equal((error as { error: { status: number } }).error.status, 500);
});
