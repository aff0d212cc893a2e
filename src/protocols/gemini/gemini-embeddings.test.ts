import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateGemini } from '../../../test/schemas/gemini.js';
import { GatewayError } from '../../canonical/index.js';
import { geminiEmbeddings } from './gemini-embeddings.js';

describe('geminiEmbeddings', () => {
  test('one request per input, with the model resource name and dimensions', () => {
    const body = geminiEmbeddings.encodeEmbeddingRequest(
      { model: 'text-embedding-3-small', input: ['hello', 'world'], dimensions: 256, user: 'u1' },
      'gemini-embedding-001',
    );
    assert.deepEqual(body, {
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'hello' }] },
          outputDimensionality: 256,
        },
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'world' }] },
          outputDimensionality: 256,
        },
      ],
    });
    assert.deepEqual(validateGemini('batchEmbedContentsRequest', body), []);
  });

  test('no dimensions, model already prefixed', () => {
    const body = geminiEmbeddings.encodeEmbeddingRequest(
      { model: 'm', input: ['a'] },
      'models/text-embedding-004',
    );
    assert.deepEqual(body, {
      requests: [{ model: 'models/text-embedding-004', content: { parts: [{ text: 'a' }] } }],
    });
    assert.deepEqual(validateGemini('batchEmbedContentsRequest', body), []);
  });

  test('empty input is a client error', () => {
    assert.throws(
      () => geminiEmbeddings.encodeEmbeddingRequest({ model: 'm', input: [] }, 'gemini-embedding-001'),
      (e: unknown) => e instanceof GatewayError && e.kind === 'invalid_request' && e.param === 'input',
    );
  });

  test('decodes values in order; usage is left for the caller to count', () => {
    assert.deepEqual(
      geminiEmbeddings.decodeEmbeddingResponse(
        { embeddings: [{ values: [0.1, -0.2] }, { values: [0.3, 0.4] }] },
        'gemini-embedding-001',
      ),
      {
        model: 'gemini-embedding-001',
        embeddings: [
          [0.1, -0.2],
          [0.3, 0.4],
        ],
        usage: { inputTokens: 0, estimated: false },
      },
    );
  });

  test('malformed answers are upstream errors', () => {
    for (const body of [{}, null, { embeddings: [{ values: ['x'] }] }, { embeddings: [{}] }]) {
      assert.throws(
        () => geminiEmbeddings.decodeEmbeddingResponse(body, 'm'),
        (e: unknown) => e instanceof GatewayError && e.kind === 'upstream_error',
      );
    }
  });
});
