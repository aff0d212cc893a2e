import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

describe('mapGeminiFinishReason', () => {
  test('STOP is end_turn, or tool_use when the answer called functions', () => {
    assert.equal(mapGeminiFinishReason('STOP', false), 'end_turn');
    assert.equal(mapGeminiFinishReason('STOP', true), 'tool_use');
  });

  test('MAX_TOKENS', () => {
    assert.equal(mapGeminiFinishReason('MAX_TOKENS', false), 'max_tokens');
    assert.equal(mapGeminiFinishReason('MAX_TOKENS', true), 'max_tokens');
  });

  test('safety-like reasons are content_filter', () => {
    for (const r of ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']) {
      assert.equal(mapGeminiFinishReason(r, false), 'content_filter', r);
    }
  });

  test('anything else is unknown', () => {
    for (const r of [
      'MALFORMED_FUNCTION_CALL',
      'OTHER',
      'LANGUAGE',
      'FINISH_REASON_UNSPECIFIED',
      undefined,
    ]) {
      assert.equal(mapGeminiFinishReason(r, false), 'unknown', String(r));
    }
  });
});
