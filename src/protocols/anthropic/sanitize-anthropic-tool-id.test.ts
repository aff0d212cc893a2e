import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sanitizeAnthropicToolId } from './sanitize-anthropic-tool-id.js';

describe('sanitizeAnthropicToolId', () => {
  test('valid ids are unchanged', () => {
    assert.equal(sanitizeAnthropicToolId('toolu_01QE1WLsSVp5hy5Q3GmGTmjP'), 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP');
    assert.equal(sanitizeAnthropicToolId('call_abc-123'), 'call_abc-123');
  });
  test('other characters become underscores, deterministically', () => {
    assert.equal(sanitizeAnthropicToolId('functions.get_weather:0'), 'functions_get_weather_0');
    assert.equal(sanitizeAnthropicToolId('a b'), sanitizeAnthropicToolId('a b'));
  });
  test('an empty id still gives a valid one', () => {
    assert.match(sanitizeAnthropicToolId(''), /^[a-zA-Z0-9_-]+$/);
  });
});
