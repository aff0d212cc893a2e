import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toVertexAnthropicBody } from './vertex-anthropic-body.js';

test('the model leaves the body and anthropic_version joins it', () => {
  assert.deepEqual(
    toVertexAnthropicBody({ model: 'claude-sonnet-4@20250514', max_tokens: 10, messages: [], stream: true }),
    { anthropic_version: 'vertex-2023-10-16', max_tokens: 10, messages: [], stream: true },
  );
});
