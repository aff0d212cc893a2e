import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { convertOpenAITools } from './convert-openai-tools.js';

const fn = (name: string) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', properties: {} } },
});

function fails(body: Record<string, unknown>, param: string, message?: RegExp) {
  assert.throws(
    () => convertOpenAITools(body),
    (e: unknown) => {
      assert.ok(e instanceof GatewayError);
      assert.equal(e.param, param);
      if (message) assert.match(e.message, message);
      return true;
    },
  );
}

describe('convertOpenAITools', () => {
  test('no tools', () => assert.deepEqual(convertOpenAITools({}), {}));

  test('a tool without parameters gets an empty object schema', () => {
    assert.deepEqual(
      convertOpenAITools({ tools: [{ type: 'function', function: { name: 'ping' } }] }).tools,
      [{ name: 'ping', parameters: { type: 'object', properties: {} } }],
    );
  });

  test('legacy functions and function_call', () => {
    const r = convertOpenAITools({
      functions: [{ name: 'f', description: 'd', parameters: { type: 'object' } }],
      function_call: { name: 'f' },
    });
    assert.deepEqual(r, {
      tools: [{ name: 'f', description: 'd', parameters: { type: 'object' } }],
      toolChoice: { type: 'tool', name: 'f' },
    });
    assert.deepEqual(convertOpenAITools({ functions: [{ name: 'f' }], function_call: 'none' }).toolChoice, {
      type: 'none',
    });
  });

  test('allowed_tools narrows the tool list', () => {
    const r = convertOpenAITools({
      tools: [fn('a'), fn('b'), fn('c')],
      tool_choice: {
        type: 'allowed_tools',
        allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'b' } }] },
      },
    });
    assert.deepEqual(
      r.tools?.map((t) => t.name),
      ['b'],
    );
    assert.deepEqual(r.toolChoice, { type: 'required' });
  });

  test('errors', () => {
    fails({ tools: 'x' }, 'tools', /expected an array/);
    fails({ tools: [{ function: { name: 'a' } }] }, 'tools[0].type', /Missing required parameter/);
    fails({ tools: [{ type: 'web_search' }] }, 'tools[0].type', /Only 'function' tools/);
    fails({ tools: [{ type: 'function' }] }, 'tools[0].function');
    fails({ tools: [{ type: 'function', function: { description: 'x' } }] }, 'tools[0].function.name');
    fails(
      { tools: [{ type: 'function', function: { name: 'a', parameters: 'x' } }] },
      'tools[0].function.parameters',
    );
    fails({ tools: [fn('a')], tool_choice: 'always' }, 'tool_choice', /'auto', 'none', and 'required'/);
    fails({ tools: [fn('a')], tool_choice: { type: 'function' } }, 'tool_choice.function');
    fails({ tools: [fn('a')], tool_choice: { type: 'function', function: {} } }, 'tool_choice.function.name');
    fails({ tools: [fn('a')], tool_choice: { type: 'custom', custom: { name: 'a' } } }, 'tool_choice.type');
    fails({ tools: [fn('a')], tool_choice: 5 }, 'tool_choice');
    fails({ function_call: 'required' }, 'function_call');
    fails(
      { tools: [fn('a')], tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'any', tools: [] } } },
      'tool_choice.allowed_tools.mode',
    );
  });
});
