import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeOpenAIEmbeddingRequest } from './encode-openai-embedding-request.js';

describe('encodeOpenAIEmbeddingRequest', () => {
  test('always asks for floats, under the provider model id', () => {
    assert.deepEqual(
      encodeOpenAIEmbeddingRequest({ model: 'alias', input: ['a'] }, 'text-embedding-3-small'),
      {
        model: 'text-embedding-3-small',
        input: ['a'],
        encoding_format: 'float',
      },
    );
  });

  test('dimensions and user pass through', () => {
    assert.deepEqual(
      encodeOpenAIEmbeddingRequest({ model: 'x', input: ['a', 'b'], dimensions: 64, user: 'u' }, 'm'),
      {
        model: 'm',
        input: ['a', 'b'],
        encoding_format: 'float',
        dimensions: 64,
        user: 'u',
      },
    );
  });
});
