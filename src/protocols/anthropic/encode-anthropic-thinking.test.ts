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
