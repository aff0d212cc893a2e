import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripForeignGeminiSignatures } from './strip-foreign-gemini-signatures.js';

test("another provider's wrapped signatures are taken out; Gemini's own stay", () => {
  const body = {
    contents: [
      { role: 'user', parts: [{ text: 'Hi' }] },
      {
        role: 'model',
        parts: [
          { text: 'Thinking', thought: true, thoughtSignature: 'sy1.anthropic.ErUB' },
          { text: 'Answer', thoughtSignature: 'sy1.anthropic.X' },
          { functionCall: { name: 'f', args: {} }, thoughtSignature: 'sy1.simulated.Y' },
          { functionCall: { name: 'g', args: {} }, thoughtSignature: 'EqUC' },
        ],
      },
      { role: 'model', parts: [{ text: '', thought: true, thoughtSignature: 'sy1.anthropic.Z' }] },
    ],
    generationConfig: { temperature: 1 },
  };
  const before = JSON.stringify(body);
  assert.deepEqual(stripForeignGeminiSignatures(body), {
    contents: [
      { role: 'user', parts: [{ text: 'Hi' }] },
      {
        role: 'model',
        parts: [
          { text: 'Answer' },
          { functionCall: { name: 'f', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
          { functionCall: { name: 'g', args: {} }, thoughtSignature: 'EqUC' },
        ],
      },
    ],
    generationConfig: { temperature: 1 },
  });
  assert.equal(JSON.stringify(body), before);
  assert.deepEqual(stripForeignGeminiSignatures({ contents: 'x' }), { contents: 'x' });
});
