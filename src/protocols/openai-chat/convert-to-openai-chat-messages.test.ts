import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { convertToOpenAIChatMessages } from './convert-to-openai-chat-messages.js';

describe('convertToOpenAIChatMessages', () => {
  test('system parts are joined into one string', () => {
    assert.deepEqual(
      convertToOpenAIChatMessages([
        {
          role: 'system',
          content: [
            { type: 'text', text: 'A', cacheControl: { type: 'ephemeral' } },
            { type: 'text', text: 'B' },
          ],
        },
      ]),
      [{ role: 'system', content: 'A\n\nB' }],
    );
  });

  test('a single user text is a plain string; several parts stay parts', () => {
    assert.deepEqual(
      convertToOpenAIChatMessages([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]),
      [{ role: 'user', content: 'hi' }],
    );
    assert.deepEqual(
      convertToOpenAIChatMessages([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            {
              type: 'image',
              source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' },
              detail: 'high',
            },
            { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } },
          ],
        },
      ]),
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://x/y.png' } },
          ],
        },
      ],
    );
  });

  test('documents: PDF as a file part, text as text', () => {
    const [m] = convertToOpenAIChatMessages([
      {
        role: 'user',
        content: [
          {
            type: 'document',
            source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
            title: 'Report',
          },
          { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' } },
          { type: 'document', source: { kind: 'text', mediaType: 'text/plain', text: 'plain' } },
          {
            type: 'document',
            source: {
              kind: 'base64',
              mediaType: 'text/plain',
              data: Buffer.from('b64 text').toString('base64'),
            },
          },
        ],
      },
    ]);
    assert.deepEqual(m, {
      role: 'user',
      content: [
        { type: 'file', file: { filename: 'Report', file_data: 'data:application/pdf;base64,JVBE' } },
        { type: 'file', file: { filename: 'document.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
        { type: 'text', text: 'plain' },
        { type: 'text', text: 'b64 text' },
      ],
    });
  });

  test('a document URL cannot be sent', () => {
    assert.throws(
      () =>
        convertToOpenAIChatMessages([
          { role: 'user', content: [{ type: 'document', source: { kind: 'url', url: 'https://x/a.pdf' } }] },
        ]),
      (e: unknown) => e instanceof GatewayError && e.status === 400 && /by URL/.test(e.message),
    );
  });

  test('assistant: text joined, tool calls kept, reasoning dropped', () => {
    assert.deepEqual(
      convertToOpenAIChatMessages([
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'secret', signature: 's' },
            { type: 'redacted_reasoning', data: 'r' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: '{"a":1}' },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'toolu_2', name: 'g', arguments: '{}' }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'only thinking' }] },
      ]),
      [
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'toolu_2', type: 'function', function: { name: 'g', arguments: '{}' } }],
        },
        { role: 'assistant', content: '' },
      ],
    );
  });

  test('tool results inside a user turn come first, as tool messages, then the rest of the turn', () => {
    assert.deepEqual(
      convertToOpenAIChatMessages([
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'sunny' }] },
            { type: 'text', text: 'And tomorrow?' },
            {
              type: 'tool_result',
              toolCallId: 'toolu_2',
              content: [{ type: 'text', text: 'boom' }],
              isError: true,
            },
          ],
        },
      ]),
      [
        { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
        { role: 'tool', tool_call_id: 'toolu_2', content: 'Error: boom' },
        { role: 'user', content: 'And tomorrow?' },
      ],
    );
  });

  test('images returned by a tool follow the tool messages in a user message', () => {
    assert.deepEqual(
      convertToOpenAIChatMessages([
        {
          role: 'tool',
          content: [
            {
              type: 'tool_result',
              toolCallId: 'c1',
              content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA' } }],
            },
            { type: 'tool_result', toolCallId: 'c2', content: [{ type: 'text', text: 'ok' }] },
          ],
        },
      ]),
      [
        { role: 'tool', tool_call_id: 'c1', content: '(attachments follow in the next message)' },
        { role: 'tool', tool_call_id: 'c2', content: 'ok' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Attachments of tool result c1:' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
          ],
        },
      ],
    );
  });
});
