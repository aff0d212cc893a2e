import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { decodeResponsesRequest } from './decode-responses-request.js';

const rejects400 = (body: unknown, param: string, message?: RegExp) =>
  assert.throws(
    () => decodeResponsesRequest(body),
    (e: unknown) => {
      assert.ok(e instanceof GatewayError);
      assert.equal(e.status, 400);
      assert.equal(e.param, param);
      if (message) assert.match(e.message, message);
      return true;
    },
  );

test('a string input and instructions: a system turn and a user turn', () => {
  const r = decodeResponsesRequest({
    model: 'm',
    instructions: 'Be brief.',
    input: 'Hi',
    max_output_tokens: 64,
    stream: true,
  });
  assert.deepEqual(r.messages, [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
  ]);
  assert.equal(r.maxTokens, 64);
  assert.equal(r.stream, true);
  assert.equal(r.streamUsage, true);
});

test('reasoning, assistant text and calls make one assistant turn; outputs one tool turn with the tool name', () => {
  const r = decodeResponsesRequest({
    model: 'm',
    input: [
      { role: 'developer', content: 'rules' },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'go' },
          { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
        ],
      },
      {
        type: 'reasoning',
        id: 'rs_1',
        summary: [
          { type: 'summary_text', text: 'a' },
          { type: 'summary_text', text: 'b' },
        ],
        encrypted_content: 'gAAAAx',
      },
      { role: 'assistant', content: [{ type: 'output_text', text: 'calling' }] },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"x":1}' },
      { type: 'function_call', call_id: 'c2', name: 'g', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'one' },
      { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'two' }] },
    ],
  });
  assert.deepEqual(
    r.messages.map((m) => m.role),
    ['system', 'user', 'assistant', 'tool'],
  );
  assert.deepEqual(r.messages[1]!.content[1], {
    type: 'image',
    source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' },
    detail: 'low',
  });
  assert.deepEqual(r.messages[2]!.content, [
    { type: 'reasoning', text: 'a\n\nb', signature: 'gAAAAx', signatureOrigin: 'openai' },
    { type: 'text', text: 'calling' },
    { type: 'tool_call', id: 'c1', name: 'f', arguments: '{"x":1}' },
    { type: 'tool_call', id: 'c2', name: 'g', arguments: '{}' },
  ]);
  assert.deepEqual(r.messages[3]!.content, [
    { type: 'tool_result', toolCallId: 'c1', toolName: 'f', content: [{ type: 'text', text: 'one' }] },
    { type: 'tool_result', toolCallId: 'c2', toolName: 'g', content: [{ type: 'text', text: 'two' }] },
  ]);
});

test("another provider's reasoning comes back with its origin", () => {
  const r = decodeResponsesRequest({
    model: 'm',
    input: [
      { role: 'user', content: 'q' },
      {
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 't' }],
        encrypted_content: 'sy1.anthropic.SIG',
      },
      { type: 'reasoning', summary: [], encrypted_content: 'sy1r.anthropic.DATA' },
      { role: 'assistant', content: 'a' },
    ],
  });
  assert.deepEqual(r.messages[1]!.content.slice(0, 2), [
    { type: 'reasoning', text: 't', signature: 'SIG', signatureOrigin: 'anthropic' },
    { type: 'redacted_reasoning', data: 'DATA', origin: 'anthropic' },
  ]);
});

test('tools, tool_choice, text.format, reasoning and sampling', () => {
  const r = decodeResponsesRequest({
    model: 'm',
    input: 'x',
    tools: [
      { type: 'function', name: 'f', parameters: { type: 'object' }, strict: true },
      { type: 'function', name: 'g' },
    ],
    tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'g' }] },
    text: { format: { type: 'json_schema', name: 's', schema: { type: 'object' }, strict: true } },
    reasoning: { effort: 'high', summary: 'auto' },
    temperature: 0.5,
    top_p: 0.9,
    parallel_tool_calls: false,
    metadata: { a: 'b' },
    user: 'u1',
    store: true,
    include: ['reasoning.encrypted_content'],
  });
  assert.deepEqual(r.tools, [{ name: 'g', parameters: { type: 'object', properties: {} } }]);
  assert.deepEqual(r.toolChoice, { type: 'required' });
  assert.deepEqual(r.responseFormat, {
    type: 'json_schema',
    name: 's',
    schema: { type: 'object' },
    strict: true,
  });
  assert.deepEqual(r.reasoning, { enabled: true, effort: 'high' });
  assert.equal(r.temperature, 0.5);
  assert.equal(r.topP, 0.9);
  assert.equal(r.parallelToolCalls, false);
  assert.deepEqual(r.metadata, { a: 'b' });
  assert.equal(r.user, 'u1');
  assert.deepEqual(
    decodeResponsesRequest({ model: 'm', input: 'x', tool_choice: { type: 'function', name: 'f' } })
      .toolChoice,
    { type: 'tool', name: 'f' },
  );
  assert.deepEqual(
    decodeResponsesRequest({ model: 'm', input: 'x', reasoning: { effort: 'none' } }).reasoning,
    { enabled: false, effort: 'none' },
  );
});

