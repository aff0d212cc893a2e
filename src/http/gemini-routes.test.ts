import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitModelMethod } from './gemini-routes.js';

test('{model}:{method}, the model may hold slashes and colons', () => {
  assert.deepEqual(splitModelMethod('gemini-2.5-flash:generateContent'), {
    model: 'gemini-2.5-flash',
    method: 'generateContent',
  });
  assert.deepEqual(splitModelMethod('openai/gpt-4o-mini:streamGenerateContent'), {
    model: 'openai/gpt-4o-mini',
    method: 'streamGenerateContent',
  });
  assert.deepEqual(splitModelMethod('models/ft%3Aa%3Ab:countTokens'), {
    model: 'ft:a:b',
    method: 'countTokens',
  });
  assert.throws(() => splitModelMethod('gemini-2.5-flash'), /expected models\/\{model\}:\{method\}/);
});
