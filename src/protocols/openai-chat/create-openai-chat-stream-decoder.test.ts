import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import { createOpenAIChatStreamDecoder } from './create-openai-chat-stream-decoder.js';

const chunk = (
  delta: Record<string, unknown>,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1700000000,
  model: 'gpt-x',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

function run(chunks: unknown[], opts: { done?: boolean } = {}): CanonicalStreamEvent[] {
  const dec = createOpenAIChatStreamDecoder();
  const events = chunks.flatMap((c) => dec.decode({ data: typeof c === 'string' ? c : JSON.stringify(c) }));
  if (opts.done !== false) events.push(...dec.decode({ data: '[DONE]' }));
  return [...events, ...dec.finish()];
}

describe('createOpenAIChatStreamDecoder', () => {
  test('text, finish, usage', () => {
    assert.deepEqual(
      run([
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hel' }),
        chunk({ content: 'lo' }),
        chunk({}, 'stop'),
        { ...chunk({}), choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
      ]),
      [
        { type: 'start', id: 'chatcmpl-1', model: 'gpt-x', created: 1700000000 },
        { type: 'text_delta', text: 'Hel' },
        { type: 'text_delta', text: 'lo' },
        { type: 'finish', stopReason: 'end_turn' },
        {
          type: 'usage',
          usage: {
            inputTokens: 3,
            outputTokens: 2,
            cacheReadTokens: 0,
            cacheWriteTokens: 0,
            reasoningTokens: 0,
          },
        },
      ],
    );
  });

  test("Azure's prompt_filter_results chunk is skipped", () => {
    const events = run([
      {
        choices: [],
        created: 0,
        id: '',
        model: '',
        object: '',
        prompt_filter_results: [{ prompt_index: 0 }],
      },
      chunk({ content: 'x' }),
      chunk({}, 'stop'),
    ]);
    assert.deepEqual(events[0], { type: 'start', id: 'chatcmpl-1', model: 'gpt-x', created: 1700000000 });
  });

  test('reasoning from reasoning_content and reasoning', () => {
    const events = run([
      chunk({ reasoning_content: 'a' }),
      chunk({ reasoning: 'b' }),
      chunk({ content: 'c' }, 'stop'),
    ]);
    assert.deepEqual(
      events.filter((e) => e.type === 'reasoning_delta'),
      [
        { type: 'reasoning_delta', text: 'a' },
        { type: 'reasoning_delta', text: 'b' },
      ],
    );
  });

  test('tool calls keyed by index, numbered in order of appearance', () => {
    const events = run([
      chunk({
        tool_calls: [{ index: 3, id: 'call_a', type: 'function', function: { name: 'a', arguments: '' } }],
      }),
      chunk({ tool_calls: [{ index: 3, function: { arguments: '{"x"' } }] }),
      chunk({
        tool_calls: [{ index: 5, id: 'call_b', type: 'function', function: { name: 'b', arguments: '{}' } }],
      }),
      chunk({ tool_calls: [{ index: 3, function: { arguments: ':1}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assert.deepEqual(events.slice(1), [
      { type: 'tool_call_start', toolIndex: 0, id: 'call_a', name: 'a' },
      { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"x"' },
      { type: 'tool_call_start', toolIndex: 1, id: 'call_b', name: 'b' },
      { type: 'tool_call_delta', toolIndex: 1, argumentsDelta: '{}' },
      { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: ':1}' },
      { type: 'finish', stopReason: 'tool_use' },
    ]);
  });

  test('complete calls all sent at index 0 with different ids are separate calls', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'a', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'c2', function: { name: 'b', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assert.deepEqual(
      events.filter((e) => e.type === 'tool_call_start'),
      [
        { type: 'tool_call_start', toolIndex: 0, id: 'c1', name: 'a' },
        { type: 'tool_call_start', toolIndex: 1, id: 'c2', name: 'b' },
      ],
    );
  });

  test('a call whose name comes late is held back until it arrives', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'c1', function: { arguments: '{"a":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { name: 'late', arguments: '1}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assert.deepEqual(events.slice(1, 3), [
      { type: 'tool_call_start', toolIndex: 0, id: 'c1', name: 'late' },
      { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"a":1}' },
    ]);
  });

  test("tool calls finishing with 'stop' finish for tool use", () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'a', arguments: '{}' } }] }, 'stop'),
    ]);
    assert.deepEqual(events.at(-1), { type: 'finish', stopReason: 'tool_use' });
  });

  test('a refusal is text and finishes as refusal', () => {
    const events = run([chunk({ refusal: 'No.' }), chunk({}, 'stop')]);
    assert.deepEqual(events.slice(1), [
      { type: 'text_delta', text: 'No.' },
      { type: 'finish', stopReason: 'refusal' },
    ]);
  });

  test('usage on the finish chunk (DeepSeek) and in x_groq', () => {
    const ds = run([
      chunk({ content: 'x' }),
      chunk({ content: '' }, 'stop', {
        usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14, prompt_cache_hit_tokens: 8 },
      }),
    ]);
    assert.deepEqual(ds.slice(-2), [
      { type: 'finish', stopReason: 'end_turn' },
      {
        type: 'usage',
        usage: {
          inputTokens: 10,
          outputTokens: 4,
          cacheReadTokens: 8,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
        },
      },
    ]);
    const groq = run([
      chunk({}, 'stop', { x_groq: { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } } }),
    ]);
    assert.deepEqual(groq.at(-1), {
      type: 'usage',
      usage: { inputTokens: 1, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    });
  });

  test('cumulative usage on every chunk (Perplexity) is reported only when it changes', () => {
    const u = (n: number) => ({ usage: { prompt_tokens: 1, completion_tokens: n, total_tokens: 1 + n } });
    const events = run([
      chunk({ content: 'a' }, null, u(1)),
      chunk({ content: 'b' }, null, u(1)),
      chunk({}, 'stop', u(2)),
    ]);
    assert.deepEqual(
      events.filter((e) => e.type === 'usage').map((e) => e.type === 'usage' && e.usage.outputTokens),
      [1, 2],
    );
  });

  test('an error event', () => {
    const events = run([
      chunk({ content: 'x' }),
      { error: { message: 'Rate limit reached', type: 'tokens', code: 'rate_limit_exceeded', param: null } },
    ]);
    assert.deepEqual(events[2], {
      type: 'error',
      error: { status: 429, message: 'Rate limit reached', kind: 'rate_limit' },
    });
    const server = run([{ error: { message: 'boom', type: 'server_error' } }]);
    assert.deepEqual(server, [
      { type: 'error', error: { status: 502, message: 'boom', kind: 'upstream_error' } },
    ]);
    const coded = run([{ error: { message: 'bad', code: 400 } }]);
    assert.equal(coded[0]?.type === 'error' && coded[0].error.kind, 'invalid_request');
  });

  test('a data event that is not JSON is an upstream error', () => {
    const [ev] = run(['{not json']);
    assert.equal(ev?.type, 'error');
    assert.equal(ev?.type === 'error' && ev.error.status, 502);
  });

  test('a stream cut off before finish_reason finishes as unknown', () => {
    const events = run([chunk({ content: 'partial' })], { done: false });
    assert.deepEqual(events.at(-1), { type: 'finish', stopReason: 'unknown' });
  });

  test('an empty stream yields nothing', () => assert.deepEqual(run([]), []));
});
