import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalRequest } from '../../canonical/index.js';
import { encodeResponsesRequest } from './encode-responses-request.js';

const base: CanonicalRequest = {
  model: 'client',
  stream: false,
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'q' },
        { type: 'image', source: { kind: 'url', url: 'https://x/i.png' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'mine', signature: 'gAAAA1', signatureOrigin: 'openai' },
        { type: 'reasoning', text: 'theirs', signature: 'sig', signatureOrigin: 'anthropic' },
        { type: 'text', text: 'calling' },
        { type: 'tool_call', id: 'c1', name: 'f', arguments: '{}' },
      ],
    },
    {
      role: 'tool',
      content: [{ type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'ok' }] }],
    },
  ],
};

test('the conversation as instructions and input items; only its own reasoning goes back to the provider', () => {
  const b = encodeResponsesRequest(base, { model: 'gpt-5-mini', stream: true });
  assert.equal(b.model, 'gpt-5-mini');
  assert.equal(b.instructions, 'Be brief.');
  assert.deepEqual(b.input, [
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'q' },
        { type: 'input_image', image_url: 'https://x/i.png', detail: 'auto' },
      ],
    },
    { type: 'reasoning', summary: [{ type: 'summary_text', text: 'mine' }], encrypted_content: 'gAAAA1' },
    { role: 'assistant', content: 'calling' },
    { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
    { type: 'function_call_output', call_id: 'c1', output: 'ok' },
  ]);
  assert.equal(b.stream, true);
  assert.equal(b.store, false);
  assert.deepEqual(b.include, ['reasoning.encrypted_content']);
});

test('tools are not strict unless they say so; tool choice, format, reasoning and limits', () => {
  const b = encodeResponsesRequest(
    {
      ...base,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }],
      tools: [
        { name: 'f', parameters: { type: 'object' } },
        { name: 'g', parameters: {}, strict: true },
      ],
      toolChoice: { type: 'tool', name: 'g' },
      responseFormat: { type: 'json_schema', name: 's', schema: { type: 'object' } },
      reasoning: { enabled: true, budgetTokens: 2048 },
      maxTokens: 100,
      temperature: 0.2,
    },
    { model: 'm', stream: false },
  );
  assert.deepEqual(
    (b.tools as { strict: boolean }[]).map((t) => t.strict),
    [false, true],
  );
  assert.deepEqual(b.tool_choice, { type: 'function', name: 'g' });
  assert.deepEqual(b.text, {
    format: { type: 'json_schema', name: 's', schema: { type: 'object' }, strict: false },
  });
  assert.deepEqual(b.reasoning, { effort: 'low', summary: 'auto' });
  assert.equal(b.max_output_tokens, 100);
  assert.equal(b.temperature, 0.2);
  assert.equal(b.instructions, undefined);
});

test("the target's limits: max_output_tokens capped, an effort the model accepts, none to a model without reasoning", () => {
  const claudeCode: CanonicalRequest = {
    ...base,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }],
    reasoning: { enabled: true, budgetTokens: 31999 },
    maxTokens: 32000,
  };
  const codex = encodeResponsesRequest(claudeCode, {
    model: 'gpt-5-codex',
    stream: false,
    limits: { maxOutputTokens: 128000, reasoning: true, efforts: ['low', 'medium', 'high'] },
  });
  assert.deepEqual(codex.reasoning, { effort: 'high', summary: 'auto' }, "31999 tokens is 'xhigh'");
  assert.equal(codex.max_output_tokens, 32000);
  const small = encodeResponsesRequest(claudeCode, {
    model: 'gpt-4o-mini',
    stream: false,
    limits: { maxOutputTokens: 16384, reasoning: false },
  });
  assert.equal(small.max_output_tokens, 16384);
  assert.equal(small.reasoning, undefined);
  assert.equal(small.include, undefined);
  const off = encodeResponsesRequest(
    { ...claudeCode, reasoning: { enabled: false, effort: 'none' } },
    {
      model: 'gpt-5-mini',
      stream: false,
      limits: { reasoning: true, efforts: ['minimal', 'low', 'medium', 'high'] },
    },
  );
  assert.deepEqual(off.reasoning, { effort: 'minimal' }, 'GPT-5 mini cannot turn reasoning off: its least');
});

test('tool results with images go as an output list; a text document as text', () => {
  const b = encodeResponsesRequest(
    {
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              toolCallId: 'c',
              content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA' } }],
            },
            { type: 'document', source: { kind: 'text', mediaType: 'text/plain', text: 'doc' }, title: 'T' },
          ],
        },
      ],
    },
    { model: 'm', stream: false },
  );
  assert.deepEqual(b.input, [
    {
      type: 'function_call_output',
      call_id: 'c',
      output: [{ type: 'input_image', image_url: 'data:image/png;base64,AA', detail: 'auto' }],
    },
    { role: 'user', content: [{ type: 'input_text', text: 'T\n\ndoc' }] },
  ]);
});
