import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertToBedrockMessages } from './convert-to-bedrock-messages.js';

const claude = { toolResultStatus: true };

test('system turns go to system, tool turns merge into the user turn, cache points follow their block', () => {
  const r = convertToBedrockMessages(
    [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.', cacheControl: { type: 'ephemeral' } }] },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: '' },
          { type: 'tool_call', id: 'call.1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool_result',
            toolCallId: 'call.1',
            content: [{ type: 'text', text: 'sunny' }],
            isError: true,
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
    ],
    claude,
  );
  assert.deepEqual(r.system, [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }]);
  assert.deepEqual(r.messages, [
    { role: 'user', content: [{ text: 'Weather in Paris?' }] },
    {
      role: 'assistant',
      content: [{ toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { city: 'Paris' } } }],
    },
    {
      role: 'user',
      content: [
        { toolResult: { toolUseId: 'call_1', content: [{ text: 'sunny' }], status: 'error' } },
        { text: 'Thanks' },
      ],
    },
  ]);
});

test('the toolResult status is left out for models that do not take it', () => {
  const r = convertToBedrockMessages(
    [{ role: 'tool', content: [{ type: 'tool_result', toolCallId: 'a', content: [], isError: true }] }],
    { toolResultStatus: false },
  );
  assert.deepEqual(r.messages[0]!.content[0], { toolResult: { toolUseId: 'a', content: [] } });
});

test("only Bedrock's own reasoning goes back; others' signatures stay behind", () => {
  const r = convertToBedrockMessages(
    [
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'mine', signature: 'sig-b', signatureOrigin: 'bedrock' },
          { type: 'reasoning', text: 'theirs', signature: 'sig-a', signatureOrigin: 'anthropic' },
          { type: 'redacted_reasoning', data: 'enc', origin: 'bedrock' },
          { type: 'redacted_reasoning', data: 'other' },
          { type: 'text', text: 'answer' },
        ],
      },
    ],
    claude,
  );
  assert.deepEqual(r.messages[1]!.content, [
    { reasoningContent: { reasoningText: { text: 'mine', signature: 'sig-b' } } },
    { reasoningContent: { redactedContent: 'enc' } },
    { text: 'answer' },
  ]);
});

test('images and documents become bytes blocks; bad tool arguments become an empty object', () => {
  const r = convertToBedrockMessages(
    [
      {
        role: 'user',
        content: [
          { type: 'image', source: { kind: 'url', url: 'data:image/png;base64,iVBO' } },
          {
            type: 'document',
            source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
            title: 'Report',
          },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_call', id: 't', name: 'f', arguments: 'not json' }] },
    ],
    claude,
  );
  assert.deepEqual(r.messages[0]!.content, [
    { image: { format: 'png', source: { bytes: 'iVBO' } } },
    { document: { format: 'pdf', name: 'Report', source: { bytes: 'JVBE' } } },
  ]);
  assert.deepEqual(r.messages[1]!.content, [{ toolUse: { toolUseId: 't', name: 'f', input: {} } }]);
});
