import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateOpenAI } from '../../../test/schemas/openai-chat.js';
import { type CanonicalResponse, emptyUsage } from '../../canonical/index.js';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response.js';

const res = (over: Partial<CanonicalResponse>): CanonicalResponse => ({
  id: 'msg_1',
  model: 'claude-x',
  created: 1700000000,
  content: [{ type: 'text', text: 'Hello' }],
  stopReason: 'end_turn',
  usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 4, cacheWriteTokens: 0, reasoningTokens: 2 },
  ...over,
});

describe('encodeOpenAIChatResponse', () => {
  test('a text answer', () => {
    const out = encodeOpenAIChatResponse(res({}), 'my-model');
    validateOpenAI('chat.completion', out);
    assert.deepEqual(out, {
      id: 'msg_1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'my-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 2 },
      },
    });
  });

  test('only tool calls: content is null', () => {
    const out = encodeOpenAIChatResponse(
      res({
        content: [{ type: 'tool_call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' }],
        stopReason: 'tool_use',
      }),
      'm',
    );
    validateOpenAI('chat.completion', out);
    const choice = out.choices[0]!;
    assert.equal(choice.message.content, null);
    assert.deepEqual(choice.message.tool_calls, [
      { id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
    ]);
    assert.equal(choice.finish_reason, 'tool_calls');
  });

  test('reasoning goes to reasoning_content; signatures and redacted reasoning are left out', () => {
    const out = encodeOpenAIChatResponse(
      res({
        content: [
          { type: 'reasoning', text: 'Let me think', signature: 'sig' },
          { type: 'redacted_reasoning', data: 'xxx' },
          { type: 'text', text: 'Answer' },
        ],
      }),
      'm',
    );
    validateOpenAI('chat.completion', out);
    assert.equal(out.choices[0]!.message.reasoning_content, 'Let me think');
    assert.equal(out.choices[0]!.message.content, 'Answer');
    assert.equal(JSON.stringify(out).includes('sig'), false);
  });

  test('no reasoning, no reasoning_content key', () => {
    assert.equal('reasoning_content' in encodeOpenAIChatResponse(res({}), 'm').choices[0]!.message, false);
  });

  test('text parts are concatenated; an empty answer is an empty string', () => {
    const two = res({
      content: [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
    });
    assert.equal(encodeOpenAIChatResponse(two, 'm').choices[0]!.message.content, 'ab');
    assert.equal(encodeOpenAIChatResponse(res({ content: [] }), 'm').choices[0]!.message.content, '');
  });

  test('stop reasons', () => {
    assert.equal(
      encodeOpenAIChatResponse(res({ stopReason: 'max_tokens' }), 'm').choices[0]!.finish_reason,
      'length',
    );
    assert.equal(
      encodeOpenAIChatResponse(res({ stopReason: 'refusal' }), 'm').choices[0]!.finish_reason,
      'content_filter',
    );
  });

  test('a missing id or created is filled in', () => {
    const out = encodeOpenAIChatResponse(res({ id: '', created: 0, usage: emptyUsage() }), 'm');
    validateOpenAI('chat.completion', out);
    assert.match(out.id, /^chatcmpl-/);
    assert.ok(out.created > 1700000000);
  });

  test('the schema catches a broken body', () => {
    const out = encodeOpenAIChatResponse(res({}), 'm') as unknown as Record<string, unknown>;
    assert.throws(() => validateOpenAI('chat.completion', { ...out, object: 'chat.completions' }));
    assert.throws(() => validateOpenAI('chat.completion', { ...out, extra: 1 }));
  });
});
