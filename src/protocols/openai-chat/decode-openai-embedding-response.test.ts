import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeOpenAIEmbeddingResponse } from './decode-openai-embedding-response.js';
import { encodeFloat32Base64 } from './float32-base64.js';

describe('decodeOpenAIEmbeddingResponse', () => {
  test('vectors in index order, usage from prompt_tokens', () => {
    const res = decodeOpenAIEmbeddingResponse(
      {
        object: 'list',
        data: [
          { object: 'embedding', index: 1, embedding: [3, 4] },
          { object: 'embedding', index: 0, embedding: [1, 2] },
        ],
        model: 'text-embedding-3-small',
        usage: { prompt_tokens: 5, total_tokens: 5 },
      },
      'fallback',
    );
    assert.deepEqual(res, {
      model: 'text-embedding-3-small',
      embeddings: [
        [1, 2],
        [3, 4],
      ],
      usage: { inputTokens: 5 },
    });
  });

  test('base64 vectors are decoded; missing model and usage are filled', () => {
    const res = decodeOpenAIEmbeddingResponse(
      { data: [{ index: 0, embedding: encodeFloat32Base64([0.5, 1]) }] },
      'm',
    );
    assert.deepEqual(res, { model: 'm', embeddings: [[0.5, 1]], usage: { inputTokens: 0 } });
  });

  test('malformed bodies are upstream errors', () => {
    for (const bad of [null, {}, { data: [5] }, { data: [{ embedding: [1, 'x'] }] }]) {
      assert.throws(
        () => decodeOpenAIEmbeddingResponse(bad, 'm'),
        (e: unknown) => e instanceof GatewayError && e.kind === 'upstream_error',
      );
    }
  });
});
