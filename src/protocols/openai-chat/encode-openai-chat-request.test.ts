import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateOpenAI } from '../../../test/schemas/openai-chat.js';
import type { CanonicalRequest } from '../../canonical/index.js';
import { encodeOpenAIChatRequest } from './encode-openai-chat-request.js';

const req = (over: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  model: 'client-name',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  stream: false,
  ...over,
});

describe('encodeOpenAIChatRequest', () => {
  test('a minimal request uses the provider model id', () => {
    const body = encodeOpenAIChatRequest(req(), { model: 'gpt-4.1-nano', stream: false });
    validateOpenAI('request', body);
    assert.deepEqual(body, { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Hi' }] });
  });

  test('streaming always asks for usage', () => {
    const body = encodeOpenAIChatRequest(req({ stream: true, streamUsage: false }), {
      model: 'm',
      stream: true,
    });
    validateOpenAI('request', body);
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
  });

  test('every parameter', () => {
    const body = encodeOpenAIChatRequest(
      req({
        tools: [
          {
            name: 'f',
            description: 'd',
            parameters: { type: 'object' },
            strict: true,
            cacheControl: { type: 'ephemeral' },
          },
        ],
        toolChoice: { type: 'tool', name: 'f' },
        parallelToolCalls: false,
        maxTokens: 256,
        temperature: 0.3,
        topP: 0.8,
        topK: 40,
        stop: ['X'],
        seed: 3,
        user: 'u',
        metadata: { a: 'b' },
        responseFormat: {
          type: 'json_schema',
          name: 'out',
          schema: { type: 'object' },
          strict: true,
          description: 'o',
        },
        reasoning: { enabled: true, effort: 'low' },
      }),
      { model: 'm', stream: false },
    );
    validateOpenAI('request', body);
    assert.deepEqual(body, {
      model: 'm',
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [
        {
          type: 'function',
          function: { name: 'f', parameters: { type: 'object' }, description: 'd', strict: true },
        },
      ],
      parallel_tool_calls: false,
      tool_choice: { type: 'function', function: { name: 'f' } },
      max_tokens: 256,
      temperature: 0.3,
      top_p: 0.8,
      stop: ['X'],
      seed: 3,
      user: 'u',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'out', schema: { type: 'object' }, description: 'o', strict: true },
      },
      reasoning_effort: 'low',
    });
  });

  test('max_completion_tokens when configured', () => {
    const body = encodeOpenAIChatRequest(
      req({ maxTokens: 99 }),
      { model: 'o3', stream: false },
      {
        maxTokensField: 'max_completion_tokens',
      },
    );
    validateOpenAI('request', body);
    assert.equal(body.max_completion_tokens, 99);
    assert.equal('max_tokens' in body, false);
  });

  test('string tool choices and simple response formats', () => {
    const tools = [{ name: 'f', parameters: {} }];
    for (const type of ['auto', 'none', 'required'] as const) {
      assert.equal(
        encodeOpenAIChatRequest(req({ tools, toolChoice: { type } }), { model: 'm', stream: false })
          .tool_choice,
        type,
      );
    }
    for (const type of ['text', 'json_object'] as const) {
      assert.deepEqual(
        encodeOpenAIChatRequest(req({ responseFormat: { type } }), { model: 'm', stream: false })
          .response_format,
        { type },
      );
    }
  });

  test('parallel_tool_calls only goes with tools', () => {
    const body = encodeOpenAIChatRequest(req({ parallelToolCalls: true }), { model: 'm', stream: false });
    assert.equal('parallel_tool_calls' in body, false);
  });

  test('reasoning: budget -> effort, disabled -> nothing', () => {
    const enc = (reasoning: CanonicalRequest['reasoning']) =>
      encodeOpenAIChatRequest(req({ reasoning }), { model: 'm', stream: false }).reasoning_effort;
    assert.equal(enc({ enabled: true, budgetTokens: 1024 }), 'minimal');
    assert.equal(enc({ enabled: true, budgetTokens: 10000 }), 'medium');
    assert.equal(enc({ enabled: true, budgetTokens: 32000 }), 'xhigh');
    assert.equal(enc({ enabled: false }), undefined);
    assert.equal(enc({ enabled: false, budgetTokens: 0 }), undefined);
    assert.equal(enc({ enabled: false, effort: 'none' }), 'none');
    assert.equal(enc({ enabled: true }), undefined);
  });

  test("the target's limits: output capped at its maximum, effort one the model accepts", () => {
    const claudeCode = req({ maxTokens: 32000, reasoning: { enabled: true, budgetTokens: 31999 } });
    const gpt5mini = {
      maxOutputTokens: 128000,
      reasoning: true,
      efforts: ['minimal', 'low', 'medium', 'high'],
    } as const;
    const body = encodeOpenAIChatRequest(
      claudeCode,
      { model: 'gpt-5-mini', stream: false, limits: gpt5mini },
      { maxTokensField: 'max_completion_tokens' },
    );
    validateOpenAI('request', body);
    assert.equal(body.reasoning_effort, 'high', "31999 tokens is 'xhigh', which GPT-5 mini does not take");
    assert.equal(body.max_completion_tokens, 32000);

    const gpt4oMini = {
      maxOutputTokens: 16384,
      reasoning: false,
      efforts: ['low', 'medium', 'high'],
    } as const;
    const small = encodeOpenAIChatRequest(
      claudeCode,
      { model: 'gpt-4o-mini', stream: false, limits: gpt4oMini },
      { maxTokensField: 'max_completion_tokens' },
    );
    assert.equal(small.max_completion_tokens, 16384, "the catalog's output maximum");
    assert.equal('reasoning_effort' in small, false, 'no reasoning parameter to a model without reasoning');

    const enc = (
      effort: 'none' | 'minimal' | 'xhigh',
      efforts: readonly ('none' | 'low' | 'medium' | 'high' | 'xhigh')[],
    ) =>
      encodeOpenAIChatRequest(req({ reasoning: { enabled: effort !== 'none', effort } }), {
        model: 'm',
        stream: false,
        limits: { reasoning: true, efforts },
      }).reasoning_effort;
    assert.equal(enc('minimal', ['none', 'low', 'medium', 'high']), 'low', 'gpt-5.1 has no minimal');
    assert.equal(enc('xhigh', ['low', 'medium', 'high', 'xhigh']), 'xhigh', 'gpt-5.1-codex-max takes xhigh');
    assert.equal(enc('none', ['low', 'medium', 'high']), 'low', 'o3 cannot turn reasoning off');
    assert.equal(enc('xhigh', []), undefined, 'a model that takes no effort parameter');
  });

  test('no limits (a model the catalog does not describe): sent as asked', () => {
    const body = encodeOpenAIChatRequest(
      req({ maxTokens: 32000, reasoning: { enabled: true, budgetTokens: 31999 } }),
      { model: 'custom', stream: false },
    );
    assert.equal(body.max_tokens, 32000);
    assert.equal(body.reasoning_effort, 'xhigh');
  });

  test('a whole tool conversation validates as an OpenAI request', () => {
    const body = encodeOpenAIChatRequest(
      req({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'sys' }] },
          { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'r', signature: 's' },
              { type: 'tool_call', id: 'toolu_1', name: 'weather', arguments: '{"c":"P"}' },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                toolCallId: 'toolu_1',
                toolName: 'weather',
                content: [{ type: 'text', text: '20C' }],
              },
              { type: 'text', text: 'thanks' },
            ],
          },
        ],
        tools: [{ name: 'weather', parameters: { type: 'object' } }],
        stream: true,
      }),
      { model: 'm', stream: true },
    );
    validateOpenAI('request', body);
    assert.deepEqual(
      body.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'tool', 'user'],
    );
  });
});
