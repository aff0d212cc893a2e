import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CanonicalRequest } from '../../canonical/index.js';
import { encodeAnthropicThinking } from './encode-anthropic-thinking.js';

const req = (extra: Partial<CanonicalRequest>): CanonicalRequest => ({
  model: 'm',
  messages: [],
  stream: false,
  ...extra,
});

describe('encodeAnthropicThinking', () => {
  test('no reasoning: sampling passes through, temperature capped at 1', () => {
    assert.deepEqual(
      encodeAnthropicThinking(req({ temperature: 1.7, topP: 0.5, topK: 20 }), 1000, undefined),
      {
        max_tokens: 1000,
        temperature: 1,
        top_p: 0.5,
        top_k: 20,
      },
    );
    assert.deepEqual(encodeAnthropicThinking(req({ temperature: 0.2 }), 1000, undefined), {
      max_tokens: 1000,
      temperature: 0.2,
    });
  });

  test('budget from the request, max_tokens kept when it exceeds the budget', () => {
    assert.deepEqual(
      encodeAnthropicThinking(req({ reasoning: { enabled: true, budgetTokens: 4000 } }), 16000, undefined),
      { max_tokens: 16000, thinking: { type: 'enabled', budget_tokens: 4000 } },
    );
  });

  test('budget from effort; max_tokens raised above the budget', () => {
    // medium = 8192 > 4096: the answer keeps its 4096 on top of the budget
    assert.deepEqual(
      encodeAnthropicThinking(req({ reasoning: { enabled: true, effort: 'medium' } }), 4096, undefined),
      {
        max_tokens: 8192 + 4096,
        thinking: { type: 'enabled', budget_tokens: 8192 },
      },
    );
    assert.deepEqual(
      encodeAnthropicThinking(req({ reasoning: { enabled: true, effort: 'high' } }), 24576, undefined),
      {
        max_tokens: 24576 * 2,
        thinking: { type: 'enabled', budget_tokens: 24576 },
      },
    );
    // no effort, no budget: medium
    assert.equal(
      encodeAnthropicThinking(req({ reasoning: { enabled: true } }), 50000, undefined).thinking
        ?.budget_tokens,
      8192,
    );
  });

  test('budget at least 1024', () => {
    assert.equal(
      encodeAnthropicThinking(req({ reasoning: { enabled: true, budgetTokens: 100 } }), 4096, undefined)
        .thinking?.budget_tokens,
      1024,
    );
  });

  test('thinking drops temperature and top_k, keeps top_p only from 0.95', () => {
    const r = { enabled: true, budgetTokens: 2048 };
    assert.deepEqual(
      encodeAnthropicThinking(req({ reasoning: r, temperature: 0.2, topK: 5, topP: 0.5 }), 8000, undefined),
      {
        max_tokens: 8000,
        thinking: { type: 'enabled', budget_tokens: 2048 },
      },
    );
    assert.equal(encodeAnthropicThinking(req({ reasoning: r, topP: 0.97 }), 8000, undefined).top_p, 0.97);
  });

  test('disabled, effort none, or max_tokens 0 → no thinking', () => {
    assert.deepEqual(
      encodeAnthropicThinking(req({ reasoning: { enabled: false }, temperature: 0.5 }), 100, undefined),
      {
        max_tokens: 100,
        temperature: 0.5,
      },
    );
    assert.deepEqual(
      encodeAnthropicThinking(req({ reasoning: { enabled: true, effort: 'none' } }), 100, undefined),
      {
        max_tokens: 100,
      },
    );
    assert.deepEqual(
      encodeAnthropicThinking(req({ reasoning: { enabled: true, effort: 'low' } }), 0, undefined),
      {
        max_tokens: 0,
      },
    );
  });

  test("the target's output maximum: max_tokens within it, the budget shrinks first", () => {
    const thinking = (budgetTokens: number, maxTokens: number, maxOutputTokens: number) =>
      encodeAnthropicThinking(req({ reasoning: { enabled: true, budgetTokens } }), maxTokens, undefined, {
        maxOutputTokens,
      });
    // fits: as without limits
    assert.deepEqual(thinking(8192, 32000, 64000), {
      max_tokens: 32000,
      thinking: { type: 'enabled', budget_tokens: 8192 },
    });
    // Claude Code's 31999 of 32000 on a 16k model: the whole maximum, the budget just below it
    assert.deepEqual(thinking(31999, 32000, 16000), {
      max_tokens: 16000,
      thinking: { type: 'enabled', budget_tokens: 15999 },
    });
    // budget 32768 + an 8000-token answer on a 32000 model: the answer keeps its 8000
    assert.deepEqual(thinking(32768, 8000, 32000), {
      max_tokens: 32000,
      thinking: { type: 'enabled', budget_tokens: 24000 },
    });
    // not even the 1024 minimum fits beside the answer: the budget stays 1024, the answer gets the rest
    assert.deepEqual(thinking(2048, 1500, 2000), {
      max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    // a maximum of 1024 or less: no thinking at all
    assert.deepEqual(thinking(2048, 4096, 1000), { max_tokens: 1000 });
    // without thinking the limit is capped too
    assert.deepEqual(encodeAnthropicThinking(req({}), 32000, undefined, { maxOutputTokens: 8192 }), {
      max_tokens: 8192,
    });
  });

  test('a model the catalog marks as not reasoning gets no thinking', () => {
    assert.deepEqual(
      encodeAnthropicThinking(
        req({ reasoning: { enabled: true, budgetTokens: 4000 }, temperature: 0.5 }),
        8192,
        undefined,
        { maxOutputTokens: 8192, reasoning: false },
      ),
      { max_tokens: 8192, temperature: 0.5 },
    );
  });

  test('a forced tool choice wins over thinking', () => {
    const r = req({ reasoning: { enabled: true, effort: 'high' }, temperature: 0.3 });
    assert.deepEqual(encodeAnthropicThinking(r, 4096, { type: 'any' }), {
      max_tokens: 4096,
      temperature: 0.3,
    });
    assert.deepEqual(encodeAnthropicThinking(r, 4096, { type: 'tool', name: 'f' }), {
      max_tokens: 4096,
      temperature: 0.3,
    });
    assert.ok(encodeAnthropicThinking(r, 4096, { type: 'auto' }).thinking);
  });
});
