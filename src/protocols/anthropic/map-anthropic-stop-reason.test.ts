import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StopReason } from '../../canonical/index.js';
import { stopReasonFromAnthropic, stopReasonToAnthropic } from './map-anthropic-stop-reason.js';

describe('map-anthropic-stop-reason', () => {
  test('Anthropic to canonical', () => {
    assert.equal(stopReasonFromAnthropic('end_turn'), 'end_turn');
    assert.equal(stopReasonFromAnthropic('max_tokens'), 'max_tokens');
    assert.equal(stopReasonFromAnthropic('model_context_window_exceeded'), 'max_tokens');
    assert.equal(stopReasonFromAnthropic('stop_sequence'), 'stop_sequence');
    assert.equal(stopReasonFromAnthropic('tool_use'), 'tool_use');
    assert.equal(stopReasonFromAnthropic('pause_turn'), 'pause_turn');
    assert.equal(stopReasonFromAnthropic('refusal'), 'refusal');
    assert.equal(stopReasonFromAnthropic('something_new'), 'unknown');
    assert.equal(stopReasonFromAnthropic(null), 'unknown');
  });

  test('canonical to Anthropic', () => {
    const expected: Record<StopReason, string> = {
      end_turn: 'end_turn',
      max_tokens: 'max_tokens',
      stop_sequence: 'stop_sequence',
      tool_use: 'tool_use',
      pause_turn: 'pause_turn',
      refusal: 'refusal',
      content_filter: 'refusal',
      error: 'end_turn',
      unknown: 'end_turn',
    };
    for (const [canonical, anthropic] of Object.entries(expected)) {
      assert.equal(stopReasonToAnthropic(canonical as StopReason), anthropic, canonical);
    }
  });

  test('round trip keeps every Anthropic reason the canonical model can express', () => {
    for (const r of ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal']) {
      assert.equal(stopReasonToAnthropic(stopReasonFromAnthropic(r)), r);
    }
  });
});
