import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateOpenAI } from '../../../test/schemas/openai-chat.js';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import { createSseReader } from '../sse/index.js';
import { createOpenAIChatStreamDecoder } from './create-openai-chat-stream-decoder.js';
import { createOpenAIChatStreamEncoder } from './create-openai-chat-stream-encoder.js';

const EVENTS: CanonicalStreamEvent[] = [
  { type: 'start', id: 'msg_abc', model: 'claude-x', created: 1700000000, usage: { inputTokens: 20 } },
  { type: 'reasoning_delta', text: 'Think' },
  { type: 'reasoning_signature', signature: 'sig' },
  { type: 'text_delta', text: 'Hel' },
  { type: 'text_delta', text: 'lo' },
  { type: 'tool_call_start', toolIndex: 0, id: 'toolu_1', name: 'weather' },
  { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"city":' },
  { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '"Paris"}' },
  { type: 'tool_call_start', toolIndex: 1, id: 'toolu_2', name: 'time' },
  { type: 'tool_call_delta', toolIndex: 1, argumentsDelta: '{}' },
  { type: 'finish', stopReason: 'tool_use' },
  { type: 'usage', usage: { outputTokens: 30, reasoningTokens: 5, cacheReadTokens: 8 } },
];

function encodeAll(events: CanonicalStreamEvent[], includeUsage: boolean): string {
  const enc = createOpenAIChatStreamEncoder({ model: 'my-model', includeUsage });
  return events.map((e) => enc.encode(e)).join('') + enc.finish();
}

const dataOf = (sse: string) =>
  createSseReader()
    .push(sse)
    .map((e) => e.data);

describe('createOpenAIChatStreamEncoder', () => {
  test('emits chunks exactly like OpenAI', () => {
    const data = dataOf(encodeAll(EVENTS, true));
    assert.equal(data.at(-1), '[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    for (const c of chunks) validateOpenAI('chat.completion.chunk', c);
    for (const c of chunks) {
      assert.equal(c.id, 'msg_abc');
      assert.equal(c.model, 'my-model');
      assert.equal(c.created, 1700000000);
    }
    assert.deepEqual(
      chunks.map((c) =>
        c.choices.length ? { delta: c.choices[0].delta, finish: c.choices[0].finish_reason } : c.usage,
      ),
      [
        { delta: { role: 'assistant', content: '', refusal: null }, finish: null },
        { delta: { reasoning_content: 'Think' }, finish: null },
        { delta: { content: 'Hel' }, finish: null },
        { delta: { content: 'lo' }, finish: null },
        {
          delta: {
            tool_calls: [
              { index: 0, id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '' } },
            ],
          },
          finish: null,
        },
        { delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, finish: null },
        { delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }, finish: null },
        {
          delta: {
            tool_calls: [
              { index: 1, id: 'toolu_2', type: 'function', function: { name: 'time', arguments: '' } },
            ],
          },
          finish: null,
        },
        { delta: { tool_calls: [{ index: 1, function: { arguments: '{}' } }] }, finish: null },
        { delta: {}, finish: 'tool_calls' },
        {
          prompt_tokens: 20,
          completion_tokens: 30,
          total_tokens: 50,
          prompt_tokens_details: { cached_tokens: 8 },
          completion_tokens_details: { reasoning_tokens: 5 },
        },
      ],
    );
    // with include_usage, every chunk but the last says usage: null
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));
  });

  test('without include_usage: no usage chunk and no usage keys', () => {
    const data = dataOf(encodeAll(EVENTS, false));
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    assert.ok(chunks.every((c) => c.choices.length === 1 && !('usage' in c)));
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'tool_calls');
  });

  test('decoding the output gives back the same events', () => {
    const dec = createOpenAIChatStreamDecoder();
    const back = dataOf(encodeAll(EVENTS, true)).flatMap((data) => dec.decode({ data }));
    back.push(...dec.finish());
    const usageOf = (evs: CanonicalStreamEvent[]) =>
      Object.assign(
        {},
        ...evs.flatMap((e) => (e.type === 'usage' ? [e.usage] : e.type === 'start' ? [e.usage ?? {}] : [])),
      );
    const strip = (evs: CanonicalStreamEvent[]) =>
      evs
        .filter((e) => e.type !== 'usage' && e.type !== 'reasoning_signature')
        .map((e) => (e.type === 'start' ? { type: 'start' } : e));
    assert.deepEqual(strip(back), strip(EVENTS));
    assert.deepEqual(back[0], { type: 'start', id: 'msg_abc', model: 'my-model', created: 1700000000 });
    assert.deepEqual(usageOf(back), {
      inputTokens: 20,
      outputTokens: 30,
      cacheReadTokens: 8,
      cacheWriteTokens: 0,
      reasoningTokens: 5,
    });
  });

  test('finish() without a finish event still closes the stream', () => {
    const enc = createOpenAIChatStreamEncoder({ model: 'm', includeUsage: false, id: 'chatcmpl-given' });
    const data = dataOf(enc.encode({ type: 'text_delta', text: 'x' }) + enc.finish());
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    assert.equal(chunks[0].choices[0].delta.role, 'assistant');
    assert.equal(chunks[0].id, 'chatcmpl-given');
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
    assert.equal(data.at(-1), '[DONE]');
    assert.equal(enc.finish(), '');
  });

  test('an empty upstream id falls back to the given id', () => {
    const enc = createOpenAIChatStreamEncoder({ model: 'm', includeUsage: false, id: 'chatcmpl-given' });
    const [first] = dataOf(enc.encode({ type: 'start', id: '', model: '', created: 0 }));
    assert.equal(JSON.parse(first!).id, 'chatcmpl-given');
  });

  test('an error ends the stream with an OpenAI error event and no [DONE]', () => {
    const enc = createOpenAIChatStreamEncoder({ model: 'm', includeUsage: true });
    let sse = enc.encode({ type: 'start', id: 'x', model: 'm', created: 1 });
    sse += enc.encode({ type: 'text_delta', text: 'partial' });
    sse += enc.encode({ type: 'error', error: { status: 529, kind: 'overloaded', message: 'Overloaded' } });
    sse += enc.encode({ type: 'text_delta', text: 'more' });
    sse += enc.finish();
    const data = dataOf(sse);
    assert.equal(data.length, 3);
    const err = JSON.parse(data[2]!);
    validateOpenAI('error', err);
    assert.deepEqual(err, {
      error: { message: 'Overloaded', type: 'server_error', param: null, code: null },
    });
  });

  test('keepAlive is an SSE comment', () => {
    const enc = createOpenAIChatStreamEncoder({ model: 'm', includeUsage: false });
    assert.equal(enc.keepAlive(), ': keep-alive\n\n');
    assert.deepEqual(createSseReader().push(enc.keepAlive()), []);
  });
});
