import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { convertOpenAIMessages } from './convert-openai-messages.js';

function fails(messages: unknown[], param: string, message?: RegExp) {
  assert.throws(
    () => convertOpenAIMessages(messages),
    (e: unknown) => {
      assert.ok(e instanceof GatewayError);
      assert.equal(e.param, param);
      if (message) assert.match(e.message, message);
      return true;
    },
  );
}

const call = (id: string, name: string, args = '{}') => ({
  id,
  type: 'function',
  function: { name, arguments: args },
});

describe('convertOpenAIMessages', () => {
  test('developer becomes system', () => {
    assert.deepEqual(convertOpenAIMessages([{ role: 'developer', content: 'x' }]), [
      { role: 'system', content: [{ type: 'text', text: 'x' }] },
    ]);
  });

  test('consecutive tool messages become one tool turn, with names from the tool calls', () => {
    const out = convertOpenAIMessages([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'Let me look.', tool_calls: [call('a', 'search'), call('b', 'fetch')] },
      { role: 'tool', tool_call_id: 'a', content: 'r1' },
      { role: 'tool', tool_call_id: 'b', content: [{ type: 'text', text: 'r2' }] },
      { role: 'user', content: 'thanks' },
    ]);
    assert.deepEqual(out[2], {
      role: 'tool',
      content: [
        { type: 'tool_result', toolCallId: 'a', toolName: 'search', content: [{ type: 'text', text: 'r1' }] },
        { type: 'tool_result', toolCallId: 'b', toolName: 'fetch', content: [{ type: 'text', text: 'r2' }] },
      ],
    });
    assert.equal(out.length, 4);
  });

  test('a tool result for an unknown call keeps no name', () => {
    const [m] = convertOpenAIMessages([{ role: 'tool', tool_call_id: 'x', content: 'r' }]);
    assert.deepEqual(m, {
      role: 'tool',
      content: [{ type: 'tool_result', toolCallId: 'x', content: [{ type: 'text', text: 'r' }] }],
    });
  });

  test('assistant: reasoning first, then text, refusal and tool calls', () => {
    const [m] = convertOpenAIMessages([
      {
        role: 'assistant',
        reasoning_content: 'hmm',
        content: 'ok',
        tool_calls: [call('c1', 'f', '{"a":1}')],
      },
    ]);
    assert.deepEqual(m, {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'hmm' },
        { type: 'text', text: 'ok' },
        { type: 'tool_call', id: 'c1', name: 'f', arguments: '{"a":1}' },
      ],
    });
  });

  test('empty assistant text next to tool calls is dropped; empty arguments become {}', () => {
    const [m] = convertOpenAIMessages([
      { role: 'assistant', content: '', tool_calls: [call('c1', 'f', '')] },
    ]);
    assert.deepEqual(m, {
      role: 'assistant',
      content: [{ type: 'tool_call', id: 'c1', name: 'f', arguments: '{}' }],
    });
  });

  test('an assistant refusal is kept as text', () => {
    const [m] = convertOpenAIMessages([
      { role: 'assistant', content: null, refusal: "I can't help with that." },
    ]);
    assert.deepEqual(m, { role: 'assistant', content: [{ type: 'text', text: "I can't help with that." }] });
  });

  test('legacy function_call and function role answer each other', () => {
    const out = convertOpenAIMessages([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":1}' } },
      { role: 'function', name: 'lookup', content: 'result' },
    ]);
    assert.deepEqual(out.slice(1), [
      {
        role: 'assistant',
        content: [{ type: 'tool_call', id: 'function_call_1', name: 'lookup', arguments: '{"q":1}' }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool_result',
            toolCallId: 'function_call_1',
            toolName: 'lookup',
            content: [{ type: 'text', text: 'result' }],
          },
        ],
      },
    ]);
  });

  test('errors name the exact field', () => {
    fails([{ role: 'assistant' }], 'messages[0].content', /Missing required parameter/);
    fails([{ role: 'assistant', tool_calls: 'x' }], 'messages[0].tool_calls', /expected an array/);
    fails(
      [{ role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'f' } }] }],
      'messages[0].tool_calls[0].id',
    );
    fails(
      [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function' }] }],
      'messages[0].tool_calls[0].function',
    );
    fails(
      [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'custom', custom: {} }] }],
      'messages[0].tool_calls[0].type',
    );
    fails(
      [{ role: 'assistant', tool_calls: [call('c', 'f', 5 as unknown as string)] }],
      'messages[0].tool_calls[0].function.arguments',
    );
    fails([{ role: 'assistant', content: 'x', reasoning_content: 3 }], 'messages[0].reasoning_content');
    fails([{ role: 'function', content: 'x' }], 'messages[0].name');
    fails([{ role: 'system' }], 'messages[0].content');
    fails(
      [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x' } }] }],
      'messages[0].content[0].type',
    );
    fails(
      [{ role: 7, content: 'x' }],
      'messages[0].role',
      /Supported values are: 'system', 'developer', 'user', 'assistant', 'tool', and 'function'/,
    );
  });
});
