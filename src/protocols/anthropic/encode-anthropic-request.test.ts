import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAnthropicRequestRules } from '../../../test/schemas/anthropic.js';
import type { CanonicalRequest } from '../../canonical/index.js';
import { decodeAnthropicRequest } from './decode-anthropic-request.js';
import { encodeAnthropicRequest } from './encode-anthropic-request.js';
import { JSON_OBJECT_INSTRUCTION } from './encode-anthropic-response-format.js';

const settings = { defaultMaxTokens: 4096 };
const encode = (req: CanonicalRequest, stream = false) =>
  encodeAnthropicRequest(req, { model: 'claude-sonnet-4-5-20250929', stream }, settings);

const text = (t: string) => ({ type: 'text' as const, text: t });

describe('encodeAnthropicRequest', () => {
  test('a full OpenAI-style conversation', () => {
    const req: CanonicalRequest = {
      model: 'my-alias',
      messages: [
        { role: 'system', content: [text('Be terse.')] },
        {
          role: 'user',
          content: [
            text('Weather in Paris?'),
            { type: 'image', source: { kind: 'url', url: 'https://x/p.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool_call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' }],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool_result', toolCallId: 'call_1', toolName: 'weather', content: [text('18°C')] },
          ],
        },
      ],
      tools: [
        { name: 'weather', description: 'Current weather', parameters: { type: 'object', properties: {} } },
      ],
      toolChoice: { type: 'auto' },
      parallelToolCalls: false,
      maxTokens: 500,
      temperature: 0.4,
      topP: 0.8,
      stop: ['\n\nHuman:'],
      seed: 7,
      user: 'user-9',
      metadata: { team: 'a' },
      stream: true,
    };
    const body = encode(req, true);
    assertAnthropicRequestRules(body);
    assert.deepEqual(body, {
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 500,
      system: [{ type: 'text', text: 'Be terse.' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris?' },
            { type: 'image', source: { type: 'url', url: 'https://x/p.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } }],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: '18°C' }] },
          ],
        },
      ],
      tools: [
        { name: 'weather', description: 'Current weather', input_schema: { type: 'object', properties: {} } },
      ],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      stop_sequences: ['\n\nHuman:'],
      temperature: 0.4,
      top_p: 0.8,
      metadata: { user_id: 'user-9' },
      stream: true,
    });
  });

  test('max_tokens defaults to the codec setting', () => {
    const body = encode({ model: 'm', messages: [{ role: 'user', content: [text('hi')] }], stream: false });
    assert.equal(body.max_tokens, 4096);
    assert.equal(body.stream, undefined);
    assert.equal(body.system, undefined);
    assertAnthropicRequestRules(body);
  });

  test('thinking budget stays below max_tokens', () => {
    const body = encode({
      model: 'm',
      messages: [{ role: 'user', content: [text('Prove it.')] }],
      reasoning: { enabled: true, effort: 'high' },
      maxTokens: 2000,
      temperature: 0.1,
      stream: false,
    });
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 24576 });
    assert.equal(body.max_tokens, 24576 + 2000);
    assert.equal(body.temperature, undefined);
    assertAnthropicRequestRules(body);
  });

  test("the target's limits: no limit asked → the model's maximum up to 32000; a limit above it is capped", () => {
    const hi = { model: 'm', messages: [{ role: 'user' as const, content: [text('hi')] }], stream: false };
    const withLimits = (r: CanonicalRequest, maxOutputTokens: number) =>
      encodeAnthropicRequest(r, { model: 'claude-x', stream: false, limits: { maxOutputTokens } }, settings);
    assert.equal(withLimits(hi, 64000).max_tokens, 32000, 'a long answer is not cut at 4096');
    assert.equal(withLimits(hi, 8192).max_tokens, 8192);
    assert.equal(withLimits({ ...hi, maxTokens: 100000 }, 64000).max_tokens, 64000);
    assert.equal(withLimits({ ...hi, maxTokens: 1000 }, 64000).max_tokens, 1000);
    const thinking = withLimits({ ...hi, reasoning: { enabled: true, effort: 'high' } }, 64000);
    assert.deepEqual(thinking.thinking, { type: 'enabled', budget_tokens: 24576 });
    assert.equal(thinking.max_tokens, 32000);
    assertAnthropicRequestRules(thinking);
  });

  test('structured outputs: json_schema and json_object', () => {
    const schema = {
      type: 'object',
      properties: { n: { type: 'integer' } },
      required: ['n'],
      additionalProperties: false,
    };
    const messages = [{ role: 'user' as const, content: [text('Count.')] }];
    const withSchema = encode({
      model: 'm',
      messages,
      responseFormat: { type: 'json_schema', name: 'c', schema },
      stream: false,
    });
    assert.deepEqual(withSchema.output_config, { format: { type: 'json_schema', schema } });
    assertAnthropicRequestRules(withSchema);

    const jsonObject = encode({
      model: 'm',
      messages: [{ role: 'system', content: [text('S')] }, ...messages],
      responseFormat: { type: 'json_object' },
      stream: false,
    });
    assert.equal(jsonObject.output_config, undefined);
    assert.deepEqual(jsonObject.system, [
      { type: 'text', text: 'S' },
      { type: 'text', text: JSON_OBJECT_INSTRUCTION },
    ]);
  });

  test('an Anthropic client request survives decode → encode', () => {
    const clientBody = {
      model: 'alias',
      max_tokens: 3000,
      system: [{ type: 'text', text: 'Sys', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: 'Roll a die' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'I should roll.', signature: 'sig' },
            { type: 'tool_use', id: 'toolu_1', name: 'roll', input: { sides: 6 } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'text', text: '4' }],
              is_error: false,
            },
            {
              type: 'document',
              source: { type: 'text', media_type: 'text/plain', data: 'rules' },
              title: 'Rules',
            },
          ],
        },
      ],
      tools: [{ name: 'roll', input_schema: { type: 'object', properties: { sides: { type: 'integer' } } } }],
      tool_choice: { type: 'tool', name: 'roll' },
      thinking: { type: 'enabled', budget_tokens: 1024 },
      top_k: 3,
      stop_sequences: ['X'],
      metadata: { user_id: 'u' },
    };
    const body = encode(decodeAnthropicRequest(clientBody));
    assertAnthropicRequestRules(body);
    assert.deepEqual(body.system, clientBody.system);
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'Roll a die' }] },
      clientBody.messages[1],
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '4' }] },
          {
            type: 'document',
            source: { type: 'text', media_type: 'text/plain', data: 'rules' },
            title: 'Rules',
          },
        ],
      },
    ]);
    assert.deepEqual(body.tool_choice, { type: 'tool', name: 'roll' });
    // a forced tool choice and thinking cannot go together: the tool choice wins
    assert.equal(body.thinking, undefined);
    assert.equal(body.top_k, 3);
    assert.deepEqual(body.metadata, { user_id: 'u' });
    assert.deepEqual(body.stop_sequences, ['X']);
  });
});
