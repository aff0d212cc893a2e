import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callItem } from './encode-responses-output.js';
import { clientToolNames, customInput } from './responses-tool-names.js';

test('calls of custom and namespaced tools go back as the client defined them', () => {
  const names = clientToolNames({
    tools: [
      { type: 'function', name: 'plain' },
      { type: 'custom', name: 'apply_patch' },
      { type: 'namespace', name: 'crm', tools: [{ type: 'function', name: 'find' }] },
    ],
  });
  assert.deepEqual([...names.keys()], ['apply_patch', 'crm__find']);
  const custom = callItem(
    { id: 'c1', name: 'apply_patch', arguments: '{"input":"diff"}' },
    names,
    'completed',
  );
  assert.deepEqual(
    { ...custom, id: undefined },
    {
      id: undefined,
      type: 'custom_tool_call',
      status: 'completed',
      call_id: 'c1',
      name: 'apply_patch',
      input: 'diff',
    },
  );
  assert.match(custom.id, /^ctc_/);
  const ns = callItem({ id: 'c2', name: 'crm__find', arguments: '{}' }, names, 'completed');
  assert.equal(ns.type, 'function_call');
  assert.equal(ns.name, 'find');
  assert.equal(ns.namespace, 'crm');
  const plain = callItem({ id: 'c3', name: 'plain', arguments: '{}' }, names, 'completed');
  assert.equal(plain.name, 'plain');
  assert.equal(plain.namespace, undefined);
});

test("a custom tool's input: the input argument, or the text itself when the model wrote no JSON", () => {
  assert.equal(customInput('{"input":"x"}'), 'x');
  assert.equal(customInput('raw text'), 'raw text');
  assert.equal(customInput('{"other":1}'), '{"other":1}');
});
