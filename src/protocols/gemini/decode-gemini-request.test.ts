import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeGeminiRequest, geminiClientBody } from './decode-gemini-request.js';

test('a whole request: model and stream from the route, system first, tools and config', () => {
  const req = decodeGeminiRequest({
    model: 'gemini-2.5-flash',
    stream: true,
    systemInstruction: { parts: [{ text: 'Be brief.' }] },
    contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
    tools: [{ functionDeclarations: [{ name: 'f' }] }],
    toolConfig: { functionCallingConfig: { mode: 'NONE' } },
    generationConfig: { maxOutputTokens: 10 },
    safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
  });
  assert.equal(req.model, 'gemini-2.5-flash');
  assert.equal(req.stream, true);
  assert.equal(req.streamUsage, true);
  assert.equal(req.maxTokens, 10);
  assert.deepEqual(
    req.messages.map((m) => m.role),
    ['system', 'user'],
  );
  assert.deepEqual(req.toolChoice, { type: 'none' });
  assert.equal(req.tools?.[0]?.name, 'f');
});

test('the model must come from the URL; cachedContent is Gemini-only; the body must be an object', () => {
  assert.throws(() => decodeGeminiRequest({ contents: [] }), /model is missing/);
  assert.throws(
    () =>
      decodeGeminiRequest({
        model: 'm',
        cachedContent: 'cachedContents/1',
        contents: [{ parts: [{ text: 'x' }] }],
      }),
    /cachedContent/,
  );
  assert.throws(() => decodeGeminiRequest([1]), /JSON object/);
});

test("the body a Gemini provider gets has none of the gateway's fields", () => {
  assert.deepEqual(geminiClientBody({ model: 'm', stream: true, contents: [] }), { contents: [] });
});
