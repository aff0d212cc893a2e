import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import { createBedrockStreamDecoder } from './create-bedrock-stream-decoder.js';

function run(events: Array<[string, unknown]>): CanonicalStreamEvent[] {
  const d = createBedrockStreamDecoder();
  const out: CanonicalStreamEvent[] = [];
  for (const [event, data] of events) out.push(...d.decode({ event, data: JSON.stringify(data) }));
  out.push(...d.finish());
  return out;
}

test('reasoning with its signature, then text, then usage and the stop reason', () => {
  const out = run([
    ['messageStart', { role: 'assistant' }],
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Let me count' } } }],
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'Ep0C' } } }],
    ['contentBlockStop', { contentBlockIndex: 0 }],
    ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'There are 3.' } }],
    ['contentBlockStop', { contentBlockIndex: 1 }],
    [
      'messageStop',
      { stopReason: 'end_turn', additionalModelResponseFields: { delta: { stop_sequence: null } } },
    ],
    [
      'metadata',
      {
        usage: { inputTokens: 51, outputTokens: 94, totalTokens: 145, cacheReadInputTokens: 9 },
        metrics: { latencyMs: 2281 },
      },
    ],
  ]);
  assert.equal(out[0]!.type, 'start');
  assert.deepEqual(out.slice(1), [
    { type: 'reasoning_delta', text: 'Let me count' },
    { type: 'reasoning_signature', signature: 'Ep0C', origin: 'bedrock' },
    { type: 'text_delta', text: 'There are 3.' },
    {
      type: 'usage',
      usage: {
        inputTokens: 60,
        outputTokens: 94,
        cacheReadTokens: 9,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
    },
    { type: 'finish', stopReason: 'end_turn' },
  ]);
});

test('tool use: start from contentBlockStart, argument deltas by block index, numbered from 0', () => {
  const out = run([
    ['messageStart', { role: 'assistant' }],
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Let me check.' } }],
    [
      'contentBlockStart',
      { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_a', name: 'get_weather' } } },
    ],
    ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } } }],
    ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '"Paris"}' } } }],
    ['contentBlockStop', { contentBlockIndex: 1 }],
    ['messageStop', { stopReason: 'tool_use' }],
  ]);
  assert.deepEqual(out.slice(1), [
    { type: 'text_delta', text: 'Let me check.' },
    { type: 'tool_call_start', toolIndex: 0, id: 'tooluse_a', name: 'get_weather' },
    { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '{"city":' },
    { type: 'tool_call_delta', toolIndex: 0, argumentsDelta: '"Paris"}' },
    { type: 'finish', stopReason: 'tool_use' },
  ]);
});

test('an exception event is an error with the status it stands for, and ends the stream', () => {
  const out = run([
    ['messageStart', { role: 'assistant' }],
    ['throttlingException', { message: 'Too many requests' }],
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'late' } }],
  ]);
  assert.deepEqual(out.slice(1), [
    {
      type: 'error',
      error: { status: 429, message: 'throttlingException: Too many requests', kind: 'rate_limit' },
    },
  ]);
});

test('redacted reasoning is carried with its origin; a payload that is not JSON is an error', () => {
  const out = run([
    ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: 'ZW5j' } } }],
  ]);
  assert.deepEqual(out.slice(1), [{ type: 'redacted_reasoning', data: 'ZW5j', origin: 'bedrock' }]);
  assert.throws(() => createBedrockStreamDecoder().decode({ event: 'metadata', data: '{' }), /not JSON/);
});
