import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bareGeminiModelId, isGemini3OrLater, minimumThinkingLevel } from './gemini-model-family.js';

describe('gemini model family', () => {
  test('strips resource prefixes', () => {
    assert.equal(bareGeminiModelId('models/gemini-3-pro-preview'), 'gemini-3-pro-preview');
    assert.equal(bareGeminiModelId('gemini-2.5-flash'), 'gemini-2.5-flash');
  });

  test('recognises Gemini 3 and later', () => {
    for (const m of ['gemini-3-pro-preview', 'gemini-3.1-pro-preview', 'models/gemini-3-flash-preview']) {
      assert.equal(isGemini3OrLater(m), true, m);
    }
    assert.equal(isGemini3OrLater('gemini-flash-latest'), true);
    for (const m of [
      'gemini-2.5-flash',
      'gemini-2.0-flash',
      'gemini-1.5-pro',
      'gemini-pro',
      'gemma-3-27b-it',
    ]) {
      assert.equal(isGemini3OrLater(m), false, m);
    }
  });

  test('pro models bottom out at low thinking, flash at minimal', () => {
    assert.equal(minimumThinkingLevel('gemini-3-pro-preview'), 'low');
    assert.equal(minimumThinkingLevel('gemini-3.1-pro'), 'low');
    assert.equal(minimumThinkingLevel('gemini-3-flash-preview'), 'minimal');
  });
});
