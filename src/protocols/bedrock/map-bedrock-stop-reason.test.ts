import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';

test('Converse stop reasons map onto canonical ones', () => {
  assert.equal(mapBedrockStopReason('end_turn'), 'end_turn');
  assert.equal(mapBedrockStopReason('tool_use'), 'tool_use');
  assert.equal(mapBedrockStopReason('max_tokens'), 'max_tokens');
  assert.equal(mapBedrockStopReason('model_context_window_exceeded'), 'max_tokens');
  assert.equal(mapBedrockStopReason('stop_sequence'), 'stop_sequence');
  assert.equal(mapBedrockStopReason('guardrail_intervened'), 'content_filter');
  assert.equal(mapBedrockStopReason('content_filtered'), 'content_filter');
  assert.equal(mapBedrockStopReason('something_new'), 'unknown');
  assert.equal(mapBedrockStopReason(undefined), 'unknown');
});
