import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeAnthropicOutputConfig } from './decode-anthropic-output-config.js';

const schema = {
  type: 'object',
  properties: { name: { type: 'string' } },
  required: ['name'],
  additionalProperties: false,
};

describe('decodeAnthropicOutputConfig', () => {
  test('output_config.format → json_schema response format', () => {
    assert.deepEqual(
      decodeAnthropicOutputConfig({ output_config: { format: { type: 'json_schema', schema } } }),
      {
        responseFormat: { type: 'json_schema', name: 'response', schema },
      },
    );
  });

  test('deprecated output_format is accepted', () => {
    assert.deepEqual(decodeAnthropicOutputConfig({ output_format: { type: 'json_schema', schema } }), {
      responseFormat: { type: 'json_schema', name: 'response', schema },
    });
  });

  test('both at once is an error', () => {
    assert.throws(
      () =>
        decodeAnthropicOutputConfig({
          output_format: { type: 'json_schema', schema },
          output_config: { format: { type: 'json_schema', schema } },
        }),
      (e: unknown) =>
        e instanceof GatewayError && e.param === 'output_format' && /deprecated/.test(e.message),
    );
  });

  test('effort, with max mapped to xhigh', () => {
    assert.deepEqual(decodeAnthropicOutputConfig({ output_config: { effort: 'medium' } }), {
      effort: 'medium',
    });
    assert.deepEqual(decodeAnthropicOutputConfig({ output_config: { effort: 'max' } }), { effort: 'xhigh' });
    assert.throws(
      () => decodeAnthropicOutputConfig({ output_config: { effort: 'extreme' } }),
      (e: unknown) => e instanceof GatewayError && e.param === 'output_config.effort',
    );
  });

  test('format errors', () => {
    assert.throws(
      () => decodeAnthropicOutputConfig({ output_config: { format: { type: 'json_object' } } }),
      (e: unknown) => e instanceof GatewayError && e.param === 'output_config.format.type',
    );
    assert.throws(
      () => decodeAnthropicOutputConfig({ output_config: { format: { type: 'json_schema' } } }),
      (e: unknown) => e instanceof GatewayError && e.param === 'output_config.format.schema',
    );
    assert.throws(
      () => decodeAnthropicOutputConfig({ output_config: 'json' }),
      (e: unknown) => e instanceof GatewayError && e.param === 'output_config',
    );
  });

  test('nothing given → nothing', () => {
    assert.deepEqual(decodeAnthropicOutputConfig({}), {});
    assert.deepEqual(decodeAnthropicOutputConfig({ output_config: { format: null, effort: null } }), {});
  });
});
