import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateOpenAI } from '../../../test/schemas/openai-chat.js';
import { openaiEmbeddings } from './openai-embeddings.js';

describe('openaiEmbeddings', () => {
  test('a client request through an upstream and back', () => {
    const req = openaiEmbeddings.decodeEmbeddingRequest({
      model: 'alias',
      input: ['a', 'b'],
      encoding_format: 'base64',
    });
    const upstreamBody = openaiEmbeddings.encodeEmbeddingRequest(req, 'text-embedding-3-small');
    assert.deepEqual(upstreamBody, {
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
    });
    const res = openaiEmbeddings.decodeEmbeddingResponse(
      {
        object: 'list',
        data: [
          { object: 'embedding', index: 0, embedding: [0.5] },
          { object: 'embedding', index: 1, embedding: [0.25] },
        ],
        model: 'text-embedding-3-small',
        usage: { prompt_tokens: 2, total_tokens: 2 },
      },
      'text-embedding-3-small',
    );
    const out = openaiEmbeddings.encodeEmbeddingResponse(res, req.model, req.encodingFormat);
    validateOpenAI('embedding.list', out);
    assert.equal(out.model, 'alias');
    assert.equal(typeof out.data[0]!.embedding, 'string');
  });
});
