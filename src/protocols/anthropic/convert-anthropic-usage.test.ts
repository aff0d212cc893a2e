import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createAnthropicUsageTracker,
  usageFromAnthropic,
  usageToAnthropic,
} from './convert-anthropic-usage.js';

describe('convert-anthropic-usage', () => {
  test('input tokens include cache reads and writes', () => {
    assert.deepEqual(
      usageFromAnthropic({
        input_tokens: 6,
        cache_creation_input_tokens: 3337,
        cache_read_input_tokens: 6289,
        output_tokens: 198,
        output_tokens_details: { thinking_tokens: 12 },
      }),
      {
        inputTokens: 9632,
        cacheReadTokens: 6289,
        cacheWriteTokens: 3337,
        outputTokens: 198,
        reasoningTokens: 12,
      },
    );
  });

  test('only output tokens → only outputTokens', () => {
    assert.deepEqual(usageFromAnthropic({ output_tokens: 15 }), { outputTokens: 15 });
    assert.deepEqual(usageFromAnthropic(null), {});
  });

  test('null fields (message_delta) are treated as absent', () => {
    assert.deepEqual(
      usageFromAnthropic({ input_tokens: null, cache_read_input_tokens: null, output_tokens: 3 }),
      { outputTokens: 3 },
    );
  });

  test('the tracker remembers earlier input and cache counts', () => {
    const t = createAnthropicUsageTracker();
    assert.deepEqual(
      t.update({ input_tokens: 10, cache_read_input_tokens: 100, cache_creation_input_tokens: 5 }),
      {
        inputTokens: 115,
        cacheReadTokens: 100,
        cacheWriteTokens: 5,
      },
    );
    // a later report that changes only input_tokens keeps the cache parts in the total
    assert.deepEqual(t.update({ input_tokens: 12, output_tokens: 4 }), {
      inputTokens: 117,
      cacheReadTokens: 100,
      cacheWriteTokens: 5,
      outputTokens: 4,
    });
  });

  test('canonical to Anthropic subtracts the cached parts', () => {
    assert.deepEqual(
      usageToAnthropic({
        inputTokens: 9632,
        cacheReadTokens: 6289,
        cacheWriteTokens: 3337,
        outputTokens: 198,
      }),
      {
        input_tokens: 6,
        output_tokens: 198,
        cache_creation_input_tokens: 3337,
        cache_read_input_tokens: 6289,
      },
    );
    assert.deepEqual(usageToAnthropic({ outputTokens: 50, reasoningTokens: 30 }).output_tokens_details, {
      thinking_tokens: 30,
    });
    assert.deepEqual(usageToAnthropic({}), {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    // never negative, even if a provider reports more cached tokens than input
    assert.equal(usageToAnthropic({ inputTokens: 5, cacheReadTokens: 9 }).input_tokens, 0);
  });
});
