import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatewayError } from '../../canonical/index.js';
import { decodeGeminiSchema } from './decode-gemini-schema.js';

test('an SDK Schema becomes JSON Schema', () => {
  const schema = {
    type: 'OBJECT',
    propertyOrdering: ['city', 'days'],
    properties: {
      city: { type: 'STRING', description: 'City name', nullable: true },
      days: { type: 'ARRAY', items: { type: 'INTEGER', minimum: 1 }, minItems: '1', maxItems: '7' },
      unit: { type: 'STRING', enum: ['c', 'f'], format: 'enum', example: 'c' },
    },
    required: ['city'],
  };
  assert.deepEqual(decodeGeminiSchema(schema, 'p'), {
    type: 'object',
    required: ['city'],
    properties: {
      city: { type: ['string', 'null'], description: 'City name' },
      days: { type: 'array', minItems: 1, maxItems: 7, items: { type: 'integer', minimum: 1 } },
      unit: { type: 'string', enum: ['c', 'f'], format: 'enum', examples: ['c'] },
    },
  });
});

test('lower-case types, anyOf and an unspecified type', () => {
  assert.deepEqual(
    decodeGeminiSchema({ anyOf: [{ type: 'string' }, { type: 'NUMBER' }], nullable: true }, 'p'),
    { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] },
  );
  assert.deepEqual(decodeGeminiSchema({ type: 'TYPE_UNSPECIFIED' }, 'p'), {});
});

test('errors name the field', () => {
  assert.throws(
    () => decodeGeminiSchema({ type: 'OBJECT', properties: { a: { type: 'TEXT' } } }, 'tools[0]'),
    (e: GatewayError) => e.kind === 'invalid_request' && e.param === 'tools[0].properties.a.type',
  );
  assert.throws(() => decodeGeminiSchema('x', 'p'), /expected a Schema object/);
  assert.throws(() => decodeGeminiSchema({ minItems: '-1' }, 'p'), /p\.minItems/);
});
