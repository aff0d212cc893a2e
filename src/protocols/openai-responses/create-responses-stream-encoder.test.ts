import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import { createSseReader } from '../sse/index.js';
import { createResponsesStreamEncoder } from './create-responses-stream-encoder.js';
import { responsesEcho } from './responses-echo.js';
import type { ResponsesResponse } from './responses-wire-types.js';

function run(events: CanonicalStreamEvent[], body: Record<string, unknown> = {}) {
  let completed: ResponsesResponse | undefined;
  const enc = createResponsesStreamEncoder({
    model: 'client-model',
    includeUsage: true,
    id: 'resp_1',
    echo: responsesEcho(body, { store: false, previousResponseId: null }),
    onComplete: (r) => {
      completed = r;
    },
  });
  const text = events.map((e) => enc.encode(e)).join('') + enc.finish();
  const reader = createSseReader();
  const out = [...reader.push(text), ...reader.end()].map((e) => {
    const p = JSON.parse(e.data) as Record<string, any>;
    assert.equal(e.event, p.type);
    return p;
  });
  out.forEach((p, i) => {
    assert.equal(p.sequence_number, i);
  });
  return { out, types: out.map((p) => p.type), completed };
}

const start: CanonicalStreamEvent = { type: 'start', id: 'up', model: 'up-model', created: 1700000000 };

test('text: the message item, its part, deltas and the closing events, then response.completed', () => {
  const { out, types, completed } = run(
    [
      start,
      { type: 'text_delta', text: 'Hel' },
      { type: 'text_delta', text: 'lo' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 2 } },
      { type: 'finish', stopReason: 'end_turn' },
    ],
    { instructions: 'Be brief.' },
  );
  assert.deepEqual(types, [
    'response.created',
    'response.in_progress',
    'response.output_item.added',
    'response.content_part.added',
    'response.output_text.delta',
    'response.output_text.delta',
    'response.output_text.done',
    'response.content_part.done',
    'response.output_item.done',
    'response.completed',
  ]);
  assert.equal(out[0]!.response.status, 'in_progress');
  assert.equal(out[0]!.response.created_at, 1700000000);
  assert.equal(out[0]!.response.instructions, 'Be brief.');
  assert.equal(out[6]!.text, 'Hello');
  const final = out.at(-1)!.response;
  assert.equal(final.id, 'resp_1');
  assert.equal(final.model, 'client-model');
  assert.equal(final.output[0].content[0].text, 'Hello');
  assert.deepEqual(final.usage, {
    input_tokens: 5,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 2,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 7,
  });
  assert.deepEqual(completed, final);
});

test('reasoning with a foreign signature, then two tool calls; the stop is tool use', () => {
  const { out, types } = run([
    start,
    { type: 'reasoning_delta', text: 'think' },
    { type: 'reasoning_signature', signature: 'SIG', origin: 'anthropic' },
    { type: 'tool_call_start', toolIndex: 0, id: 'c1', name: 'f' },
    { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"a":' },
    { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '1}' },
    { type: 'tool_call_start', toolIndex: 1, id: 'c2', name: 'g' },
    { type: 'tool_call_delta', toolIndex: 1, argumentsDelta: '{}' },
    { type: 'finish', stopReason: 'tool_use' },
  ]);
  assert.deepEqual(types.slice(2, 8), [
    'response.output_item.added',
    'response.reasoning_summary_part.added',
    'response.reasoning_summary_text.delta',
    'response.reasoning_summary_text.done',
    'response.reasoning_summary_part.done',
    'response.output_item.done',
  ]);
  const reasoning = out[7]!.item;
  assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: 'think' }]);
  assert.equal(reasoning.encrypted_content, 'sy1.anthropic.SIG');
  const final = out.at(-1)!.response;
  assert.equal(out.at(-1)!.type, 'response.completed');
  assert.deepEqual(
    final.output.map((o: any) => [o.type, o.call_id, o.arguments, o.status]),
    [
      ['reasoning', undefined, undefined, undefined],
      ['function_call', 'c1', '{"a":1}', 'completed'],
      ['function_call', 'c2', '{}', 'completed'],
    ],
  );
  const argDone = out.filter((p) => p.type === 'response.function_call_arguments.done');
  assert.deepEqual(
    argDone.map((p) => [p.output_index, p.arguments]),
    [
      [1, '{"a":1}'],
      [2, '{}'],
    ],
  );
});

test('cut off at the output limit: response.incomplete with the reason', () => {
  const { out } = run([
    start,
    { type: 'text_delta', text: 'par' },
    { type: 'finish', stopReason: 'max_tokens' },
  ]);
  const last = out.at(-1)!;
  assert.equal(last.type, 'response.incomplete');
  assert.deepEqual(last.response.incomplete_details, { reason: 'max_output_tokens' });
  assert.equal(last.response.output[0].status, 'incomplete');
});

test('an error after the start: response.failed, and nothing after it', () => {
  const { out, completed } = run([
    start,
    { type: 'text_delta', text: 'a' },
    { type: 'error', error: { status: 502, kind: 'upstream_error', message: 'provider broke off' } },
  ]);
  const last = out.at(-1)!;
  assert.equal(last.type, 'response.failed');
  assert.equal(last.response.status, 'failed');
  assert.deepEqual(last.response.error, { code: 'server_error', message: 'provider broke off' });
  assert.equal(completed, undefined);
});
