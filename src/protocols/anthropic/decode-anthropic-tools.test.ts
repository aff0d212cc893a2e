import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeAnthropicToolChoice, decodeAnthropicTools } from './decode-anthropic-tools.js';

const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

describe('decodeAnthropicTools', () => {
  test('custom tools with description, strict and cache_control', () => {
    assert.deepEqual(
      decodeAnthropicTools([
        { name: 'get_weather', description: 'Weather now', input_schema: schema },
        {
          type: 'custom',
          name: 'b',
          input_schema: { type: 'object' },
          strict: true,
          cache_control: { type: 'ephemeral' },
        },
      ]),
      [
        { name: 'get_weather', description: 'Weather now', parameters: schema },
        { name: 'b', parameters: { type: 'object' }, strict: true, cacheControl: { type: 'ephemeral' } },
      ],
    );
    assert.equal(decodeAnthropicTools(undefined), undefined);
  });

  test('server tools are rejected naming the type and the need for an Anthropic model', () => {
    assert.throws(
      () =>
        decodeAnthropicTools([
          { name: 'a', input_schema: schema },
          { type: 'web_search_20250305', name: 'web_search' },
        ]),
      (e: unknown) =>
        e instanceof GatewayError &&
        e.status === 400 &&
        e.param === 'tools[1].type' &&
        /'web_search_20250305'/.test(e.message) &&
        /needs an Anthropic model/.test(e.message),
    );
  });

  test('missing name or input_schema', () => {
    assert.throws(
      () => decodeAnthropicTools([{ input_schema: schema }]),
      (e: unknown) => e instanceof GatewayError && e.param === 'tools[0].name',
    );
    assert.throws(
      () => decodeAnthropicTools([{ name: 'a' }]),
      (e: unknown) => e instanceof GatewayError && e.param === 'tools[0].input_schema',
    );
    assert.throws(
      () => decodeAnthropicTools([{ name: 'a', input_schema: 'object' }]),
      (e: unknown) => e instanceof GatewayError && e.param === 'tools[0].input_schema',
    );
  });
});

describe('decodeAnthropicToolChoice', () => {
  test('auto / any / tool / none', () => {
    assert.deepEqual(decodeAnthropicToolChoice({ type: 'auto' }), { toolChoice: { type: 'auto' } });
    assert.deepEqual(decodeAnthropicToolChoice({ type: 'any' }), { toolChoice: { type: 'required' } });
    assert.deepEqual(decodeAnthropicToolChoice({ type: 'tool', name: 'get_weather' }), {
      toolChoice: { type: 'tool', name: 'get_weather' },
    });
    assert.deepEqual(decodeAnthropicToolChoice({ type: 'none' }), { toolChoice: { type: 'none' } });
    assert.deepEqual(decodeAnthropicToolChoice(undefined), {});
  });

  test('disable_parallel_tool_use → parallelToolCalls false', () => {
    assert.deepEqual(decodeAnthropicToolChoice({ type: 'auto', disable_parallel_tool_use: true }), {
      toolChoice: { type: 'auto' },
      parallelToolCalls: false,
    });
    assert.deepEqual(decodeAnthropicToolChoice({ type: 'any', disable_parallel_tool_use: false }), {
      toolChoice: { type: 'required' },
    });
  });

  test('errors', () => {
    assert.throws(
      () => decodeAnthropicToolChoice({ type: 'tool' }),
      (e: unknown) => e instanceof GatewayError && e.param === 'tool_choice.name',
    );
    assert.throws(
      () => decodeAnthropicToolChoice({ type: 'required' }),
      (e: unknown) => e instanceof GatewayError && e.param === 'tool_choice.type' && /'any'/.test(e.message),
    );
    assert.throws(
      () => decodeAnthropicToolChoice('auto'),
      (e: unknown) => e instanceof GatewayError && e.param === 'tool_choice',
    );
  });
});
