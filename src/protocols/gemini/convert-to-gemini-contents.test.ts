import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CanonicalMessage, GatewayError } from '../../canonical/index.js';
import { SKIP_THOUGHT_SIGNATURE_VALIDATOR } from './convert-assistant-to-gemini-parts.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';

describe('convertToGeminiContents', () => {
  test('system messages become systemInstruction; roles map to user/model', () => {
    const out = convertToGeminiContents(
      [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: [{ type: 'text', text: 'How are you?' }] },
      ],
      'gemini-2.5-flash',
    );
    assert.deepEqual(out, {
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        { role: 'user', parts: [{ text: 'How are you?' }] },
      ],
    });
  });

  test('tool round trip: functionCall then functionResponse with the name found by id', () => {
    const messages: CanonicalMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: '', signature: 'SIG', signatureOrigin: 'gemini' },
          { type: 'tool_call', id: 'call_a', name: 'weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'call_b', name: 'weather', arguments: '{"city":"Rome"}' },
        ],
      },
      {
        role: 'tool',
        content: [{ type: 'tool_result', toolCallId: 'call_a', content: [{ type: 'text', text: 'sunny' }] }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool_result',
            toolCallId: 'call_b',
            toolName: 'weather',
            content: [{ type: 'text', text: '{"sky":"rain"}' }],
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
    ];
    assert.deepEqual(convertToGeminiContents(messages, 'gemini-3-pro-preview').contents, [
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'SIG' },
          { functionCall: { name: 'weather', args: { city: 'Rome' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'weather', response: { content: 'sunny' } } },
          { functionResponse: { name: 'weather', response: { sky: 'rain' } } },
          { text: 'Thanks' },
        ],
      },
    ]);
  });

  test('consecutive same-role turns are merged', () => {
    const out = convertToGeminiContents(
      [
        { role: 'user', content: [{ type: 'text', text: 'a' }] },
        { role: 'user', content: [{ type: 'text', text: 'b' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'c' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'd' }] },
      ],
      'gemini-2.5-flash',
    );
    assert.deepEqual(out.contents, [
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      { role: 'model', parts: [{ text: 'c' }, { text: 'd' }] },
    ]);
  });

  test('images and documents', () => {
    const out = convertToGeminiContents(
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBOR' } },
            { type: 'image', source: { kind: 'url', url: 'https://x.test/cat.webp' } },
            {
              type: 'document',
              source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBER' },
              title: 'Doc',
            },
          ],
        },
      ],
      'gemini-2.5-flash',
    );
    assert.deepEqual(out.contents[0]!.parts, [
      { text: 'Describe' },
      { inlineData: { mimeType: 'image/png', data: 'iVBOR' } },
      { fileData: { mimeType: 'image/webp', fileUri: 'https://x.test/cat.webp' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBER' } },
    ]);
  });

  test('Gemini 3 fills a missing signature on replayed calls; Gemini 2.5 does not', () => {
    const messages: CanonicalMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
      { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'f', arguments: '{}' }] },
      {
        role: 'tool',
        content: [{ type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'ok' }] }],
      },
    ];
    assert.equal(
      convertToGeminiContents(messages, 'gemini-3-flash-preview').contents[1]!.parts[0]!.thoughtSignature,
      SKIP_THOUGHT_SIGNATURE_VALIDATOR,
    );
    assert.equal(
      convertToGeminiContents(messages, 'gemini-2.5-flash').contents[1]!.parts[0]!.thoughtSignature,
      undefined,
    );
  });

  test('a tool result whose call is unknown is a client error', () => {
    assert.throws(
      () =>
        convertToGeminiContents(
          [
            { role: 'user', content: [{ type: 'text', text: 'go' }] },
            { role: 'tool', content: [{ type: 'tool_result', toolCallId: 'nope', content: [] }] },
          ],
          'gemini-2.5-flash',
        ),
      (e: unknown) =>
        e instanceof GatewayError &&
        e.kind === 'invalid_request' &&
        e.param === 'messages[1].content[0]' &&
        /nope/.test(e.message),
    );
  });

  test('only system messages is a client error', () => {
    assert.throws(
      () =>
        convertToGeminiContents(
          [{ role: 'system', content: [{ type: 'text', text: 'x' }] }],
          'gemini-2.5-flash',
        ),
      (e: unknown) => e instanceof GatewayError && e.param === 'messages',
    );
  });

  test('empty text parts and emptied turns are skipped', () => {
    const out = convertToGeminiContents(
      [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'unsigned' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: '' },
            { type: 'text', text: 'again' },
          ],
        },
      ],
      'gemini-2.5-flash',
    );
    assert.deepEqual(out.contents, [{ role: 'user', parts: [{ text: 'q' }, { text: 'again' }] }]);
  });
});
