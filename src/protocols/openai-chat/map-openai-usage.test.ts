import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyUsage } from '../../canonical/index.js';
import { mapOpenAIUsage, toOpenAIUsage } from './map-openai-usage.js';

describe('mapOpenAIUsage', () => {
  test('reads OpenAI usage with cached and reasoning details', () => {
    assert.deepEqual(
      mapOpenAIUsage({
        prompt_tokens: 15,
        completion_tokens: 78,
        total_tokens: 93,
        prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 64 },
      }),
      { inputTokens: 15, outputTokens: 78, cacheReadTokens: 4, cacheWriteTokens: 0, reasoningTokens: 64 },
    );
  });

  test("reads DeepSeek's prompt_cache_hit_tokens when there are no prompt details", () => {
    const u = mapOpenAIUsage({ prompt_tokens: 339, completion_tokens: 92, prompt_cache_hit_tokens: 320 });
    assert.equal(u.cacheReadTokens, 320);
  });

  test('reads cache_write_tokens', () => {
    const u = mapOpenAIUsage({
      prompt_tokens: 100,
      completion_tokens: 1,
      prompt_tokens_details: { cached_tokens: 10, cache_write_tokens: 50 },
    });
    assert.equal(u.cacheWriteTokens, 50);
    assert.equal(u.cacheReadTokens, 10);
  });

  test('adds reasoning back when the provider left it out of completion_tokens (xAI)', () => {
    const u = mapOpenAIUsage({
      prompt_tokens: 12,
      completion_tokens: 2,
      total_tokens: 334,
      completion_tokens_details: { reasoning_tokens: 320 },
    });
    assert.equal(u.outputTokens, 322);
    assert.equal(u.reasoningTokens, 320);
  });

  test('keeps completion_tokens when it already includes reasoning', () => {
    const u = mapOpenAIUsage({
      prompt_tokens: 24,
      completion_tokens: 1668,
      total_tokens: 1692,
      completion_tokens_details: { reasoning_tokens: 1353 },
    });
    assert.equal(u.outputTokens, 1668);
  });

  test('missing or malformed usage is all zero', () => {
    assert.deepEqual(mapOpenAIUsage(undefined), emptyUsage());
    assert.deepEqual(mapOpenAIUsage(null), emptyUsage());
    assert.deepEqual(mapOpenAIUsage({ prompt_tokens: 'x', completion_tokens: -1 }), emptyUsage());
  });
});

describe('toOpenAIUsage', () => {
  test('writes totals and details', () => {
    assert.deepEqual(
      toOpenAIUsage({
        inputTokens: 10,
        outputTokens: 5,
        cacheReadTokens: 3,
        cacheWriteTokens: 0,
        reasoningTokens: 2,
      }),
      {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 3 },
        completion_tokens_details: { reasoning_tokens: 2 },
      },
    );
  });

  test('includes cache_write_tokens only when there were cache writes', () => {
    const o = toOpenAIUsage({ ...emptyUsage(), inputTokens: 9, cacheWriteTokens: 4 });
    assert.deepEqual(o.prompt_tokens_details, { cached_tokens: 0, cache_write_tokens: 4 });
  });

  test('round-trips through mapOpenAIUsage', () => {
    const u = {
      inputTokens: 100,
      outputTokens: 40,
      cacheReadTokens: 20,
      cacheWriteTokens: 7,
      reasoningTokens: 30,
    };
    assert.deepEqual(mapOpenAIUsage(toOpenAIUsage(u)), u);
  });
});
