import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { convertGeminiPartsToCanonical } from './convert-gemini-parts-to-canonical.js';

describe('convertGeminiPartsToCanonical', () => {
  test('a signature on a text part becomes an empty reasoning part before the text', () => {
    assert.deepEqual(convertGeminiPartsToCanonical([{ text: 'Answer', thoughtSignature: 'S' }]), [
      { type: 'reasoning', text: '', signature: 'S', signatureOrigin: 'gemini' },
      { type: 'text', text: 'Answer' },
    ]);
  });

  test('a signature on an empty text part is kept on its own', () => {
    assert.deepEqual(convertGeminiPartsToCanonical([{ text: 'A' }, { text: '', thoughtSignature: 'S' }]), [
      { type: 'text', text: 'A' },
      { type: 'reasoning', text: '', signature: 'S', signatureOrigin: 'gemini' },
    ]);
  });

  test('thought parts keep their own signature; summary then signed call', () => {
    const out = convertGeminiPartsToCanonical([
      { text: 'summary', thought: true },
      { text: 'more', thought: true, thoughtSignature: 'T' },
      { functionCall: { name: 'f', args: { x: [1, { y: null }] } }, thoughtSignature: 'F' },
      { functionCall: { name: 'g', args: {} } },
    ]);
    assert.equal(out.length, 5);
    assert.deepEqual(out.slice(0, 3), [
      { type: 'reasoning', text: 'summary' },
      { type: 'reasoning', text: 'more', signature: 'T', signatureOrigin: 'gemini' },
      { type: 'reasoning', text: '', signature: 'F', signatureOrigin: 'gemini' },
    ]);
    assert.equal(out[3]!.type === 'tool_call' && out[3]!.arguments, '{"x":[1,{"y":null}]}');
    assert.equal(out[4]!.type === 'tool_call' && out[4]!.name, 'g');
  });

  test('adjacent text parts are joined; a signature between them splits them', () => {
    assert.deepEqual(
      convertGeminiPartsToCanonical([{ text: 'a' }, { text: 'b' }, { text: 'c', thoughtSignature: 'S' }]),
      [
        { type: 'text', text: 'ab' },
        { type: 'reasoning', text: '', signature: 'S', signatureOrigin: 'gemini' },
        { type: 'text', text: 'c' },
      ],
    );
  });

  test('parts with no canonical place are left out', () => {
    assert.deepEqual(
      convertGeminiPartsToCanonical([
        { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
        { executableCode: { language: 'PYTHON', code: 'print(1)' } } as never,
        { functionCall: {} },
        null as never,
      ]),
      [],
    );
  });
});