test('built-in tools that are only offered are left out and named', () => {
  const req = decodeResponsesRequest({
    model: 'm',
    input: 'x',
    tools: [
      { type: 'web_search' },
      { type: 'function', name: 'f', parameters: { type: 'object', properties: {} } },
      { type: 'file_search', vector_store_ids: ['vs_1'] },
      { type: 'web_search' },
    ],
    tool_choice: 'auto',
  });
  assert.deepEqual(
    req.tools?.map((t) => t.name),
    ['f'],
  );
  assert.deepEqual(req.droppedTools, ['web_search', 'file_search']);
  assert.deepEqual(req.toolChoice, { type: 'auto' });
  const only = decodeResponsesRequest({
    model: 'm',
    input: 'x',
    tools: [{ type: 'web_search' }],
    tool_choice: 'auto',
  });
  assert.equal(only.tools, undefined);
  assert.equal(only.toolChoice, undefined);
  assert.deepEqual(only.droppedTools, ['web_search']);
  assert.equal(decodeResponsesRequest({ model: 'm', input: 'x' }).droppedTools, undefined);
});

test('what another protocol cannot do is a 400 naming it', () => {
  rejects400(
    { model: 'm', input: 'x', tools: [{ type: 'web_search_preview' }], tool_choice: 'required' },
    'tools[0]',
    /'web_search_preview' tool/,
  );
  rejects400(
    { model: 'm', input: 'x', tool_choice: { type: 'file_search' } },
    'tool_choice',
    /'file_search' tool/,
  );
  rejects400(
    { model: 'm', input: [{ type: 'item_reference', id: 'msg_1' }] },
    'input[0]',
    /refers to an item by id/,
  );
  rejects400(
    { model: 'm', input: [{ type: 'web_search_call', id: 'ws_1' }] },
    'input[0].type',
    /built-in tools/,
  );
  rejects400({ model: 'm', input: 'x', background: true }, 'background');
  rejects400(
    { model: 'm', input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file-1' }] }] },
    'input[0].content[0].file_id',
  );
});

test('malformed input is a 400 naming the field', () => {
  rejects400({ model: 'm' }, 'input');
  rejects400({ input: 'x' }, 'model');
  rejects400({ model: 'm', input: 'x', temperature: 3 }, 'temperature');
  rejects400({ model: 'm', input: [{ role: 'robot', content: 'x' }] }, 'input[0].role');
  rejects400(
    { model: 'm', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] },
    'input[0].call_id',
  );
  rejects400({ model: 'm', input: 'x', text: { format: { type: 'yaml' } } }, 'text.format.type');
  rejects400(
    { model: 'm', input: [{ type: 'reasoning', summary: [], encrypted_content: 'sy1.nobody.x' }] },
    'input[0].encrypted_content',
  );
  rejects400({ model: 'm', input: [] }, 'input', /no message/);
});

test('custom tools become a function with one string; namespaced functions <namespace>__<name>; their calls likewise', () => {
  const r = decodeResponsesRequest({
    model: 'm',
    tools: [
      {
        type: 'custom',
        name: 'apply_patch',
        description: 'Patch',
        format: { type: 'grammar', syntax: 'lark', definition: 'start: X' },
      },
      {
        type: 'namespace',
        name: 'crm',
        description: 'd',
        tools: [
          { type: 'function', name: 'find' },
          { type: 'custom', name: 'note' },
        ],
      },
    ],
    tool_choice: { type: 'function', name: 'find', namespace: 'crm' },
    input: [
      { role: 'user', content: 'go' },
      { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: '*** Begin Patch' },
      { type: 'function_call', call_id: 'c2', name: 'find', namespace: 'crm', arguments: '{}' },
      { type: 'custom_tool_call_output', call_id: 'c1', output: 'done' },
      { type: 'function_call_output', call_id: 'c2', output: 'found' },
    ],
  });
  assert.deepEqual(
    r.tools!.map((t) => t.name),
    ['apply_patch', 'crm__find', 'crm__note'],
  );
  assert.match(r.tools![0]!.description!, /^Patch\n\nThe input must follow this lark grammar:\nstart: X$/);
  assert.deepEqual(r.tools![0]!.parameters.required, ['input']);
  assert.deepEqual(r.toolChoice, { type: 'tool', name: 'crm__find' });
  assert.deepEqual(r.messages[1]!.content, [
    { type: 'tool_call', id: 'c1', name: 'apply_patch', arguments: '{"input":"*** Begin Patch"}' },
    { type: 'tool_call', id: 'c2', name: 'crm__find', arguments: '{}' },
  ]);
  assert.deepEqual(
    r.messages[2]!.content.map((p) => (p as { toolName?: string }).toolName),
    ['apply_patch', 'crm__find'],
  );
});
