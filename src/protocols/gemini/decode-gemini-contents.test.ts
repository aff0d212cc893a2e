import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeGeminiContents, decodeGeminiSystemInstruction } from './decode-gemini-contents.js';

test('user parts: text, inline and file media', () => {
  const [m] = decodeGeminiContents([
    {
      role: 'user',
      parts: [
        { text: 'Look' },
        { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
        { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
        { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/a.jpg' } },
      ],
    },
  ]);
  assert.deepEqual(m, {
    role: 'user',
    content: [
      { type: 'text', text: 'Look' },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg', mediaType: 'image/jpeg' } },
    ],
  });
});

test('a role-less content is a user turn; model turns keep thoughts, calls and signatures', () => {
  const out = decodeGeminiContents([
    { parts: [{ text: 'Hi' }] },
    {
      role: 'model',
      parts: [
        { text: 'Let me ', thought: true },
        { text: 'think.', thought: true, thoughtSignature: 'sy1.anthropic.ErUB' },
        { functionCall: { id: 'fc_1', name: 'lookup', args: { q: 'x' } }, thoughtSignature: 'EqUC' },
      ],
    },
  ]);
  assert.equal(out[0]!.role, 'user');
  assert.deepEqual(out[1], {
    role: 'assistant',
    content: [
      // a streamed thought comes back in pieces: one block again, with its unwrapped signature
      { type: 'reasoning', text: 'Let me think.', signature: 'ErUB', signatureOrigin: 'anthropic' },
      { type: 'reasoning', text: '', signature: 'EqUC', signatureOrigin: 'gemini' },
      { type: 'tool_call', id: 'fc_1', name: 'lookup', arguments: '{"q":"x"}' },
    ],
  });
});

test('function responses are paired with their calls: by id, else by name in order', () => {
  const out = decodeGeminiContents([
    { role: 'user', parts: [{ text: 'Both cities' }] },
    {
      role: 'model',
      parts: [
        { functionCall: { name: 'weather', args: { city: 'Paris' } } },
        { functionCall: { name: 'weather', args: { city: 'Rome' } } },
        { functionCall: { id: 'x9', name: 'time', args: {} } },
      ],
    },
    {
      role: 'user',
      parts: [
        { functionResponse: { id: 'x9', name: 'time', response: { output: 'noon' } } },
        { functionResponse: { name: 'weather', response: { content: '18C' } } },
        { functionResponse: { name: 'weather', response: { error: 'no data' } } },
        { functionResponse: { name: 'weather', response: { temp: 21, unit: 'C' } } },
      ],
    },
  ]);
  const calls = (out[1]!.content as Array<{ id: string }>).map((c) => c.id);
  const results = out[2]!.content as Array<Record<string, unknown>>;
  assert.deepEqual(
    results.map((r) => r.toolCallId),
    [calls[2], calls[0], calls[1], results[3]!.toolCallId],
  );
  assert.notEqual(results[3]!.toolCallId, undefined);
  assert.deepEqual(results[0]!.content, [{ type: 'text', text: 'noon' }]);
  assert.deepEqual(results[1]!.content, [{ type: 'text', text: '18C' }]);
  assert.equal(results[2]!.isError, true);
  assert.deepEqual(results[3]!.content, [{ type: 'text', text: '{"temp":21,"unit":"C"}' }]);
  assert.equal(results[1]!.toolName, 'weather');
});

test('errors name the field', () => {
  assert.throws(() => decodeGeminiContents([]), /contents: at least one/);
  assert.throws(() => decodeGeminiContents('hi'), /contents: expected an array/);
  assert.throws(() => decodeGeminiContents([{ role: 'system', parts: [] }]), /contents\[0\]\.role/);
  assert.throws(
    () => decodeGeminiContents([{ role: 'user', parts: [{ text: 3 }] }]),
    /contents\[0\]\.parts\[0\]\.text/,
  );
  assert.throws(
    () => decodeGeminiContents([{ role: 'user', parts: [{ executableCode: { code: 'x' } }] }]),
    /only be sent to a Gemini model/,
  );
  assert.throws(
    () => decodeGeminiContents([{ role: 'user', parts: [{ functionCall: { name: 'f' } }] }]),
    /only a model turn/,
  );
  assert.throws(
    () =>
      decodeGeminiContents([
        { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: 'x' } }] },
      ]),
    /media in a model turn/,
  );
});

test('the system instruction holds text only', () => {
  assert.deepEqual(decodeGeminiSystemInstruction({ role: 'user', parts: [{ text: 'Be brief.' }] }), {
    role: 'system',
    content: [{ type: 'text', text: 'Be brief.' }],
  });
  assert.equal(decodeGeminiSystemInstruction(undefined), undefined);
  assert.throws(
    () => decodeGeminiSystemInstruction({ parts: [{ inlineData: { mimeType: 'image/png', data: 'x' } }] }),
    /systemInstruction\.parts\[0\]/,
  );
});
