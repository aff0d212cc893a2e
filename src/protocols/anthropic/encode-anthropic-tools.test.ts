import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CanonicalRequest } from '../../canonical/index.js';
import { encodeAnthropicTools } from './encode-anthropic-tools.js';

const req = (extra: Partial<CanonicalRequest>): CanonicalRequest => ({
  model: 'm',
  messages: [],
  stream: false,
  tools: [{ name: 'f', parameters: { type: 'object', properties: {} } }],
  ...extra,
});

describe('encodeAnthropicTools', () => {
  test('tool definitions: input_schema, description, strict, cache_control', () => {
    const out = encodeAnthropicTools(
      req({
        tools: [
          {
            name: 'a',
            description: 'A',
            parameters: { type: 'object', properties: { x: { type: 'string' } } },
            strict: true,
          },
          { name: 'b', parameters: {}, cacheControl: { type: 'ephemeral' } },
        ],
      }),
    );
    assert.deepEqual(out.tools, [
      {
        name: 'a',
        input_schema: { type: 'object', properties: { x: { type: 'string' } } },
        description: 'A',
        strict: true,
      },
      // OpenAI allows parameters without a type; Anthropic needs type: object
      { name: 'b', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
    ]);
    assert.equal(out.tool_choice, undefined);
  });

  test('tool choice mapping', () => {
    assert.deepEqual(encodeAnthropicTools(req({ toolChoice: { type: 'auto' } })).tool_choice, {
      type: 'auto',
    });
    assert.deepEqual(encodeAnthropicTools(req({ toolChoice: { type: 'required' } })).tool_choice, {
      type: 'any',
    });
    assert.deepEqual(encodeAnthropicTools(req({ toolChoice: { type: 'tool', name: 'f' } })).tool_choice, {
      type: 'tool',
      name: 'f',
    });
    assert.deepEqual(encodeAnthropicTools(req({ toolChoice: { type: 'none' } })).tool_choice, {
      type: 'none',
    });
  });

  test('parallelToolCalls false → disable_parallel_tool_use', () => {
    assert.deepEqual(encodeAnthropicTools(req({ parallelToolCalls: false })).tool_choice, {
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    assert.deepEqual(
      encodeAnthropicTools(req({ parallelToolCalls: false, toolChoice: { type: 'required' } })).tool_choice,
      {
        type: 'any',
        disable_parallel_tool_use: true,
      },
    );
    // none has no such flag
    assert.deepEqual(
      encodeAnthropicTools(req({ parallelToolCalls: false, toolChoice: { type: 'none' } })).tool_choice,
      {
        type: 'none',
      },
    );
    assert.equal(encodeAnthropicTools(req({ parallelToolCalls: true })).tool_choice, undefined);
  });

  test('no tools → neither tools nor tool_choice', () => {
    assert.deepEqual(encodeAnthropicTools(req({ tools: undefined, toolChoice: { type: 'none' } })), {});
    assert.deepEqual(encodeAnthropicTools(req({ tools: [], toolChoice: { type: 'required' } })), {});
  });
});
