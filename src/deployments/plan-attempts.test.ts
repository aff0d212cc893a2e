import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal } from '../auth/index.js';
import { modelMatcher } from '../auth/index.js';
import { ModelCatalog } from '../catalog/index.js';
import { loadCatalogEntries } from '../catalog/load-catalog.js';
import { resolveConfig } from '../config/index.js';
import type { ProviderRuntime } from '../providers/index.js';
import { DeploymentRegistry } from './deployment-registry.js';
import { planAttempts } from './plan-attempts.js';

const provider = (id: string): ProviderRuntime => ({
  id,
  name: id,
  protocol: id === 'anthropic' ? 'anthropic' : 'openai',
  baseUrl: 'http://127.0.0.1:1',
  authHeaders: {},
  extraHeaders: {},
  maxTokensField: 'max_tokens',
  allowUnlisted: false,
  custom: false,
});
const principal = (models?: string[]): Principal => ({
  id: 'k',
  name: 'k',
  kind: 'key',
  canUseModel: modelMatcher(models),
});

function setup(file: unknown = {}, contextWindows: Record<string, number> = {}) {
  const config = resolveConfig(file, {});
  const catalog = new ModelCatalog(loadCatalogEntries(new Set(['openai', 'anthropic'])), [
    provider('openai'),
    provider('anthropic'),
  ]);
  for (const [id, w] of Object.entries(contextWindows))
    catalog.add({ ...catalog.get(id)!, contextWindow: w });
  return new DeploymentRegistry(catalog, config);
}
const base = { ownFallbacks: false, want: 'chat' as const, promptBound: 100 };

test('the requested model, then its configured fallbacks, in order', async () => {
  const r = setup({ fallbacks: { 'gpt-4o-mini': ['anthropic/claude-haiku-4-5', 'openai/gpt-4o'] } });
  const plan = await planAttempts(r, { ...base, names: ['gpt-4o-mini'], principal: principal() });
  assert.deepEqual(
    plan.order.map((d) => d.id),
    ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5', 'openai/gpt-4o'],
  );
});

test("the request's own list replaces the configured fallbacks", async () => {
  const r = setup({ fallbacks: { 'gpt-4o-mini': ['anthropic/claude-haiku-4-5'] } });
  const plan = await planAttempts(r, {
    ...base,
    ownFallbacks: true,
    names: ['gpt-4o-mini', 'openai/gpt-4o'],
    principal: principal(),
  });
  assert.deepEqual(
    plan.order.map((d) => d.id),
    ['openai/gpt-4o-mini', 'openai/gpt-4o'],
  );
});

test('fallbacks the key may not use are skipped; the requested model itself is a 403', async () => {
  const r = setup({ fallbacks: { 'openai/gpt-4o-mini': ['anthropic/claude-haiku-4-5'] } });
  const plan = await planAttempts(r, {
    ...base,
    names: ['openai/gpt-4o-mini'],
    principal: principal(['openai/*']),
  });
  assert.deepEqual(
    plan.order.map((d) => d.id),
    ['openai/gpt-4o-mini'],
  );
  assert.match(plan.skipped[0]!.reason, /may not use/);
  await assert.rejects(
    planAttempts(r, { ...base, names: ['anthropic/claude-haiku-4-5'], principal: principal(['openai/*']) }),
    (e: Error & { status: number }) => e.status === 403,
  );
});

test('a model whose context window is too small is skipped, counting only when it could matter', async () => {
  const r = setup(
    { fallbacks: { 'openai/gpt-4o-mini': ['anthropic/claude-haiku-4-5'] } },
    { 'openai/gpt-4o-mini': 50 },
  );
  let counted = 0;
  const countPrompt = async () => {
    counted++;
    return 80;
  };
  const small = await planAttempts(r, {
    ...base,
    names: ['openai/gpt-4o-mini'],
    principal: principal(),
    promptBound: 40,
    countPrompt,
  });
  assert.equal(counted, 0, 'a 40-byte body cannot hold more than 40 tokens');
  assert.equal(small.order[0]!.id, 'openai/gpt-4o-mini');
  const big = await planAttempts(r, {
    ...base,
    names: ['openai/gpt-4o-mini'],
    principal: principal(),
    promptBound: 400,
    countPrompt,
  });
  assert.equal(counted, 1);
  assert.deepEqual(
    big.order.map((d) => d.id),
    ['anthropic/claude-haiku-4-5'],
  );
  assert.match(big.skipped[0]!.reason, /80 tokens, more than its context window of 50/);
});

test("Anthropic's context-1m beta: Claude Sonnet 4.5 on Anthropic holds a 265k-token prompt; without it, or on a model without long-context prices, 400", async () => {
  const r = setup();
  const countPrompt = async () => 265_000;
  const ask = (model: string, longContext: boolean) =>
    planAttempts(r, {
      ...base,
      names: [model],
      principal: principal(),
      promptBound: 1_100_000,
      countPrompt,
      longContext,
    });
  const plan = await ask('anthropic/claude-sonnet-4-5', true);
  assert.deepEqual(
    plan.order.map((d) => d.id),
    ['anthropic/claude-sonnet-4-5'],
  );
  await assert.rejects(
    ask('anthropic/claude-sonnet-4-5', false),
    /265000 tokens, more than the context window/,
  );
  // Haiku 4.5 has no long-context prices in the catalog: the beta does not lift its window
  await assert.rejects(
    ask('anthropic/claude-haiku-4-5', true),
    /265000 tokens, more than the context window/,
  );
});

test('deployments whose breaker is open go last in their group', async () => {
  const r = setup({
    deployments: [
      {
        name: 'pool',
        strategy: 'weighted',
        targets: [{ model: 'openai/gpt-4o-mini' }, { model: 'openai/gpt-4o' }],
      },
    ],
  });
  const pool = r.group('pool');
  const sick = pool.members[0]!.deployment;
  for (let i = 0; i < 10; i++) sick.breaker.onFailure();
  for (let i = 0; i < 20; i++) {
    const plan = await planAttempts(r, { ...base, names: ['pool'], principal: principal() });
    assert.equal(plan.order.at(-1)!.id, sick.id);
  }
});
