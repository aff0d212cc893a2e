import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StopReason } from '../../canonical/index.js';
import { mapOpenAIFinishReason, toOpenAIFinishReason } from './map-openai-finish-reason.js';

describe('mapOpenAIFinishReason', () => {
  const cases: Array<[string | null | undefined, StopReason]> = [
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'content_filter'],
    ['eos', 'end_turn'],
    ['model_length', 'max_tokens'],
    ['insufficient_system_resource', 'error'],
    ['something_new', 'unknown'],
    [null, 'unknown'],
    [undefined, 'unknown'],
  ];
  for (const [input, expected] of cases) {
    test(`${String(input)} -> ${expected}`, () => assert.equal(mapOpenAIFinishReason(input), expected));
  }
});

describe('toOpenAIFinishReason', () => {
  const cases: Array<[StopReason, string]> = [
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    ['error', 'stop'],
    ['unknown', 'stop'],
  ];
  for (const [input, expected] of cases) {
    test(`${input} -> ${expected}`, () => assert.equal(toOpenAIFinishReason(input), expected));
  }

  test('round-trips the reasons both sides share', () => {
    for (const r of ['end_turn', 'max_tokens', 'tool_use', 'content_filter'] as const) {
      assert.equal(mapOpenAIFinishReason(toOpenAIFinishReason(r)), r);
    }
  });
});
