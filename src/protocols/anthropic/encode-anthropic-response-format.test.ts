import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  encodeAnthropicResponseFormat,
  JSON_OBJECT_INSTRUCTION,
} from './encode-anthropic-response-format.js';

describe('encodeAnthropicResponseFormat', () => {
  test('json_schema → output_config.format', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'number' } },
      required: ['a'],
      additionalProperties: false,
    };
    assert.deepEqual(
      encodeAnthropicResponseFormat({ type: 'json_schema', name: 'x', schema, strict: true }),
      {
        output_config: { format: { type: 'json_schema', schema } },
      },
    );
  });

  test('json_object → a system instruction', () => {
    assert.deepEqual(encodeAnthropicResponseFormat({ type: 'json_object' }), {
      systemInstruction: { type: 'text', text: JSON_OBJECT_INSTRUCTION },
    });
    assert.match(JSON_OBJECT_INSTRUCTION, /JSON object/);
  });

  test('text or nothing → nothing', () => {
    assert.deepEqual(encodeAnthropicResponseFormat({ type: 'text' }), {});
    assert.deepEqual(encodeAnthropicResponseFormat(undefined), {});
  });
});
