import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clampOutputTokens, nearestEffort } from './target-limits.js';

test('clampOutputTokens: at most the model maximum; unknown maximum → as asked', () => {
  assert.equal(clampOutputTokens(32000, { maxOutputTokens: 16384 }), 16384);
  assert.equal(clampOutputTokens(1000, { maxOutputTokens: 16384 }), 1000);
  assert.equal(clampOutputTokens(32000, {}), 32000);
  assert.equal(clampOutputTokens(32000, undefined), 32000);
});

test('nearestEffort: accepted efforts pass; others move to the nearest, ties upwards; none to a model without efforts', () => {
  const gpt5 = ['minimal', 'low', 'medium', 'high'] as const;
  assert.equal(nearestEffort('xhigh', gpt5), 'high');
  assert.equal(nearestEffort('none', gpt5), 'minimal');
  assert.equal(nearestEffort('medium', gpt5), 'medium');
  const gpt51 = ['none', 'low', 'medium', 'high'] as const;
  assert.equal(nearestEffort('minimal', gpt51), 'low');
  assert.equal(nearestEffort('xhigh', gpt51), 'high');
  const oSeries = ['low', 'medium', 'high'] as const;
  assert.equal(nearestEffort('none', oSeries), 'low');
  assert.equal(nearestEffort('minimal', oSeries), 'low');
  assert.equal(nearestEffort('medium', ['low', 'high']), 'high');
  assert.equal(nearestEffort('high', ['high']), 'high');
  assert.equal(nearestEffort('minimal', ['high']), 'high');
  assert.equal(nearestEffort('xhigh', undefined), 'xhigh');
  assert.equal(nearestEffort('xhigh', []), undefined, 'a model that takes no effort gets none');
});
