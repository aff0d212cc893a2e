import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyTask } from './classify-task.js';
import { DEFAULT_FEATURES, featurize } from './features.js';
import { fitLogCost } from './fit-log-cost.js';
import { loadQualityModel, parseRouterFile } from './router-file.js';
import { inputOf, rng, type TrainingRow, trainQualityModel } from './train.js';
import type { TrainedQualityModel } from './trained-quality.js';

// "Write an essay" prompts get long answers (cost 0.05), "pick a letter" prompts one token
// (cost 0.0005), at the same prompt length: only the words tell the two apart.
const ESSAY = ['essay', 'explain', 'describe', 'discuss', 'story'];
const LETTER = ['letter', 'choose', 'option', 'pick', 'select'];
const FILL = ['please', 'the', 'about', 'this', 'topic', 'now'];

function rows(n: number, seed: number): TrainingRow[] {
  const r = rng(seed);
  const pick = (l: string[]) => l[Math.floor(r() * l.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const long = i % 2 === 0;
    const words = long ? ESSAY : LETTER;
    return {
      prompt: [pick(FILL), pick(words), pick(FILL), pick(words), pick(FILL)].join(' '),
      scores: { big: long ? 1 : 0.9, small: long ? 0.5 : 0.8 },
      costs: { big: long ? 0.05 : 0.0005, small: long ? 0.002 : 0.00002 },
    };
  });
}
const count = (t: string) => t.split(' ').length;

describe('learned costs', () => {
  it('fitLogCost learns log(cost) from the features: a 100× dearer kind of prompt is priced so', () => {
    const data = rows(300, 1);
    const spec = { ...DEFAULT_FEATURES, bits: 12 };
    const samples = data.map((row) => {
      const input = inputOf(row.prompt, count(row.prompt));
      const f = featurize(input, classifyTask(input), spec);
      return { idx: f.idx.slice(0, f.n), val: f.val.slice(0, f.n) };
    });
    const fit = fitLogCost(
      samples,
      Float64Array.from(data, (r) => r.costs!.big!),
      2 ** 12,
    )!;
    const predict = (i: number) => {
      let z = fit.bias;
      for (let k = 0; k < samples[i]!.idx.length; k++)
        z += fit.weights[samples[i]!.idx[k]!]! * samples[i]!.val[k]!;
      return Math.exp(z);
    };
    // rows 0 (essay) and 1 (letter)
    assert.ok(predict(0) / predict(1) > 30, `essay/letter cost ratio ${predict(0) / predict(1)}`);
    assert.ok(Math.abs(Math.log(predict(0) / 0.05)) < 0.5, `essay cost ${predict(0)}`);
    assert.equal(fitLogCost(samples, new Float64Array(samples.length).fill(Number.NaN), 2 ** 12), undefined);
  });

  it('a trained router prices a request from its words; without the request, linear in tokens', () => {
    const file = trainQualityModel(rows(300, 2), { countTokens: count, features: { bits: 12, pairs: true } });
    assert.ok(file.models!.big!.cost.log!.slots.length > 0);
    const model = loadQualityModel(JSON.parse(JSON.stringify(file))) as TrainedQualityModel;
    const at = (prompt: string) => {
      const input = inputOf(prompt, count(prompt));
      return model.costOf('big', input.promptTokens, input, classifyTask(input))!;
    };
    const essay = at('please explain the essay topic now');
    const letter = at('please pick the letter option now');
    assert.ok(essay / letter > 20, `essay ${essay} vs letter ${letter}`);
    const linear = model.costOf('big', 6)!;
    assert.ok(
      Math.abs(linear - (file.models!.big!.cost.perToken * 6 + file.models!.big!.cost.fixed)) < 1e-12,
    );
    // no learned costs asked for: none in the file
    const plain = trainQualityModel(rows(50, 3), {
      countTokens: count,
      costFeatures: false,
      features: { bits: 10, pairs: false },
    });
    assert.equal(plain.models!.big!.cost.log, undefined);
    assert.throws(
      () =>
        parseRouterFile({
          ...file,
          models: {
            ...file.models,
            big: { ...file.models!.big!, cost: { perToken: 0, fixed: 0, log: { bias: 'x' } } },
          },
        }),
      /cost\.log must be/,
    );
  });

  it('the leader (best mean score) is credited its margin; a cheaper model must beat it by more', () => {
    const file = trainQualityModel(rows(200, 4), {
      countTokens: count,
      leaderMargin: 0.06,
      features: { bits: 12, pairs: true },
    });
    assert.deepEqual(file.leader, { model: 'big', margin: 0.06 });
    const model = loadQualityModel(file);
    const noCredit = loadQualityModel({ ...file, leader: undefined });
    const input = inputOf('please pick the letter option now', 6);
    const p = classifyTask(input);
    const credited = model.predict(input, p, 'big')!;
    assert.ok(Math.abs(credited - Math.min(1, noCredit.predict(input, p, 'big')! + 0.06)) < 1e-12);
    assert.equal(model.predict(input, p, 'small'), noCredit.predict(input, p, 'small'));
    assert.equal(trainQualityModel(rows(20, 5), { countTokens: count, leaderMargin: 0 }).leader, undefined);
    assert.throws(
      () => parseRouterFile({ ...file, leader: { model: 'nobody', margin: 0.1 } }),
      /"leader" must be/,
    );
  });
});
