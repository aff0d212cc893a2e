import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sanitizeGeminiJsonSchema } from './sanitize-gemini-json-schema.js';

describe('sanitizeGeminiJsonSchema', () => {
  test('drops $schema and keeps what Gemini supports', () => {
    const input = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { city: { type: 'string', description: 'City' } },
      required: ['city'],
      additionalProperties: false,
    };
    assert.deepEqual(sanitizeGeminiJsonSchema(input), {
      type: 'object',
      properties: { city: { type: 'string', description: 'City' } },
      required: ['city'],
      additionalProperties: false,
    });
    assert.equal(input.$schema, 'http://json-schema.org/draft-07/schema#', 'input untouched');
  });

  test('turns const into a one-value enum at any depth', () => {
    const out = sanitizeGeminiJsonSchema({
      type: 'object',
      properties: {
        kind: { const: 'circle' },
        shapes: { type: 'array', items: { anyOf: [{ const: 1 }, { type: 'string' }] } },
      },
      $defs: { tag: { const: 'x', $schema: 'nested' } },
    });
    assert.deepEqual(out, {
      type: 'object',
      properties: {
        kind: { enum: ['circle'] },
        shapes: { type: 'array', items: { anyOf: [{ enum: [1] }, { type: 'string' }] } },
      },
      $defs: { tag: { enum: ['x'] } },
    });
  });

  test('a property literally named const or $schema is kept', () => {
    const out = sanitizeGeminiJsonSchema({
      type: 'object',
      properties: { const: { type: 'string' }, $schema: { type: 'string' } },
    });
    assert.deepEqual(out, {
      type: 'object',
      properties: { const: { type: 'string' }, $schema: { type: 'string' } },
    });
  });
});
