import assert from 'node:assert/strict';
import { test } from 'node:test';
import { responseToEvents } from './response-to-events.js';

test('a whole response becomes start, deltas in order, finish and usage', () => {
  const usage = {
    inputTokens: 5,
    outputTokens: 7,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 2,
  };
  const events = responseToEvents({
    id: 'r1',
    model: 'm',
    created: 1,
    content: [
      { type: 'reasoning', text: 'think', signature: 'sig' },
      { type: 'text', text: 'hi' },
      { type: 'tool_call', id: 'c1', name: 'a', arguments: '{}' },
      { type: 'tool_call', id: 'c2', name: 'b', arguments: '{"x":1}' },
    ],
    stopReason: 'tool_use',
    usage,
  });
  assert.deepEqual(
    events.map((e) => e.type),
    [
      'start',
      'reasoning_delta',
      'reasoning_signature',
      'text_delta',
      'tool_call_start',
      'tool_call_delta',
      'tool_call_start',
      'tool_call_delta',
      'finish',
      'usage',
    ],
  );
  assert.deepEqual(events[6], { type: 'tool_call_start', toolIndex: 1, id: 'c2', name: 'b' });
  assert.deepEqual(events[9], { type: 'usage', usage });
});

test('signature and redacted-data origins are carried onto their events', () => {
  const events = responseToEvents({
    id: 'r1',
    model: 'm',
    created: 1,
    content: [
      { type: 'reasoning', text: 't', signature: 'g-sig', signatureOrigin: 'gemini' },
      { type: 'reasoning', text: 'u', signature: 'plain' },
      { type: 'redacted_reasoning', data: 'opaque', origin: 'anthropic' },
      { type: 'redacted_reasoning', data: 'bare' },
    ],
    stopReason: 'end_turn',
    usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  });
  assert.deepEqual(
    events.filter((e) => e.type === 'reasoning_signature' || e.type === 'redacted_reasoning'),
    [
      { type: 'reasoning_signature', signature: 'g-sig', origin: 'gemini' },
      { type: 'reasoning_signature', signature: 'plain' },
      { type: 'redacted_reasoning', data: 'opaque', origin: 'anthropic' },
      { type: 'redacted_reasoning', data: 'bare' },
    ],
  );
});
