import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ToolResultPart } from '../../canonical/index.js';
import { convertToolResultToGeminiParts } from './convert-tool-result-to-gemini-parts.js';

const result = (content: ToolResultPart['content'], isError?: boolean): ToolResultPart => ({
  type: 'tool_result',
  toolCallId: 'call_1',
  content,
  ...(isError ? { isError } : {}),
});
const legacy = { multimodalFunctionResponse: false };
const gemini3 = { multimodalFunctionResponse: true };

describe('convertToolResultToGeminiParts', () => {
  test('plain text → {content: text}', () => {
    assert.deepEqual(
      convertToolResultToGeminiParts(result([{ type: 'text', text: '72°F, sunny' }]), 'weather', legacy),
      [{ functionResponse: { name: 'weather', response: { content: '72°F, sunny' } } }],
    );
  });

  test('a JSON object text is sent as the response object', () => {
    assert.deepEqual(
      convertToolResultToGeminiParts(
        result([{ type: 'text', text: '{"temp":72,"unit":"F"}' }]),
        'weather',
        legacy,
      ),
      [{ functionResponse: { name: 'weather', response: { temp: 72, unit: 'F' } } }],
    );
  });

  test('JSON arrays, scalars and broken JSON stay text', () => {
    for (const text of ['[1,2]', '42', '{"broken":']) {
      assert.deepEqual(convertToolResultToGeminiParts(result([{ type: 'text', text }]), 'f', legacy), [
        { functionResponse: { name: 'f', response: { content: text } } },
      ]);
    }
  });

  test('several text parts are joined with newlines', () => {
    const parts = convertToolResultToGeminiParts(
      result([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ]),
      'f',
      legacy,
    );
    assert.deepEqual(parts[0]!.functionResponse!.response, { content: 'a\nb' });
  });

  test('errors go under error', () => {
    assert.deepEqual(
      convertToolResultToGeminiParts(result([{ type: 'text', text: 'boom' }], true), 'f', legacy),
      [{ functionResponse: { name: 'f', response: { error: 'boom' } } }],
    );
    assert.deepEqual(
      convertToolResultToGeminiParts(result([{ type: 'text', text: '{"code":7}' }], true), 'f', legacy)[0]!
        .functionResponse!.response,
      { error: { code: 7 } },
    );
  });

  test('images: inside functionResponse.parts on Gemini 3, after it otherwise; URLs always after', () => {
    const content: ToolResultPart['content'] = [
      { type: 'text', text: 'chart' },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
      { type: 'image', source: { kind: 'url', url: 'https://x.test/a.png' } },
    ];
    assert.deepEqual(convertToolResultToGeminiParts(result(content), 'plot', gemini3), [
      {
        functionResponse: {
          name: 'plot',
          response: { content: 'chart' },
          parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }],
        },
      },
      { fileData: { mimeType: 'image/png', fileUri: 'https://x.test/a.png' } },
    ]);
    assert.deepEqual(convertToolResultToGeminiParts(result(content), 'plot', legacy), [
      { functionResponse: { name: 'plot', response: { content: 'chart' } } },
      { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
      { fileData: { mimeType: 'image/png', fileUri: 'https://x.test/a.png' } },
    ]);
  });
});
