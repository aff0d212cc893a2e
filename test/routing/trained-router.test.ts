// A trained router file (`routing.router_file`) replaces the default router's catalog priors for
// the models it was trained on: trained on data where a cheap small model beats a flagship, the
// router sends even a hard prompt to the small one, and the decision says it used the trained model.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { trainQualityModel } from '../../src/routing/model/index.js';
import { loadTokenizer } from '../../src/tokenizer/index.js';
import { type Harness, startHarness } from '../e2e/harness.js';

const SMALL = 'openai/gpt-4.1-nano';
const FLAGSHIP = 'anthropic/claude-opus-4-1';
const HARD =
  'Prove that for every integer n ≥ 1 the sum 1^3 + 2^3 + … + n^3 equals (n(n+1)/2)^2, then find all integer ' +
  'solutions of x^2 − 7y^2 = 1 with 0 < x < 10^4 and explain the continued-fraction method step by step.';

let h: Harness;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-router-'));
  const count = await loadTokenizer();
  const prompts = [
    'hi',
    'What is the capital of France?',
    'Prove that the square root of 2 is irrational, step by step.',
    'Write a Python function that reverses a linked list.',
    'Solve 3x + 7 = 22 and explain each step.',
    'Translate "good morning" into German.',
    HARD.replace('7y^2', '5y^2'),
    'Summarise the plot of Hamlet in three sentences.',
  ];
  const rows = [];
  for (let i = 0; i < 12; i++)
    for (const p of prompts) rows.push({ prompt: `${p} (${i})`, scores: { [SMALL]: 0.95, [FLAGSHIP]: 0.3 } });
  const file = trainQualityModel(rows, { countTokens: count });
  writeFileSync(join(dir, 'router.json'), JSON.stringify(file));
  h = await startHarness({
    config: {
      routing: {
        router_file: join(dir, 'router.json'),
        policies: {
          quality: { prefer: 'quality', models: [SMALL, FLAGSHIP, 'openai/o3'] },
        },
      },
    },
  });
});
after(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the trained predictions decide for the models it knows; catalog priors for the others', async () => {
  const r = await h
    .openai()
    .chat.completions.create({ model: 'auto:quality', messages: [{ role: 'user', content: HARD }] })
    .withResponse();
  assert.equal(r.response.headers.get('x-switchyard-route'), SMALL);
  const d = (await (
    await h.get(`/v1/routing/decisions/${r.response.headers.get('x-request-id')}`)
  ).json()) as {
    quality_model: string;
    candidates: { model: string; quality: number }[];
  };
  assert.equal(d.quality_model, 'trained');
  const q = Object.fromEntries(d.candidates.map((c) => [c.model, c.quality]));
  assert.ok(q[SMALL]! > q[FLAGSHIP]!, JSON.stringify(q));
  // o3 was not in the training data: it is scored by the catalog priors, not left out
  assert.ok(q['openai/o3']! > 0.5, JSON.stringify(q));
});
