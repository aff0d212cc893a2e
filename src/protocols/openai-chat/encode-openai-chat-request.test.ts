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
