import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyTask } from './classify-task.js';
import { evaluateRouter } from './evaluate.js';
import { loadQualityModel, parseRouterFile } from './router-file.js';
import { rankByTradeoff } from './tradeoff.js';
import { inputOf, rng, type TrainingRow, trainQualityModel } from './train.js';

// Synthetic data: "coder" is right on programming prompts and wrong on cooking ones; "chef" the
// reverse. Both cost the same on average, so only the prompt tells which to pick.
const CODE = [
  'python',
  'function',
  'compile',
  'array',
  'javascript',
  'loop',
  'variable',
  'debug',
  'recursion',
  'class',
];
const FOOD = ['recipe', 'bake', 'flour', 'oven', 'garlic', 'simmer', 'butter', 'sauce', 'onion', 'dough'];
const FILL = ['please', 'help', 'me', 'with', 'this', 'the', 'a', 'my', 'quick', 'question', 'about'];

function prompt(words: string[], r: () => number): string {
  const pick = (list: string[]) => list[Math.floor(r() * list.length)]!;
  return [pick(FILL), pick(words), pick(FILL), pick(words), pick(FILL), pick(words)].join(' ');
}

function dataset(n: number, seed: number): TrainingRow[] {
  const r = rng(seed);
  const rows: TrainingRow[] = [];
  for (let i = 0; i < n; i++) {
    const isCode = i % 2 === 0;
    rows.push({
      prompt: prompt(isCode ? CODE : FOOD, r),
      scores: { 'lab/coder': isCode ? 1 : 0, 'lab/chef': isCode ? 0 : 1 },
      costs: { 'lab/coder': 0.01, 'lab/chef': 0.01 },
    });
  }
  return rows;
}

const count = (t: string) => t.split(' ').length;

describe('trainQualityModel', () => {
  it('learns which model is right on which kind of prompt (held-out prompts)', () => {
    const file = trainQualityModel(dataset(400, 1), {
      countTokens: count,
      features: { bits: 14, pairs: true },
    });
    const model = loadQualityModel(JSON.parse(JSON.stringify(file)));
    assert.deepEqual([...model.models].sort(), ['lab/chef', 'lab/coder']);
    let right = 0;
    const test = dataset(100, 99);
    for (const row of test) {
      const input = inputOf(row.prompt, count(row.prompt));
      const profile = classifyTask(input);
      const cands = ['lab/coder', 'lab/chef'].map((m) => ({
        model: m,
        quality: model.predict(input, profile, m)!,
        cost: 0.01,
      }));
      const pick = rankByTradeoff(cands, 1)[0]!.model;
      if (row.scores[pick] === 1) right++;
    }
    assert.ok(right >= 95, `picked the right model on ${right}/100 held-out prompts`);
    // and it is confident about it, not just barely ahead
    const input = inputOf('please debug my python function', 5);
    const p = classifyTask(input);
    assert.ok(model.predict(input, p, 'lab/coder')! > 0.8);
    assert.ok(model.predict(input, p, 'lab/chef')! < 0.2);
  });

  it('predicts nothing for a model it was not trained on; finds provider-prefixed ids', () => {
    const model = loadQualityModel(
      trainQualityModel(dataset(40, 2), { countTokens: count, features: { bits: 12, pairs: false } }),
    );
    const input = inputOf('bake bread', 2);
    const p = classifyTask(input);
    assert.equal(model.predict(input, p, 'other/model'), undefined);
    assert.equal(typeof model.predict(input, p, 'someprovider/lab/chef'), 'number');
  });

  it('aliases map the gateway model ids to trained models; an alias to nothing is refused', () => {
    const file = trainQualityModel(dataset(40, 5), {
      countTokens: count,
      features: { bits: 12, pairs: false },
    });
    file.aliases = { 'mistral/open-chef': 'lab/chef' };
    const model = loadQualityModel(JSON.parse(JSON.stringify(file)));
    const input = inputOf('bake bread', 2);
    const p = classifyTask(input);
    assert.equal(model.predict(input, p, 'mistral/open-chef'), model.predict(input, p, 'lab/chef'));
    assert.throws(
      () => parseRouterFile({ ...file, aliases: { x: 'lab/nobody' } }),
      /aliases\["x"\] must name a trained model/,
    );
  });

  it('fits a cost model per model and records the task-told baseline', () => {
    const rows: TrainingRow[] = [10, 20, 40].map((n) => ({
      prompt: Array(n).fill('word').join(' '),
      scores: { a: 1, b: 0.5 },
      costs: { a: n * 0.001 + 0.01, b: n * 0.0001 },
      task: 'chat',
    }));
    const file = trainQualityModel(rows, { countTokens: count, features: { bits: 10, pairs: false } });
    assert.ok(Math.abs(file.models!.a!.cost.perToken - 0.001) < 1e-9);
    assert.ok(Math.abs(file.models!.a!.cost.fixed - 0.01) < 1e-9);
    assert.equal(file.taskTold!.chat!.b!.quality, 0.5);
    assert.equal(file.taskTold!.chat!.a!.rows, 3);
    assert.doesNotThrow(() => parseRouterFile(file));
  });

  it('without costs, uses catalog prices, else equal costs', () => {
    const rows: TrainingRow[] = [{ prompt: 'hello there', scores: { 'x/cheap': 1, 'y/unknown': 1 } }];
    const catalog = [
      {
        id: 'x/cheap',
        provider: 'x',
        model: 'cheap',
        mode: 'chat' as const,
        contextWindow: 1000,
        maxOutputTokens: 100,
        prices: { inputPerMtok: 1, outputPerMtok: 2, cacheReadPerMtok: null, cacheWritePerMtok: null },
        free: false,
        toolCalling: true,
        vision: false,
        reasoning: false,
        releaseDate: null,
        created: 0,
      },
    ];
    const file = trainQualityModel(rows, {
      countTokens: count,
      catalog,
      features: { bits: 10, pairs: false },
    });
    assert.equal(file.models!['x/cheap']!.cost.perToken, 1e-6);
    assert.deepEqual(file.models!['y/unknown']!.cost, { perToken: 0, fixed: 1 });
  });

  it('a trained router beats the single models on its own kind of data (eval end to end)', () => {
    const file = trainQualityModel(dataset(400, 3), {
      countTokens: count,
      features: { bits: 14, pairs: true },
    });
    const report = evaluateRouter(dataset(100, 4), loadQualityModel(file) as never, file, {
      countTokens: count,
      steps: 40,
    });
    assert.equal(report.rows, 100);
    // the best single model gets half the prompts right; the router nearly all, at the same cost
    const top = Math.max(...report.points.map((p) => p.quality));
    assert.ok(top > 1.9, `router reaches ${top}× the best single model's quality`);
    assert.ok(report.cost_at_100! < 0.55, `and its quality for ${report.cost_at_100} of its cost`);
    assert.ok(report.aiq > report.single_model_hull.aiq + 0.3);
    assert.equal(report.comparison.beats_single_model_hull_everywhere, true);
  });
});
