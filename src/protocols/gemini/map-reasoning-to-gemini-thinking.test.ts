import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mapReasoningToGeminiThinking } from './map-reasoning-to-gemini-thinking.js';

describe('mapReasoningToGeminiThinking', () => {
  test('no reasoning config → model default', () => {
    assert.equal(mapReasoningToGeminiThinking(undefined, 'gemini-3-pro-preview'), undefined);
  });

  test('Gemini 3: effort → thinkingLevel with thoughts included', () => {
    const m = 'gemini-3-flash-preview';
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true, effort: 'low' }, m), {
      thinkingLevel: 'low',
      includeThoughts: true,
    });
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true, effort: 'medium' }, m), {
      thinkingLevel: 'medium',
      includeThoughts: true,
    });
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true, effort: 'xhigh' }, m), {
      thinkingLevel: 'high',
      includeThoughts: true,
    });
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true, effort: 'minimal' }, m), {
      thinkingLevel: 'minimal',
      includeThoughts: true,
    });
    assert.deepEqual(
      mapReasoningToGeminiThinking({ enabled: true, effort: 'minimal' }, 'gemini-3-pro-preview'),
      {
        thinkingLevel: 'low',
        includeThoughts: true,
      },
    );
  });

  test('Gemini 3: a budget maps to the nearest level; no budget nor effort keeps the default level', () => {
    assert.deepEqual(
      mapReasoningToGeminiThinking({ enabled: true, budgetTokens: 20000 }, 'gemini-3-pro-preview'),
      {
        thinkingLevel: 'high',
        includeThoughts: true,
      },
    );
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true }, 'gemini-3-pro-preview'), {
      includeThoughts: true,
    });
  });

  test('Gemini 3: reasoning off → the lowest level (it cannot be disabled)', () => {
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: false }, 'gemini-3-pro-preview'), {
      thinkingLevel: 'low',
    });
    assert.deepEqual(
      mapReasoningToGeminiThinking({ enabled: true, effort: 'none' }, 'gemini-3-flash-preview'),
      {
        thinkingLevel: 'minimal',
      },
    );
  });

  test('Gemini 2.5: thinkingBudget', () => {
    assert.deepEqual(
      mapReasoningToGeminiThinking({ enabled: true, budgetTokens: 5000 }, 'gemini-2.5-flash'),
      {
        thinkingBudget: 5000,
        includeThoughts: true,
      },
    );
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true, effort: 'medium' }, 'gemini-2.5-flash'), {
      thinkingBudget: 8192,
      includeThoughts: true,
    });
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true, effort: 'xhigh' }, 'gemini-2.5-flash'), {
      thinkingBudget: 24576,
      includeThoughts: true,
    });
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true }, 'gemini-2.5-flash'), {
      thinkingBudget: -1,
      includeThoughts: true,
    });
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: false }, 'gemini-2.5-flash'), {
      thinkingBudget: 0,
    });
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: false }, 'gemini-2.5-pro'), {
      thinkingBudget: 128,
    });
  });

  test("the model's own range: Flash-Lite from 512, Pro from 128, Gemini 3 Pro has no medium level", () => {
    assert.deepEqual(
      mapReasoningToGeminiThinking({ enabled: true, budgetTokens: 200 }, 'gemini-2.5-flash-lite'),
      { thinkingBudget: 512, includeThoughts: true },
    );
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true, budgetTokens: 100 }, 'gemini-2.5-pro'), {
      thinkingBudget: 128,
      includeThoughts: true,
    });
    assert.deepEqual(mapReasoningToGeminiThinking({ enabled: true, budgetTokens: 31999 }, 'gemini-2.5-pro'), {
      thinkingBudget: 31999,
      includeThoughts: true,
    });
    assert.deepEqual(
      mapReasoningToGeminiThinking({ enabled: true, effort: 'medium' }, 'gemini-3-pro-preview'),
      {
        thinkingLevel: 'high',
        includeThoughts: true,
      },
    );
    assert.deepEqual(
      mapReasoningToGeminiThinking({ enabled: true, effort: 'medium' }, 'gemini-3.1-pro-preview'),
      { thinkingLevel: 'medium', includeThoughts: true },
    );
  });

  test('models before 2.5 get no thinkingConfig', () => {
    for (const model of [
      'gemini-2.0-flash',
      'gemini-2.0-flash-lite',
      'models/gemini-1.5-pro',
      'gemini-pro',
    ]) {
      assert.equal(mapReasoningToGeminiThinking({ enabled: true, effort: 'high' }, model), undefined, model);
    }
    assert.deepEqual(
      mapReasoningToGeminiThinking({ enabled: true, budgetTokens: 4000 }, 'gemini-2.0-flash-thinking-exp'),
      { thinkingBudget: 4000, includeThoughts: true },
    );
  });
});
