import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalResponse } from '../../canonical/index.js';
import { encodeGeminiFinishReason } from './encode-gemini-finish-reason.js';
import { encodeGeminiResponse } from './encode-gemini-response.js';
import { encodeGeminiUsage } from './encode-gemini-usage.js';

const usage = {
  inputTokens: 100,
  outputTokens: 50,
  cacheReadTokens: 40,
  cacheWriteTokens: 0,
  reasoningTokens: 20,
};

test('a response with thoughts, text and a signed function call', () => {
  const res: CanonicalResponse = {
    id: 'resp_1',
    model: 'claude-x',
    created: 0,
    content: [
      { type: 'reasoning', text: 'Thinking.', signature: 'ErUB', signatureOrigin: 'anthropic' },
      { type: 'text', text: 'Sure.' },
      { type: 'reasoning', text: '', signature: 'EqUC', signatureOrigin: 'gemini' },
      { type: 'tool_call', id: 'call_1', name: 'f', arguments: '{"a":1}' },
      { type: 'redacted_reasoning', data: 'opaque' },
    ],
    stopReason: 'tool_use',
    usage,
  };
  assert.deepEqual(encodeGeminiResponse(res, 'client-model'), {
    candidates: [
      {
        content: {
          role: 'model',
          parts: [
            { text: 'Thinking.', thought: true, thoughtSignature: 'sy1.anthropic.ErUB' },
            { text: 'Sure.' },
            { functionCall: { id: 'call_1', name: 'f', args: { a: 1 } }, thoughtSignature: 'EqUC' },
          ],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: 100,
      candidatesTokenCount: 30,
      totalTokenCount: 150,
      cachedContentTokenCount: 40,
      thoughtsTokenCount: 20,
    },
    modelVersion: 'client-model',
    responseId: 'resp_1',
  });
});

test('an empty answer still has one part; a trailing signature gets a part of its own', () => {
  const base = { id: 'r', model: 'm', created: 0, stopReason: 'max_tokens' as const, usage };
  const empty = encodeGeminiResponse({ ...base, content: [] }, 'm');
  assert.deepEqual(empty.candidates?.[0]?.content?.parts, [{ text: '' }]);
  assert.equal(empty.candidates?.[0]?.finishReason, 'MAX_TOKENS');
  const trailing = encodeGeminiResponse(
    { ...base, content: [{ type: 'reasoning', text: '', signature: 'S', signatureOrigin: 'gemini' }] },
    'm',
  );
  assert.deepEqual(trailing.candidates?.[0]?.content?.parts, [{ text: '', thoughtSignature: 'S' }]);
});

test('finish reasons and usage without optional counts', () => {
  assert.equal(encodeGeminiFinishReason('end_turn'), 'STOP');
  assert.equal(encodeGeminiFinishReason('stop_sequence'), 'STOP');
  assert.equal(encodeGeminiFinishReason('content_filter'), 'SAFETY');
  assert.equal(encodeGeminiFinishReason('refusal'), 'SAFETY');
  assert.equal(encodeGeminiFinishReason('unknown'), 'OTHER');
  assert.deepEqual(
    encodeGeminiUsage({
      inputTokens: 3,
      outputTokens: 4,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    }),
    { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 },
  );
});
