import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeOpenAIEmbeddingRequest } from './decode-openai-embedding-request.js';

function rejects(body: unknown, param: string | undefined, message?: RegExp) {
  assert.throws(
    () => decodeOpenAIEmbeddingRequest(body),
    (e: unknown) => {
      assert.ok(e instanceof GatewayError);
      assert.equal(e.status, 400);
      assert.equal(e.param, param);
      if (message) assert.match(e.message, message);
      return true;
    },
  );
}

describe('decodeOpenAIEmbeddingRequest', () => {
  test('a string input', () => {
    assert.deepEqual(decodeOpenAIEmbeddingRequest({ model: 'text-embedding-3-small', input: 'hello' }), {
      model: 'text-embedding-3-small',
      input: ['hello'],
      encodingFormat: 'float',
    });
  });

  test('an array input with dimensions, base64 and user', () => {
    assert.deepEqual(
      decodeOpenAIEmbeddingRequest({
        model: 'm',
        input: ['a', 'b'],
        dimensions: 256,
        encoding_format: 'base64',
        user: 'u',
      }),
      { model: 'm', input: ['a', 'b'], encodingFormat: 'base64', dimensions: 256, user: 'u' },
    );
  });

  test('errors', () => {
    rejects('x', undefined, /JSON object/);
    rejects({ input: 'a' }, 'model');
    rejects({ model: 'm' }, 'input', /Missing required parameter/);
    rejects({ model: 'm', input: 5 }, 'input', /a string or an array of strings/);
    rejects({ model: 'm', input: [] }, 'input', /empty array/);
    rejects({ model: 'm', input: '' }, 'input', /empty/);
    rejects({ model: 'm', input: ['a', ''] }, 'input[1]', /empty/);
    rejects({ model: 'm', input: ['a', {}] }, 'input[1]', /expected a string/);
    rejects({ model: 'm', input: [1, 2, 3] }, 'input', /Token-array inputs are not supported/);
    rejects({ model: 'm', input: [[1, 2]] }, 'input', /Token-array/);
    rejects({ model: 'm', input: 'a', dimensions: 0 }, 'dimensions', />= 1/);
    rejects({ model: 'm', input: 'a', dimensions: 1.5 }, 'dimensions', /integer/);
    rejects({ model: 'm', input: 'a', encoding_format: 'int8' }, 'encoding_format', /'float', and 'base64'/);
  });
});
