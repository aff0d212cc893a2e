// Prices on both backends: the catalog's list prices, instance-wide and org overrides (exact
// over patterns, org over instance, per kind of token), the org's discount on list prices,
// unpriced models, and every instance reloading when prices change anywhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { costOf } from '../../src/billing/cost.js';
import { FREE_PRICE } from '../../src/billing/model-price.js';
import { PriceBook, type PriceCatalog } from '../../src/billing/price-book.js';
import type { CatalogModel } from '../../src/catalog/catalog-model.js';
import { loadCatalogEntries } from '../../src/catalog/load-catalog.js';
import { eachBackend } from '../support/stores.js';
import { eventually, makeOrg } from './billing-fixtures.js';

function testCatalog(): PriceCatalog {
  const models = new Map<string, CatalogModel>(
    loadCatalogEntries(new Set(['anthropic', 'openai'])).map((m) => [m.id, m]),
  );
  const sim = models.get('openai/gpt-4o-mini')!;
  models.set('sim/fast', {
    ...sim,
    id: 'sim/fast',
    provider: 'sim',
    model: 'fast',
    free: true,
    prices: { inputPerMtok: null, outputPerMtok: null, cacheReadPerMtok: null, cacheWritePerMtok: null },
  });
  return { get: (id) => models.get(id) };
}

const SONNET = 'anthropic/claude-sonnet-4-5';
const OPUS = 'anthropic/claude-opus-4-1';
const MINI = 'openai/gpt-4o-mini';
const none = { input: null, output: null, cacheRead: null, cacheWrite: null, reasoning: null };

