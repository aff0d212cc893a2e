import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError, type ToolDefinition } from '../../canonical/index.js';
import { prepareGeminiTools } from './prepare-gemini-tools.js';

const weather: ToolDefinition = {
  name: 'weather',
  description: 'Get the weather',
  parameters: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { city: { type: 'string' }, unit: { const: 'C' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

describe('prepareGeminiTools', () => {
  test('no tools → nothing, even with a tool choice', () => {
    assert.deepEqual(prepareGeminiTools(undefined, { type: 'required' }), {});
    assert.deepEqual(prepareGeminiTools([], undefined), {});
  });

  test('declarations use sanitized parametersJsonSchema', () => {
    assert.deepEqual(prepareGeminiTools([weather, { name: 'ping', parameters: {} }], undefined), {
      tools: [
        {
          functionDeclarations: [
            {
              name: 'weather',
              description: 'Get the weather',
              parametersJsonSchema: {
                type: 'object',
                properties: { city: { type: 'string' }, unit: { enum: ['C'] } },
                required: ['city'],
                additionalProperties: false,
              },
            },
            { name: 'ping' },
          ],
        },
      ],
    });
  });

  test('tool choice modes', () => {
    const cfg = (c: Parameters<typeof prepareGeminiTools>[1]) => prepareGeminiTools([weather], c).toolConfig;
    assert.equal(cfg(undefined), undefined);
    assert.deepEqual(cfg({ type: 'auto' }), { functionCallingConfig: { mode: 'AUTO' } });
    assert.deepEqual(cfg({ type: 'none' }), { functionCallingConfig: { mode: 'NONE' } });
    assert.deepEqual(cfg({ type: 'required' }), { functionCallingConfig: { mode: 'ANY' } });
    assert.deepEqual(cfg({ type: 'tool', name: 'weather' }), {
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] },
    });
  });

  test('naming a tool that is not defined is a client error', () => {
    assert.throws(
      () => prepareGeminiTools([weather], { type: 'tool', name: 'nope' }),
      (e: unknown) => e instanceof GatewayError && e.kind === 'invalid_request' && e.param === 'tool_choice',
    );
  });
});
