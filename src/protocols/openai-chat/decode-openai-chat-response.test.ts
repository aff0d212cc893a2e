import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeOpenAIChatResponse } from './decode-openai-chat-response.js';

const body = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1700000000,
  model: 'gpt-x',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop', ...extra }],
  usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
});

describe('decodeOpenAIChatResponse', () => {
  test('a text answer', () => {
    assert.deepEqual(decodeOpenAIChatResponse(body({ content: 'Hi', refusal: null })), {
      id: 'chatcmpl-1',
      model: 'gpt-x',
      created: 1700000000,
      content: [{ type: 'text', text: 'Hi' }],
      stopReason: 'end_turn',
      usage: { inputTokens: 5, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    });
  });

  test('reasoning from reasoning_content or reasoning', () => {
    assert.deepEqual(decodeOpenAIChatResponse(body({ content: 'A', reasoning_content: 'R1' })).content, [
      { type: 'reasoning', text: 'R1' },
      { type: 'text', text: 'A' },
    ]);
    assert.deepEqual(decodeOpenAIChatResponse(body({ content: 'A', reasoning: 'R2' })).content[0], {
      type: 'reasoning',
      text: 'R2',
    });
  });

  test('Mistral-style content parts with thinking', () => {
    const res = decodeOpenAIChatResponse(
      body({
        content: [
          { type: 'thinking', thinking: [{ type: 'text', text: 'hmm' }] },
          { type: 'text', text: 'Answer' },
        ],
      }),
    );
    assert.deepEqual(res.content, [
      { type: 'reasoning', text: 'hmm' },
      { type: 'text', text: 'Answer' },
    ]);
  });

  test('tool calls: object arguments are serialised, empty ones become {}, missing ids are made', () => {
    const res = decodeOpenAIChatResponse(
      body(
        {
          content: '',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
            { type: 'function', function: { name: 'b', arguments: { y: 2 } } },
            { id: 'call_3', type: 'function', function: { name: 'c', arguments: '' } },
            { id: 'call_4', type: 'function', function: { arguments: '{}' } },
          ],
        },
        { finish_reason: 'tool_calls' },
      ),
    );
    assert.equal(res.stopReason, 'tool_use');
    const calls = res.content.filter((p) => p.type === 'tool_call');
    assert.equal(calls.length, 3);
    assert.deepEqual(calls[0], { type: 'tool_call', id: 'call_1', name: 'a', arguments: '{"x":1}' });
    assert.equal(calls[1]!.arguments, '{"y":2}');
    assert.match(calls[1]!.id, /^call_/);
    assert.equal(calls[2]!.arguments, '{}');
  });

  test("tool calls with finish_reason 'stop' (vLLM, Ollama) stop for tool use", () => {
    const res = decodeOpenAIChatResponse(
      body({
        content: null,
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'a', arguments: '{}' } }],
      }),
    );
    assert.equal(res.stopReason, 'tool_use');
  });

  test('legacy function_call', () => {
    const res = decodeOpenAIChatResponse(
      body(
        { content: null, function_call: { name: 'f', arguments: '{}' } },
        { finish_reason: 'function_call' },
      ),
    );
    assert.equal(res.stopReason, 'tool_use');
    assert.equal(res.content[0]?.type === 'tool_call' && res.content[0].name, 'f');
  });

  test('a refusal becomes text and the refusal stop reason', () => {
    const res = decodeOpenAIChatResponse(body({ content: null, refusal: "I can't help with that." }));
    assert.deepEqual(res.content, [{ type: 'text', text: "I can't help with that." }]);
    assert.equal(res.stopReason, 'refusal');
  });

  test('finish reasons', () => {
    assert.equal(
      decodeOpenAIChatResponse(body({ content: 'x' }, { finish_reason: 'length' })).stopReason,
      'max_tokens',
    );
    assert.equal(
      decodeOpenAIChatResponse(body({ content: 'x' }, { finish_reason: 'content_filter' })).stopReason,
      'content_filter',
    );
    assert.equal(
      decodeOpenAIChatResponse(body({ content: 'x' }, { finish_reason: null })).stopReason,
      'end_turn',
    );
    assert.equal(
      decodeOpenAIChatResponse(body({ content: 'x' }, { finish_reason: 'weird' })).stopReason,
      'unknown',
    );
  });

  test('missing usage is all zero; missing id is made', () => {
    const b = body({ content: 'x' }) as Record<string, unknown>;
    delete b.usage;
    b.id = '';
    const res = decodeOpenAIChatResponse(b);
    assert.deepEqual(res.usage, {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    assert.match(res.id, /^chatcmpl-/);
  });

  test('bodies that are not chat completions are upstream errors', () => {
    for (const bad of [null, 'x', {}, { choices: [] }, { choices: [{ index: 0 }] }]) {
      assert.throws(
        () => decodeOpenAIChatResponse(bad),
        (e: unknown) => e instanceof GatewayError && e.kind === 'upstream_error' && e.status === 502,
      );
    }
  });
});
