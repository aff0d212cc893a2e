import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelCatalog } from '../catalog/index.js';
import { loadCatalogEntries } from '../catalog/load-catalog.js';
import { resolveConfig } from '../config/index.js';
import type { ProviderRuntime } from '../providers/index.js';
import { DeploymentRegistry } from './deployment-registry.js';

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
const providers = [provider('openai'), provider('anthropic')];

function registry(file: unknown) {
  const config = resolveConfig(file, {});
  const catalog = new ModelCatalog(loadCatalogEntries(new Set(['openai', 'anthropic'])), providers);
  return new DeploymentRegistry(catalog, config);
}

test('timeouts: model over provider over global', () => {
  const r = registry({
    timeouts: { connect_ms: 1000, response_ms: 2000 },
    providers: { openai: { timeouts: { response_ms: 3000, idle_ms: 4000 } } },
    models: [{ id: 'openai/gpt-4o-mini', timeouts: { idle_ms: 5000 } }],
  });
  const d = r.group('openai/gpt-4o-mini').members[0]!.deployment;
  assert.equal(d.timeouts.connectMs, 1000);
  assert.equal(d.timeouts.responseMs, 3000);
  assert.equal(d.timeouts.idleMs, 5000);
  const other = r.group('openai/gpt-4o').members[0]!.deployment;
  assert.equal(other.timeouts.idleMs, 4000);
  const claude = r.group('anthropic/claude-haiku-4-5').members[0]!.deployment;
  assert.equal(claude.timeouts.responseMs, 2000);
});

test('one deployment per model id, shared by every name that reaches it', () => {
  const r = registry({
    deployments: [{ name: 'mini', targets: [{ model: 'openai/gpt-4o-mini', weight: 2 }] }],
  });
  const viaGroup = r.group('mini').members[0]!;
  assert.equal(viaGroup.weight, 2);
  assert.equal(viaGroup.deployment, r.group('gpt-4o-mini').members[0]!.deployment);
  assert.equal(r.group('mini').strategy, 'latency');
});

test('configured fallbacks are found by the name asked for or by the model id it resolves to', () => {
  const r = registry({ fallbacks: { 'openai/gpt-4o-mini': ['anthropic/claude-haiku-4-5'] } });
  assert.deepEqual(r.fallbacks('gpt-4o-mini', ['openai/gpt-4o-mini']), ['anthropic/claude-haiku-4-5']);
  assert.deepEqual(r.fallbacks('openai/gpt-4o', ['openai/gpt-4o']), []);
});

test('a deployment group naming an unknown model is a configuration error', () => {
  assert.throws(
    () => registry({ deployments: [{ name: 'x', targets: [{ model: 'openai/no-such-model' }] }] }),
    /deployments\[0\]\.targets\[0\]: The model `openai\/no-such-model` is not in the catalog/,
  );
});
