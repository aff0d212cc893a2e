import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeAnthropicMessages } from './decode-anthropic-messages.js';

const rejects = (value: unknown, param: string, message: RegExp) =>
  assert.throws(
    () => decodeAnthropicMessages(value),
    (e: unknown) => e instanceof GatewayError && e.param === param && message.test(e.message),
  );

describe('decodeAnthropicMessages', () => {
  test('string content becomes one text part', () => {
    assert.deepEqual(
      decodeAnthropicMessages([
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
      ]),
      [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
      ],
    );
  });

  test('tool results stay in the user message and get their tool name from history', () => {
    const out = decodeAnthropicMessages([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
          { type: 'tool_result', tool_use_id: 'toolu_unknown', content: '?' },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
    assert.deepEqual(out[2], {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          toolCallId: 'toolu_1',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '18°C' }],
        },
        { type: 'tool_result', toolCallId: 'toolu_unknown', content: [{ type: 'text', text: '?' }] },
        { type: 'text', text: 'Thanks' },
      ],
    });
  });

  test('role system messages (mid-conversation system blocks) become system messages', () => {
    assert.deepEqual(
      decodeAnthropicMessages([
        { role: 'user', content: 'a' },
        { role: 'system', content: [{ type: 'text', text: 'Now answer in French.' }] },
      ])[1],
      { role: 'system', content: [{ type: 'text', text: 'Now answer in French.' }] },
    );
  });

  test('errors name the message and field', () => {
    rejects(undefined, 'messages', /expected an array/);
    rejects([], 'messages', /at least one message/);
    rejects(['hi'], 'messages[0]', /expected an object/);
    rejects([{ role: 'tool', content: 'x' }], 'messages[0].role', /'user', 'assistant', 'system'.*'tool'/);
    rejects([{ role: 'user' }], 'messages[0].content', /field required/);
    rejects([{ role: 'user', content: 5 }], 'messages[0].content', /expected an array, got number/);
    rejects(
      [
        { role: 'user', content: 'a' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'b' },
            { type: 'tool_result', tool_use_id: 'x' },
          ],
        },
      ],
      'messages[1].content[1].type',
      /not allowed in assistant messages/,
    );
    rejects([{ role: 'user', content: [{ type: 'text' }] }], 'messages[0].content[0].text', /field required/);
  });
});