for (const backend of eachBackend()) {
  test(`overrides and discounts (${backend.name})`, { skip: backend.skip }, async () => {
    const b = await backend.open();
    const catalog = testCatalog();
    const book = new PriceBook(b.store.db, catalog, b.shared);
    try {
      assert.ok(catalog.get(OPUS), `${OPUS} is in the catalog`);
      const orgA = await makeOrg(b.store.db);
      const orgB = await makeOrg(b.store.db, { discountBps: 1_000 });
      await book.start();

      // with the catalog's long-context tier (above 200k input tokens)
      const longContext = { above: 200_000, input: 6_000_000, output: 22_500_000, cacheRead: 600_000 };
      assert.deepEqual(book.priceFor(orgA, SONNET), {
        input: 3_000_000,
        output: 15_000_000,
        cacheRead: 300_000,
        cacheWrite: 3_750_000,
        reasoning: 15_000_000,
        free: false,
        tiers: [{ ...longContext, cacheWrite: 7_500_000, reasoning: 22_500_000 }],
      });
      // the tier is a list price: discounted like the others
      assert.deepEqual(book.priceFor(orgB, SONNET)?.tiers, [
        {
          above: 200_000,
          input: 5_400_000,
          output: 20_250_000,
          cacheRead: 540_000,
          cacheWrite: 6_750_000,
          reasoning: 20_250_000,
        },
      ]);
      // 10 % off every list price, defaults included (gpt-4o-mini's cache write = its input price)
      assert.deepEqual(book.priceFor(orgB, MINI), {
        input: 135_000,
        output: 540_000,
        cacheRead: 67_500,
        cacheWrite: 135_000,
        reasoning: 540_000,
        free: false,
      });
      assert.deepEqual(book.priceFor(null, MINI)?.input, 150_000, 'no org: the list price');

      await book.createOverride({ ...none, orgId: null, model: 'anthropic/*', input: 2_000_000 });
      await book.createOverride({
        ...none,
        orgId: null,
        model: 'anthropic/claude-sonnet-*',
        output: 10_000_000,
      });
      await book.createOverride({
        ...none,
        orgId: orgA,
        model: SONNET,
        input: 1_000_000,
        reasoning: 20_000_000,
      });

      // org A: its own exact override for input and reasoning, the instance's pattern for output,
      // the catalog for cache prices; no long-context tier on a model an override prices
      assert.deepEqual(book.priceFor(orgA, SONNET), {
        input: 1_000_000,
        output: 10_000_000,
        cacheRead: 300_000,
        cacheWrite: 3_750_000,
        reasoning: 20_000_000,
        free: false,
      });
      // org A on another Anthropic model: only the broad pattern applies
      assert.equal(book.priceFor(orgA, OPUS)?.input, 2_000_000);
      assert.equal(book.priceFor(orgA, OPUS)?.output, catalogOutput(catalog, OPUS));
      // org B: the instance's overrides, discounted; its reasoning follows the discounted output
      assert.deepEqual(book.priceFor(orgB, SONNET), {
        input: 1_800_000,
        output: 9_000_000,
        cacheRead: 270_000,
        cacheWrite: 3_375_000,
        reasoning: 9_000_000,
        free: false,
      });
      // an org's own override is its price: not discounted again
      await book.createOverride({
        ...none,
        orgId: orgB,
        model: 'anthropic/claude-sonnet-4-*',
        output: 12_000_000,
      });
      assert.equal(book.priceFor(orgB, SONNET)?.output, 12_000_000);
      assert.equal(book.priceFor(orgB, SONNET)?.input, 1_800_000);

      // a priced call end to end: org B, Sonnet, 1,000 plain input + 500 output
      const cost = costOf(
        {
          inputTokens: 1_000,
          outputTokens: 500,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
        },
        book.priceFor(orgB, SONNET)!,
      );
      assert.equal(cost, 1_000 * 1_800 + 500 * 12_000); // picos/1000 per token = nanos

      // unpriced and free models
      assert.equal(book.priceFor(orgA, 'custom/llama'), null, 'unknown to the catalog: unpriced');
      await book.createOverride({ ...none, orgId: null, model: 'custom/*', input: 100_000, output: 200_000 });
      assert.deepEqual(book.priceFor(orgA, 'custom/llama'), {
        input: 100_000,
        output: 200_000,
        cacheRead: 100_000,
        cacheWrite: 100_000,
        reasoning: 200_000,
        free: false,
      });
      assert.equal(book.priceFor(orgA, 'sim/fast'), FREE_PRICE);

      // update and delete
      const [broad] = (await book.listOverrides(null)).filter((o) => o.model === 'anthropic/*');
      const { before, after } = await book.updateOverride(null, broad!.id, { input: 2_500_000 });
      assert.equal(before.input, 2_000_000);
      assert.equal(after.input, 2_500_000);
      assert.equal(book.priceFor(orgA, OPUS)?.input, 2_500_000);
      await book.deleteOverride(null, broad!.id);
      assert.equal(book.priceFor(orgA, OPUS)?.input, catalog.get(OPUS)!.prices.inputPerMtok! * 1_000_000);
      await assert.rejects(book.deleteOverride(orgA, broad!.id), /No such price override/);
      await assert.rejects(book.createOverride({ ...none, orgId: null, model: 'x/*' }), /at least one price/);
    } finally {
      await book.close();
      await b.cleanup();
    }
  });

  test(`every instance reloads prices when they change (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const two = await b.connect();
    const book1 = new PriceBook(b.store.db, testCatalog(), b.shared);
    const book2 = new PriceBook(two.store.db, testCatalog(), two.shared);
    try {
      const org = await makeOrg(b.store.db);
      await book1.start();
      await book2.start();
      assert.equal(book2.priceFor(org, MINI)?.input, 150_000);
      await book1.createOverride({ ...none, orgId: org, model: MINI, input: 100_000 });
      await eventually(() => book2.priceFor(org, MINI)?.input === 100_000);
      const previous = await book1.setDiscount(org, 5_000);
      assert.equal(previous, 0);
      await eventually(() => book2.priceFor(org, MINI)?.output === 300_000);
      assert.equal(book2.priceFor(org, MINI)?.input, 100_000, 'the org override is not discounted');
      await assert.rejects(book1.setDiscount(org, 10_001), /discount_bps/);
    } finally {
      await book1.close();
      await book2.close();
      await b.cleanup();
    }
  });
}

function catalogOutput(catalog: PriceCatalog, id: string): number {
  return Math.round(catalog.get(id)!.prices.outputPerMtok! * 1_000_000);
}
