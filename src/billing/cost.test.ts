import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Usage } from '../canonical/types.js';
import type { CatalogModel } from '../catalog/catalog-model.js';
import { loadCatalogEntries } from '../catalog/load-catalog.js';
import { bpsOf, costOf, worstCaseCost } from './cost.js';
import { catalogPrice, FREE_PRICE, type ModelPrice, unpricedModels } from './model-price.js';

const catalog = loadCatalogEntries(new Set(['anthropic', 'openai']));
function model(id: string): CatalogModel {
  const m = catalog.find((x) => x.id === id);
  assert.ok(m, `${id} is in the bundled catalog`);
  return m;
}
function price(id: string): ModelPrice {
  const p = catalogPrice(model(id));
  assert.ok(p);
  return p;
}
const usage = (u: Partial<Usage>): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  ...u,
});

describe('catalog prices', () => {
  test('Claude Sonnet 4.5: $3 in, $15 out, $0.30 cache read, $3.75 cache write; reasoning at output', () => {
    assert.deepEqual(price('anthropic/claude-sonnet-4-5'), {
      input: 3_000_000,
      output: 15_000_000,
      cacheRead: 300_000,
      cacheWrite: 3_750_000,
      reasoning: 15_000_000,
      free: false,
      tiers: [
        {
          above: 200_000,
          input: 6_000_000,
          output: 22_500_000,
          cacheRead: 600_000,
          cacheWrite: 7_500_000,
          reasoning: 22_500_000,
        },
      ],
    });
  });

  test('gpt-4o-mini has no cache-write price: it defaults to the input price', () => {
    assert.deepEqual(price('openai/gpt-4o-mini'), {
      input: 150_000,
      output: 600_000,
      cacheRead: 75_000,
      cacheWrite: 150_000,
      reasoning: 600_000,
      free: false,
    });
  });

  test('unpriced models are listed unless marked free', () => {
    const base = model('openai/gpt-4o-mini');
    const noPrice = { ...base, id: 'x/unpriced', prices: { ...base.prices, outputPerMtok: null } };
    const free = { ...noPrice, id: 'x/free', free: true };
    assert.deepEqual(unpricedModels([base, noPrice, free]), ['x/unpriced']);
    assert.equal(catalogPrice(noPrice), null);
    assert.equal(catalogPrice(free), FREE_PRICE);
  });
});

