import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeGeminiCountTokensRequest,
  decodeGeminiEmbedRequest,
  encodeGeminiEmbedResponse,
} from './gemini-client-extras.js';

test('countTokens: contents alone, or a whole generateContentRequest', () => {
  const a = decodeGeminiCountTokensRequest({ model: 'm', contents: [{ parts: [{ text: 'hi' }] }] });
  assert.equal(a.messages.length, 1);
  const b = decodeGeminiCountTokensRequest({
    model: 'm',
    generateContentRequest: {
      model: 'models/m',
      systemInstruction: { parts: [{ text: 'sys' }] },
      contents: [{ parts: [{ text: 'hi' }] }],
      tools: [{ functionDeclarations: [{ name: 'f' }] }],
    },
  });
  assert.deepEqual(
    b.messages.map((m) => m.role),
    ['system', 'user'],
  );
  assert.equal(b.tools?.length, 1);
  assert.equal(b.stream, false);
});

test('embedContent and batchEmbedContents', () => {
  assert.deepEqual(
    decodeGeminiEmbedRequest(
      { content: { parts: [{ text: 'a' }, { text: 'b' }] }, outputDimensionality: 8 },
      'm',
      false,
    ),
    { model: 'm', input: ['ab'], dimensions: 8 },
  );
  assert.deepEqual(
    decodeGeminiEmbedRequest(
      {
        requests: [
          { model: 'models/m', content: { parts: [{ text: 'x' }] } },
          { content: { parts: [{ text: 'y' }] } },
        ],
      },
      'm',
      true,
    ),
    { model: 'm', input: ['x', 'y'] },
  );
  assert.throws(() => decodeGeminiEmbedRequest({ requests: [] }, 'm', true), /requests/);
  assert.throws(
    () =>
      decodeGeminiEmbedRequest(
        {
          requests: [
            { content: { parts: [{ text: 'x' }] }, outputDimensionality: 8 },
            { content: { parts: [{ text: 'y' }] } },
          ],
        },
        'm',
        true,
      ),
    /same size/,
  );
  assert.throws(
    () =>
      decodeGeminiEmbedRequest(
        { content: { parts: [{ inlineData: { mimeType: 'image/png', data: 'x' } }] } },
        'm',
        false,
      ),
    /only text parts/,
  );
  assert.deepEqual(encodeGeminiEmbedResponse([[1, 2]], false), { embedding: { values: [1, 2] } });
  assert.deepEqual(encodeGeminiEmbedResponse([[1], [2]], true), {
    embeddings: [{ values: [1] }, { values: [2] }],
  });
});
