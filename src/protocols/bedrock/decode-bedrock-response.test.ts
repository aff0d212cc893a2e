import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBedrockResponse } from './decode-bedrock-response.js';

test('text, reasoning with its signature, redacted reasoning and tool use', () => {
  const res = decodeBedrockResponse({
    output: {
      message: {
        role: 'assistant',
        content: [
          { reasoningContent: { reasoningText: { text: 'Let me think', signature: 'EqQB' } } },
          { reasoningContent: { redactedContent: 'ZW5j' } },
          { text: 'Checking.' },
          { toolUse: { toolUseId: 'tooluse_1', name: 'bash', input: { command: 'ls -l' } } },
        ],
      },
    },
    stopReason: 'tool_use',
    usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 },
    metrics: { latencyMs: 100 },
  });
  assert.deepEqual(res.content, [
    { type: 'reasoning', text: 'Let me think', signature: 'EqQB', signatureOrigin: 'bedrock' },
    { type: 'redacted_reasoning', data: 'ZW5j', origin: 'bedrock' },
    { type: 'text', text: 'Checking.' },
    { type: 'tool_call', id: 'tooluse_1', name: 'bash', arguments: '{"command":"ls -l"}' },
  ]);
  assert.equal(res.stopReason, 'tool_use');
  assert.equal(res.usage.inputTokens, 10);
  assert.equal(res.usage.outputTokens, 20);
  assert.match(res.id, /^bedrock-/);
});

test('a body without output.message.content is malformed', () => {
  assert.throws(() => decodeBedrockResponse({ message: 'x' }), /output\.message\.content/);
  assert.throws(() => decodeBedrockResponse('nope'), /not a JSON object/);
});
