import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CatalogModel } from '../../catalog/catalog-model.js';
import { SIM_MODELS } from '../../providers/simulated/sim-models.js';
import { classifyTask } from './classify-task.js';
import { defaultQualityModel } from './default-quality.js';
import { defaultRouterFile, loadQualityModel, parseRouterFile, RouterFileError } from './router-file.js';
import { rankByTradeoff } from './tradeoff.js';
import { inputOf } from './train.js';

const model = (
  id: string,
  input: number,
  output: number,
  extra: Partial<CatalogModel> = {},
): CatalogModel => ({
  id,
  provider: id.split('/')[0]!,
  model: id.split('/').slice(1).join('/'),
  mode: 'chat',
  contextWindow: 128_000,
  maxOutputTokens: 8192,
  prices: { inputPerMtok: input, outputPerMtok: output, cacheReadPerMtok: null, cacheWritePerMtok: null },
  free: false,
  toolCalling: true,
  vision: true,
  reasoning: false,
  releaseDate: '2025-01-01',
  created: 0,
  ...extra,
});

describe('router files and the default quality model', () => {
  it('the shipped default.json is the default router file', () => {
    const shipped = JSON.parse(
      readFileSync(new URL('../../../data/routers/default.json', import.meta.url), 'utf8'),
    );
    assert.deepEqual(shipped, defaultRouterFile());
    assert.equal(loadQualityModel(shipped, SIM_MODELS).kind, 'default');
  });

  it('rejects what is not a router file, naming the problem', () => {
    assert.throws(() => parseRouterFile({ format: 'x' }), /not a router file/);
    assert.throws(
      () => parseRouterFile({ format: 'switchyard-router', version: 9, kind: 'trained' }),
      /version 9/,
    );
    assert.throws(
      () =>
        parseRouterFile({
          format: 'switchyard-router',
          version: 1,
          kind: 'trained',
          features: { bits: 30, pairs: true },
        }),
      RouterFileError,
    );
    assert.throws(() => loadQualityModel(defaultRouterFile()), /needs the model catalog/);
  });

  it('offline: "hi" goes to sim/fast, a hard proof or program to sim/reasoner, under prefer-quality', () => {
    const qm = defaultQualityModel(SIM_MODELS);
    const pick = (prompt: string) => {
      const input = inputOf(prompt, 30);
      const p = classifyTask(input);
      const cands = ['sim/fast', 'sim/reasoner'].map((m) => ({
        model: m,
        quality: qm.predict(input, p, m)!,
        cost: 0,
      }));
      return rankByTradeoff(cands, 0.85)[0]!.model;
    };
    assert.equal(pick('hi'), 'sim/fast');
    assert.equal(
      pick('Prove rigorously that there are infinitely many primes, step by step.'),
      'sim/reasoner',
    );
    assert.equal(
      pick('Write a Python function for Dijkstra with a binary heap and analyze its complexity.'),
      'sim/reasoner',
    );
  });

  it('priors: pricier and newer models predict higher; capabilities the task needs are required', () => {
    const catalog = [
      model('lab/cheap', 0.15, 0.6),
      model('lab/pricey', 5, 15),
      model('lab/old-pricey', 5, 15, { releaseDate: '2022-06-01' }),
      model('lab/blind', 5, 15, { vision: false, toolCalling: false }),
    ];
    const qm = defaultQualityModel(catalog);
    const input = inputOf('Explain the causes of the French revolution in detail', 12);
    const p = classifyTask(input);
    const q = (m: string, prof = p) => qm.predict(input, prof, m)!;
    assert.ok(q('lab/pricey') > q('lab/cheap'));
    assert.ok(q('lab/pricey') > q('lab/old-pricey'));
    assert.equal(q('lab/blind', { ...p, needs: { ...p.needs, images: true } }), 0);
    assert.ok(q('lab/blind', { ...p, needs: { ...p.needs, tools: true } }) < q('lab/pricey') / 2);
    assert.equal(qm.predict(input, p, 'lab/unknown'), undefined);
    // found by bare model name too (labels in training data rarely carry the provider)
    assert.equal(qm.predict(input, p, 'cheap'), q('lab/cheap'));
  });
});
