import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { convertMediaToGeminiPart } from './convert-media-to-gemini-part.js';

describe('convertMediaToGeminiPart', () => {
  test('base64 → inlineData', () => {
    assert.deepEqual(convertMediaToGeminiPart({ kind: 'base64', mediaType: 'image/png', data: 'iVBORw0K' }), {
      inlineData: { mimeType: 'image/png', data: 'iVBORw0K' },
    });
  });

  test('data URL → inlineData', () => {
    assert.deepEqual(convertMediaToGeminiPart({ kind: 'url', url: 'data:image/jpeg;base64,/9j/4AAQ' }), {
      inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' },
    });
  });

  test('URL → fileData with the given or guessed mime type', () => {
    assert.deepEqual(
      convertMediaToGeminiPart({ kind: 'url', url: 'https://x.test/a', mediaType: 'application/pdf' }),
      { fileData: { mimeType: 'application/pdf', fileUri: 'https://x.test/a' } },
    );
    assert.deepEqual(convertMediaToGeminiPart({ kind: 'url', url: 'https://x.test/cat.JPG?s=1' }), {
      fileData: { mimeType: 'image/jpeg', fileUri: 'https://x.test/cat.JPG?s=1' },
    });
    assert.deepEqual(convertMediaToGeminiPart({ kind: 'url', url: 'https://x.test/image' }), {
      fileData: { fileUri: 'https://x.test/image' },
    });
  });

  test('text document → inlineData of its UTF-8 bytes', () => {
    const part = convertMediaToGeminiPart({ kind: 'text', mediaType: 'text/plain', text: 'héllo' });
    assert.equal(part.inlineData?.mimeType, 'text/plain');
    assert.equal(Buffer.from(part.inlineData!.data, 'base64').toString('utf8'), 'héllo');
  });
});
