import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatewayError } from '../canonical/errors.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import { loadCatalogEntries } from './load-catalog.js';
import { ModelCatalog } from './model-catalog.js';

const provider = (id: string, allowUnlisted = false): ProviderRuntime => ({
  id,
  name: id,
  protocol: 'openai',
  baseUrl: 'http://127.0.0.1:1',
  authHeaders: {},
  extraHeaders: {},
  maxTokensField: 'max_tokens',
  allowUnlisted,
  custom: allowUnlisted,
});

const providers = [provider('openai'), provider('azure'), provider('openrouter'), provider('vllm', true)];
const catalog = new ModelCatalog(loadCatalogEntries(new Set(providers.map((p) => p.id))), providers, {
  aliases: { fast: 'cheap', cheap: 'openai/gpt-4o-mini' },
  labs: new Set(['openai']),
  knownProviders: new Set(['openai', 'anthropic', 'azure', 'openrouter', 'amazon-bedrock', 'google-vertex']),
});

test('provider/model resolves to that provider', () => {
  const r = catalog.resolve('azure/gpt-4o-mini');
  assert.equal(r.provider.id, 'azure');
  assert.equal(r.model.model, 'gpt-4o-mini');
});

test('a bare name prefers the first-party lab over hosts', () => {
  assert.equal(catalog.resolve('gpt-4o-mini').model.id, 'openai/gpt-4o-mini');
});

test('provider_priority overrides the lab rule', () => {
  const c = new ModelCatalog(loadCatalogEntries(new Set(['openai', 'azure'])), providers, {
    priority: ['azure'],
    labs: new Set(['openai']),
  });
  assert.equal(c.resolve('gpt-4o-mini').model.id, 'azure/gpt-4o-mini');
});

test('aliases chain', () => {
  assert.equal(catalog.resolve('fast').model.id, 'openai/gpt-4o-mini');
});

test('unknown models are a 404 that says what to do', () => {
  assert.throws(
    () => catalog.resolve('no-such-model'),
    (e: GatewayError) =>
      e.status === 404 && e.code === 'model_not_found' && /GET \/v1\/models/.test(e.message),
  );
  assert.throws(() => catalog.resolve('openai/gpt-nonexistent'), /not in the catalog of provider openai/);
  assert.throws(
    () => catalog.resolve('anthropic/claude-haiku-4-5'),
    /provider anthropic, which is not enabled.*ANTHROPIC_API_KEY/,
  );
  // cloud providers are switched on by their credentials, not an API key variable
  assert.throws(
    () => catalog.resolve('amazon-bedrock/anthropic.claude-3-haiku-20240307-v1:0'),
    /not enabled.*AWS_REGION.*AWS_ACCESS_KEY_ID/,
  );
  assert.throws(
    () => catalog.resolve('google-vertex/gemini-2.5-flash'),
    /not enabled.*GOOGLE_APPLICATION_CREDENTIALS/,
  );
});

test('custom providers accept unlisted models', () => {
  const r = catalog.resolve('vllm/meta-llama/Llama-3.1-8B');
  assert.equal(r.model.model, 'meta-llama/Llama-3.1-8B');
  assert.equal(r.model.unlisted, true);
});

test('a model id that contains a slash resolves through its provider', () => {
  const r = catalog.resolve('openrouter/openai/gpt-4o-mini');
  assert.equal(r.provider.id, 'openrouter');
  assert.equal(r.model.model, 'openai/gpt-4o-mini');
});
