import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeGeminiGenerationConfig } from './decode-gemini-generation-config.js';

test('sampling, limits and stop sequences', () => {
  assert.deepEqual(
    decodeGeminiGenerationConfig({
      temperature: 1.5,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 100,
      stopSequences: ['END'],
      seed: 7,
      candidateCount: 1,
      presencePenalty: 0.1,
    }),
    { temperature: 1.5, topP: 0.9, topK: 40, maxTokens: 100, stop: ['END'], seed: 7 },
  );
  assert.deepEqual(decodeGeminiGenerationConfig(undefined), {});
});

test('response formats: JSON, JSON with a Schema or a JSON Schema', () => {
  assert.deepEqual(decodeGeminiGenerationConfig({ responseMimeType: 'application/json' }).responseFormat, {
    type: 'json_object',
  });
  assert.deepEqual(
    decodeGeminiGenerationConfig({
      responseMimeType: 'application/json',
      responseSchema: { type: 'OBJECT', properties: { a: { type: 'NUMBER' } } },
    }).responseFormat,
    {
      type: 'json_schema',
      name: 'response',
      schema: { type: 'object', properties: { a: { type: 'number' } } },
    },
  );
  const schema = { type: 'object', properties: { b: { type: 'string' } } };
  assert.deepEqual(
    decodeGeminiGenerationConfig({ responseMimeType: 'application/json', responseJsonSchema: schema })
      .responseFormat,
    { type: 'json_schema', name: 'response', schema },
  );
  assert.equal(decodeGeminiGenerationConfig({ responseMimeType: 'text/plain' }).responseFormat, undefined);
  assert.throws(() => decodeGeminiGenerationConfig({ responseSchema: schema }), /responseMimeType/);
  assert.throws(() => decodeGeminiGenerationConfig({ responseMimeType: 'text/x.enum' }), /text\/x\.enum/);
});

test('thinking: budget, level, off, dynamic', () => {
  const r = (thinkingConfig: unknown) => decodeGeminiGenerationConfig({ thinkingConfig }).reasoning;
  assert.deepEqual(r({ thinkingBudget: 2048, includeThoughts: true }), { enabled: true, budgetTokens: 2048 });
  assert.deepEqual(r({ thinkingBudget: 0 }), { enabled: false });
  assert.deepEqual(r({ thinkingBudget: -1 }), { enabled: true });
  assert.deepEqual(r({ thinkingLevel: 'HIGH' }), { enabled: true, effort: 'high' });
  assert.deepEqual(r({ thinkingLevel: 'minimal' }), { enabled: true, effort: 'minimal' });
  assert.equal(r({ includeThoughts: true }), undefined);
  assert.throws(() => r({ thinkingLevel: 'HIGH', thinkingBudget: 10 }), /cannot both be set/);
  assert.throws(() => r({ thinkingLevel: 'ULTRA' }), /thinkingLevel/);
  assert.throws(() => r({ thinkingBudget: -5 }), /thinkingBudget/);
});

test('what cannot be carried is a 400', () => {
  assert.throws(() => decodeGeminiGenerationConfig({ candidateCount: 2 }), /candidateCount/);
  assert.throws(() => decodeGeminiGenerationConfig({ responseModalities: ['IMAGE'] }), /responseModalities/);
  assert.doesNotThrow(() => decodeGeminiGenerationConfig({ responseModalities: ['TEXT'] }));
  assert.throws(() => decodeGeminiGenerationConfig({ temperature: 3 }), /temperature/);
  assert.throws(() => decodeGeminiGenerationConfig('hot'), /generationConfig/);
});
