import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { geminiEmbedPath, geminiPath } from './gemini-path.js';

describe('geminiPath', () => {
  test('non-streaming and streaming paths', () => {
    assert.equal(geminiPath('gemini-3-pro-preview', false), '/models/gemini-3-pro-preview:generateContent');
    assert.equal(
      geminiPath('gemini-3.1-pro-preview', true),
      '/models/gemini-3.1-pro-preview:streamGenerateContent?alt=sse',
    );
  });

  test('a models/ prefix is not doubled and odd characters are escaped', () => {
    assert.equal(geminiPath('models/gemini-2.5-flash', false), '/models/gemini-2.5-flash:generateContent');
    assert.equal(geminiPath('a b', false), '/models/a%20b:generateContent');
  });

  test('embedding path', () => {
    assert.equal(geminiEmbedPath('gemini-embedding-001'), '/models/gemini-embedding-001:batchEmbedContents');
  });
});