describe('costOf', () => {
  test('cache reads and writes inside inputTokens, reasoning inside outputTokens, each at its own price', () => {
    // plain input 2,000 × $3/M = $0.006; cache read 6,000 × $0.30/M = $0.0018;
    // cache write 2,000 × $3.75/M = $0.0075; plain output 1,000 × $15/M = $0.015;
    // reasoning 500 × $15/M = $0.0075 → $0.0378
    const u = usage({
      inputTokens: 10_000,
      cacheReadTokens: 6_000,
      cacheWriteTokens: 2_000,
      outputTokens: 1_500,
      reasoningTokens: 500,
    });
    assert.equal(costOf(u, price('anthropic/claude-sonnet-4-5')), 37_800_000);
  });

  test('a cache read costs a tenth of an input token, not an input token plus a cache read', () => {
    const p = price('anthropic/claude-sonnet-4-5');
    const cached = costOf(usage({ inputTokens: 100_000, cacheReadTokens: 100_000 }), p);
    const uncached = costOf(usage({ inputTokens: 100_000 }), p);
    assert.equal(cached, 30_000_000); // $0.03
    assert.equal(uncached, 300_000_000); // $0.30
  });

  test("above 200k input tokens the whole call is billed at the catalog's long-context tier", () => {
    const p = price('anthropic/claude-sonnet-4-5');
    // at 200,000 exactly: the base prices ($3 in, $15 out)
    assert.equal(costOf(usage({ inputTokens: 200_000, outputTokens: 1_000 }), p), 600_000_000 + 15_000_000);
    // 265,000 in (15,000 of them cache reads, 10,000 cache writes) and 2,000 out (500 reasoning):
    // 240,000 × $6 + 15,000 × $0.60 + 10,000 × $7.50 + 2,000 × $22.50 per million
    assert.equal(
      costOf(
        usage({
          inputTokens: 265_000,
          cacheReadTokens: 15_000,
          cacheWriteTokens: 10_000,
          outputTokens: 2_000,
          reasoningTokens: 500,
        }),
        p,
      ),
      1_440_000_000 + 9_000_000 + 75_000_000 + 45_000_000,
    );
    // the worst case of a 265k-token prompt reserves at the tier too
    assert.equal(worstCaseCost(265_000, 1_000, p), 265_000 * 7_500 + 1_000 * 22_500);
    // a model without tiers: the same prices at any size
    const mini = price('openai/gpt-4o-mini');
    assert.equal(mini.tiers, undefined);
    assert.equal(costOf(usage({ inputTokens: 1_000_000 }), mini), 150_000_000);
  });

  test('gpt-4o-mini: 1,234 in (200 cached) and 567 out', () => {
    // 1,034 × 150,000 + 200 × 75,000 + 567 × 600,000 = 155,100,000 + 15,000,000 + 340,200,000 picos
    assert.equal(
      costOf(
        usage({ inputTokens: 1_234, cacheReadTokens: 200, outputTokens: 567 }),
        price('openai/gpt-4o-mini'),
      ),
      510_300,
    );
  });

  test('picos round half up to nanos', () => {
    const p: ModelPrice = {
      input: 1_500,
      output: 1_499,
      cacheRead: 1,
      cacheWrite: 1,
      reasoning: 1,
      free: false,
    };
    assert.equal(costOf(usage({ inputTokens: 1 }), p), 2, '1.5 nanos → 2');
    assert.equal(costOf(usage({ outputTokens: 1 }), p), 1, '1.499 nanos → 1');
    assert.equal(costOf(usage({ cacheReadTokens: 1, inputTokens: 1 }), p), 0, '0.001 nanos → 0');
  });

  test('inconsistent counts never go negative', () => {
    const p = price('anthropic/claude-sonnet-4-5');
    // 150 cache reads reported with only 100 input tokens: plain input counts as 0
    assert.equal(costOf(usage({ inputTokens: 100, cacheReadTokens: 150 }), p), 45_000);
    assert.equal(costOf(usage({ outputTokens: 10, reasoningTokens: 20 }), p), 300_000);
    assert.equal(costOf(usage({ inputTokens: -5 }), p), 0);
  });

  test('free models cost nothing', () => {
    assert.equal(costOf(usage({ inputTokens: 1e6, outputTokens: 1e6 }), FREE_PRICE), 0);
    assert.equal(worstCaseCost(1e6, 1e6, FREE_PRICE), 0);
  });

  test('large calls stay exact', () => {
    // 2M tokens at $150/M in and out = $600
    const p: ModelPrice = {
      input: 150_000_000,
      output: 150_000_000,
      cacheRead: 0,
      cacheWrite: 0,
      reasoning: 150_000_000,
      free: false,
    };
    assert.equal(costOf(usage({ inputTokens: 2e6, outputTokens: 2e6 }), p), 600_000_000_000);
  });
});

describe('worstCaseCost', () => {
  test('prompt at the dearest input-side price plus max output at the dearest output-side price, rounded up', () => {
    const p = price('anthropic/claude-sonnet-4-5');
    // 1,000 × $3.75/M (cache write is dearer than input) + 4,096 × $15/M = $0.00375 + $0.06144
    assert.equal(worstCaseCost(1_000, 4_096, p), 65_190_000);
    const tiny: ModelPrice = { input: 1, output: 1, cacheRead: 1, cacheWrite: 1, reasoning: 1, free: false };
    assert.equal(worstCaseCost(1, 0, tiny), 1, '0.001 nanos reserves 1');
  });

  test('never below the cost of any usage with the same token counts', () => {
    const p = price('anthropic/claude-sonnet-4-5');
    for (const u of [
      usage({ inputTokens: 1_000, cacheWriteTokens: 1_000, outputTokens: 4_096 }),
      usage({ inputTokens: 1_000, cacheReadTokens: 500, outputTokens: 4_096, reasoningTokens: 4_000 }),
      usage({ inputTokens: 1_000, outputTokens: 17 }),
    ])
      assert.ok(costOf(u, p) <= worstCaseCost(1_000, 4_096, p));
  });
});

describe('bpsOf', () => {
  test('basis points of an amount, half up', () => {
    assert.equal(bpsOf(1_000_000, 250), 25_000);
    assert.equal(bpsOf(3, 5_000), 2);
    assert.equal(bpsOf(1_000, 0), 0);
  });
});
