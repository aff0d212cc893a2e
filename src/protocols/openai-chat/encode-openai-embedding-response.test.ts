import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateOpenAI } from '../../../test/schemas/openai-chat.js';
import type { CanonicalEmbeddingResponse } from '../../canonical/index.js';
import { encodeOpenAIEmbeddingResponse } from './encode-openai-embedding-response.js';
import { decodeFloat32Base64 } from './float32-base64.js';

const res: CanonicalEmbeddingResponse = {
  model: 'gemini-embedding-001',
  embeddings: [
    [0.5, -1],
    [2, 0.25],
  ],
  usage: { inputTokens: 7, estimated: true },
};

describe('encodeOpenAIEmbeddingResponse', () => {
  test('floats', () => {
    const out = encodeOpenAIEmbeddingResponse(res, 'my-embedder', 'float');
    validateOpenAI('embedding.list', out);
    assert.deepEqual(out, {
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -1] },
        { object: 'embedding', index: 1, embedding: [2, 0.25] },
      ],
      model: 'my-embedder',
      usage: { prompt_tokens: 7, total_tokens: 7 },
    });
  });

  test('base64 is little-endian float32, as OpenAI sends it', () => {
    const out = encodeOpenAIEmbeddingResponse(res, 'm', 'base64');
    validateOpenAI('embedding.list', out);
    assert.equal(out.data[0]!.embedding, Buffer.from(new Float32Array([0.5, -1]).buffer).toString('base64'));
    assert.deepEqual(decodeFloat32Base64(out.data[1]!.embedding as string), [2, 0.25]);
  });
});
