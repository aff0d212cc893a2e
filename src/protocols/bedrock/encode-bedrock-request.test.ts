import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalRequest } from '../../canonical/index.js';
import { encodeBedrockRequest, isBedrockClaude } from './encode-bedrock-request.js';

const base: CanonicalRequest = {
  model: 'x',
  stream: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};
const CLAUDE = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

test('Claude model ids are recognised with and without a cross-region prefix', () => {
  assert.ok(isBedrockClaude('anthropic.claude-3-haiku-20240307-v1:0'));
  assert.ok(isBedrockClaude(CLAUDE));
  assert.ok(!isBedrockClaude('amazon.nova-pro-v1:0'));
});

test('sampling settings go to inferenceConfig, tools to toolConfig', () => {
  const body = encodeBedrockRequest(
    {
      ...base,
      maxTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      stop: ['END'],
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          cacheControl: { type: 'ephemeral' },
        },
      ],
      toolChoice: { type: 'required' },
    },
    { model: 'amazon.nova-pro-v1:0', stream: false },
  );
  assert.deepEqual(body, {
    messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
    inferenceConfig: { maxTokens: 100, temperature: 0.5, topP: 0.9, stopSequences: ['END'] },
    toolConfig: {
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: 'Weather',
            inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
          },
        },
        { cachePoint: { type: 'default' } },
      ],
      toolChoice: { any: {} },
    },
  });
});

test('tool choice: auto, a named tool, and none (no tools sent)', () => {
  const tools = [{ name: 'f', parameters: { type: 'object' } }];
  assert.deepEqual(
    encodeBedrockRequest({ ...base, tools, toolChoice: { type: 'auto' } }, { model: CLAUDE, stream: false })
      .toolConfig?.toolChoice,
    { auto: {} },
  );
  assert.deepEqual(
    encodeBedrockRequest(
      { ...base, tools, toolChoice: { type: 'tool', name: 'f' } },
      { model: CLAUDE, stream: false },
    ).toolConfig?.toolChoice,
    { tool: { name: 'f' } },
  );
  assert.equal(
    encodeBedrockRequest({ ...base, tools, toolChoice: { type: 'none' } }, { model: CLAUDE, stream: false })
      .toolConfig,
    undefined,
  );
  const history: CanonicalRequest['messages'] = [
    ...base.messages,
    { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{}' }] },
    {
      role: 'tool',
      content: [{ type: 'tool_result', toolCallId: 'c', content: [{ type: 'text', text: 'ok' }] }],
    },
  ];
  const withHistory = encodeBedrockRequest(
    { ...base, messages: history, tools, toolChoice: { type: 'none' } },
    { model: CLAUDE, stream: false },
  );
  assert.deepEqual(withHistory.toolConfig, {
    tools: [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'object' } } } }],
  });
});

test('Claude thinking: a budget in additionalModelRequestFields, max tokens above it, no temperature', () => {
  const body = encodeBedrockRequest(
    { ...base, maxTokens: 1000, temperature: 0.7, topK: 5, reasoning: { enabled: true, effort: 'low' } },
    { model: CLAUDE, stream: true },
  );
  assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2048 } });
  assert.deepEqual(body.inferenceConfig, { maxTokens: 3048 });
  const plain = encodeBedrockRequest(
    { ...base, temperature: 1.5, topK: 5 },
    { model: CLAUDE, stream: false },
  );
  assert.deepEqual(plain.inferenceConfig, { temperature: 1 });
  assert.deepEqual(plain.additionalModelRequestFields, { top_k: 5 });
  // other models get no thinking field and no top_k
  const nova = encodeBedrockRequest(
    { ...base, topK: 5, reasoning: { enabled: true, effort: 'high' } },
    { model: 'amazon.nova-pro-v1:0', stream: false },
  );
  assert.equal(nova.additionalModelRequestFields, undefined);
});

test('a JSON schema response format becomes a system instruction', () => {
  const body = encodeBedrockRequest(
    {
      ...base,
      messages: [{ role: 'system', content: [{ type: 'text', text: 'Sys' }] }, ...base.messages],
      responseFormat: { type: 'json_schema', name: 'x', schema: { type: 'object' } },
    },
    { model: CLAUDE, stream: false },
  );
  const system = body.system ?? [];
  assert.equal(system.length, 2);
  assert.deepEqual(system[0], { text: 'Sys' });
  assert.match((system[1] as { text: string }).text, /JSON Schema[\s\S]*\{"type":"object"\}/);
});
