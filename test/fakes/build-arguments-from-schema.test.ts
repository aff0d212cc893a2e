import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildArgumentsFromSchema } from './build-arguments-from-schema.js';

describe('buildArgumentsFromSchema', () => {
  test('fills only required properties with a sample per type', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer' },
        ratio: { type: 'number', minimum: 5 },
        metric: { type: 'boolean' },
        note: { type: 'string' },
      },
      required: ['city', 'days', 'ratio', 'metric'],
    };
    assert.deepEqual(buildArgumentsFromSchema(schema), { city: 'Paris', days: 1, ratio: 5, metric: true });
  });

  test('uses enum, const, nullable type arrays, anyOf, nested objects, arrays and $ref', () => {
    const schema = {
      type: 'object',
      $defs: { Place: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      properties: {
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        kind: { const: 'forecast' },
        when: { type: ['null', 'string'], format: 'date' },
        either: { anyOf: [{ type: 'null' }, { type: 'number' }] },
        place: { $ref: '#/$defs/Place' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['unit', 'kind', 'when', 'either', 'place', 'tags'],
    };
    assert.deepEqual(buildArgumentsFromSchema(schema), {
      unit: 'celsius',
      kind: 'forecast',
      when: '2024-01-01',
      either: 1,
      place: { name: 'Paris' },
      tags: ['Paris'],
    });
  });

  test('accepts the upper-case OpenAPI types Gemini uses', () => {
    const schema = { type: 'OBJECT', properties: { n: { type: 'NUMBER' } }, required: ['n'] };
    assert.deepEqual(buildArgumentsFromSchema(schema), { n: 1 });
  });

  test('gives an empty object for a missing or non-object schema', () => {
    assert.deepEqual(buildArgumentsFromSchema(undefined), {});
    assert.deepEqual(buildArgumentsFromSchema({ type: 'string' }), {});
  });
});
