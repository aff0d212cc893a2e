import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeAnthropicRequest, decodeCountTokensRequest } from './decode-anthropic-request.js';

const base = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] };

const rejects = (body: unknown, param: string | undefined, message: RegExp) =>
  assert.throws(
    () => decodeAnthropicRequest(body),
    (e: unknown) => {
      assert.ok(e instanceof GatewayError, String(e));
      assert.equal(e.status, 400);
      assert.equal(e.kind, 'invalid_request');
      assert.equal(e.param, param);
      assert.match(e.message, message);
      return true;
    },
  );

describe('decodeAnthropicRequest', () => {
  test('minimal body', () => {
    assert.deepEqual(decodeAnthropicRequest(base), {
      model: 'claude-sonnet-4-5',
      maxTokens: 1024,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stream: false,
    });
  });

  test('every field', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const req = decodeAnthropicRequest({
      model: 'claude-opus-4-5',
      max_tokens: 8000,
      system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [{ name: 'lookup', description: 'Look up', input_schema: schema }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      stop_sequences: ['END'],
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      metadata: { user_id: 'user-123' },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      output_config: { format: { type: 'json_schema', schema } },
      stream: true,
      service_tier: 'auto',
    });
    assert.deepEqual(req, {
      model: 'claude-opus-4-5',
      maxTokens: 8000,
      messages: [
        {
          role: 'system',
          content: [{ type: 'text', text: 'You are terse.', cacheControl: { type: 'ephemeral' } }],
        },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      tools: [{ name: 'lookup', description: 'Look up', parameters: schema }],
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      stop: ['END'],
      temperature: 0.3,
      topP: 0.9,
      topK: 40,
      user: 'user-123',
      responseFormat: { type: 'json_schema', name: 'response', schema },
      reasoning: { enabled: true, budgetTokens: 2048 },
      stream: true,
      streamUsage: true,
    });
  });

  test('max_tokens is required by the Messages API', () => {
    const { max_tokens: _, ...noMax } = base;
    rejects(noMax, 'max_tokens', /max_tokens: field required/);
    rejects({ ...base, max_tokens: -1 }, 'max_tokens', />= 0/);
    rejects({ ...base, max_tokens: 10.5 }, 'max_tokens', /integer/);
    rejects({ ...base, max_tokens: '100' }, 'max_tokens', /expected a number/);
    // 0 warms the prompt cache on Anthropic: allowed
    assert.equal(decodeAnthropicRequest({ ...base, max_tokens: 0 }).maxTokens, 0);
  });

  test('model and body shape', () => {
    rejects([base], undefined, /must be a JSON object, got array/);
    rejects({ ...base, model: undefined }, 'model', /field required/);
    rejects({ ...base, model: '' }, 'model', /empty/);
    rejects({ ...base, model: 3 }, 'model', /expected a string/);
  });

  test('sampling ranges', () => {
    rejects({ ...base, temperature: 1.5 }, 'temperature', /<= 1/);
    rejects({ ...base, top_p: -0.1 }, 'top_p', />= 0/);
    rejects({ ...base, top_k: 2.5 }, 'top_k', /integer/);
    rejects({ ...base, stream: 'yes' }, 'stream', /boolean/);
  });

  test('stop_sequences and metadata', () => {
    rejects({ ...base, stop_sequences: 'END' }, 'stop_sequences', /array/);
    rejects({ ...base, stop_sequences: ['a', 1] }, 'stop_sequences[1]', /string/);
    rejects({ ...base, metadata: { user_id: 7 } }, 'metadata.user_id', /string/);
    rejects({ ...base, metadata: 'u' }, 'metadata', /object/);
    assert.equal(decodeAnthropicRequest({ ...base, metadata: { user_id: null } }).user, undefined);
    assert.equal(decodeAnthropicRequest({ ...base, metadata: {} }).user, undefined);
  });

  test('server tools need an Anthropic model', () => {
    rejects(
      { ...base, tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }] },
      'tools[0].type',
      /web_search_20250305.*Anthropic model/,
    );
  });

  test('thinking variants', () => {
    assert.deepEqual(decodeAnthropicRequest({ ...base, thinking: { type: 'disabled' } }).reasoning, {
      enabled: false,
    });
    assert.deepEqual(
      decodeAnthropicRequest({ ...base, thinking: { type: 'adaptive' }, output_config: { effort: 'low' } })
        .reasoning,
      { enabled: true, effort: 'low' },
    );
  });

  test('errors deep inside messages carry the full path', () => {
    rejects(
      {
        ...base,
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: [{ type: 'bogus' }] },
        ],
      },
      'messages[1].content[0].type',
      /unknown content block type 'bogus'/,
    );
  });
});

describe('decodeCountTokensRequest', () => {
  test('max_tokens not required, never streams', () => {
    const { max_tokens: _, ...noMax } = base;
    const req = decodeCountTokensRequest({ ...noMax, system: 'S', stream: true });
    assert.equal(req.maxTokens, undefined);
    assert.equal(req.stream, false);
    assert.deepEqual(req.messages[0], { role: 'system', content: [{ type: 'text', text: 'S' }] });
  });

  test('still validates everything else', () => {
    assert.throws(
      () => decodeCountTokensRequest({ model: 'm', messages: [] }),
      (e: unknown) => e instanceof GatewayError && e.param === 'messages',
    );
  });
});
