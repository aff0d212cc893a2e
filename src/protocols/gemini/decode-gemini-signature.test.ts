import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeGeminiClientSignature, encodeGeminiClientSignature } from './decode-gemini-signature.js';

test("Gemini's own signatures pass as they are; others are wrapped and come back with their origin", () => {
  assert.equal(encodeGeminiClientSignature('EskgCs', 'gemini'), 'EskgCs');
  assert.equal(encodeGeminiClientSignature('EskgCs', undefined), 'EskgCs');
  const wrapped = encodeGeminiClientSignature('ErUBCkgI', 'anthropic');
  assert.equal(wrapped, 'sy1.anthropic.ErUBCkgI');
  assert.deepEqual(decodeGeminiClientSignature(wrapped, 'p'), { value: 'ErUBCkgI', origin: 'anthropic' });
  assert.deepEqual(decodeGeminiClientSignature('EskgCs', 'p'), { value: 'EskgCs', origin: 'gemini' });
  assert.throws(() => decodeGeminiClientSignature('sy1.nobody.x', 'contents[1].parts[0]'), /contents\[1\]/);
});
