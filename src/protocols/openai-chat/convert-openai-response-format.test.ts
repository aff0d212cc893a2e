import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { convertOpenAIResponseFormat } from './convert-openai-response-format.js';

describe('convertOpenAIResponseFormat', () => {
  test('absent', () => assert.equal(convertOpenAIResponseFormat({}), undefined));
  test('json_schema without a schema gets an empty one', () =>
    assert.deepEqual(
      convertOpenAIResponseFormat({ response_format: { type: 'json_schema', json_schema: { name: 'x' } } }),
      {
        type: 'json_schema',
        name: 'x',
        schema: {},
      },
    ));
  test('errors name the field', () => {
    for (const [rf, param] of [
      [{}, 'response_format.type'],
      [{ type: 'json_schema', json_schema: {} }, 'response_format.json_schema.name'],
      [
        { type: 'json_schema', json_schema: { name: 'x', strict: 'yes' } },
        'response_format.json_schema.strict',
      ],
      [{ type: 'json_schema', json_schema: { name: 'x', schema: [] } }, 'response_format.json_schema.schema'],
    ] as const) {
      assert.throws(
        () => convertOpenAIResponseFormat({ response_format: rf }),
        (e: unknown) => e instanceof GatewayError && e.param === param,
      );
    }
  });
});
