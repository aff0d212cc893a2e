import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadProviderPresets } from '../catalog/index.js';
import { resolveConfig } from '../config/index.js';
import { baseUrlEnvNames, buildProviders, keyEnvNames } from './build-providers.js';

const presets = loadProviderPresets();
const build = (file: unknown, env: Record<string, string>) =>
  buildProviders(resolveConfig(file, env), presets, env);

test('a preset is switched on by its key and moved by its *_BASE_URL', () => {
  const { providers } = build(
    {},
    {
      OPENAI_API_KEY: 'sk-o',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1/',
      ANTHROPIC_API_KEY: 'sk-a',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:8',
      GEMINI_API_KEY: 'g',
      GEMINI_BASE_URL: 'http://127.0.0.1:7',
      DEEPSEEK_API_KEY: 'd',
    },
  );
  const byId = Object.fromEntries(providers.map((p) => [p.id, p]));
  assert.deepEqual(Object.keys(byId).sort(), ['anthropic', 'deepseek', 'google', 'openai']);
  assert.equal(byId.openai!.baseUrl, 'http://127.0.0.1:9/v1');
  assert.equal(byId.openai!.authHeaders.authorization, 'Bearer sk-o');
  // the Anthropic and Google SDKs' base URLs omit the version; the gateway adds it
  assert.equal(byId.anthropic!.baseUrl, 'http://127.0.0.1:8/v1');
  assert.equal(byId.anthropic!.authHeaders['x-api-key'], 'sk-a');
  assert.equal(byId.anthropic!.extraHeaders['anthropic-version'], '2023-06-01');
  assert.equal(byId.google!.baseUrl, 'http://127.0.0.1:7/v1beta');
  assert.equal(byId.google!.authHeaders['x-goog-api-key'], 'g');
  assert.equal(byId.deepseek!.baseUrl, 'https://api.deepseek.com');
});

test('every preset has a derived <ID>_API_KEY and <ID>_BASE_URL', () => {
  const fw = presets.find((p) => p.id === 'fireworks-ai')!;
  assert.ok(keyEnvNames(fw).includes('FIREWORKS_API_KEY'));
  assert.ok(keyEnvNames(fw).includes('FIREWORKS_AI_API_KEY'));
  assert.ok(baseUrlEnvNames(fw).includes('FIREWORKS_BASE_URL'));
  const { providers } = build({}, { TOGETHERAI_API_KEY: 'x', MOONSHOT_API_KEY: 'y' });
  assert.deepEqual(providers.map((p) => p.id).sort(), ['moonshotai', 'moonshotai-cn', 'togetherai']);
});

test('custom OpenAI-compatible providers and Azure come from the file', () => {
  const { providers } = build(
    {
      providers: {
        'my-vllm': { protocol: 'openai', base_url: 'http://127.0.0.1:8000/v1', models: ['llama'] },
        azure: { api_key: 'az', base_url: 'https://res.openai.azure.com/openai', api_version: '2024-10-21' },
      },
    },
    {},
  );
  const vllm = providers.find((p) => p.id === 'my-vllm')!;
  assert.equal(vllm.allowUnlisted, true);
  assert.deepEqual(vllm.authHeaders, {});
  const azure = providers.find((p) => p.id === 'azure')!;
  assert.equal(azure.protocol, 'azure-openai');
  assert.equal(azure.authHeaders['api-key'], 'az');
});

test('a custom provider without a protocol, or a base URL placeholder without its variable, is a config error', () => {
  assert.throws(
    () => build({ providers: { mine: { base_url: 'http://127.0.0.1:1' } } }, {}),
    /providers\.mine: a custom provider needs a protocol/,
  );
  assert.throws(
    () => build({}, { AZURE_API_KEY: 'k' }),
    /needs the environment variable AZURE_RESOURCE_NAME/,
  );
});

test('presets whose protocol is not supported yet stay off with a note', () => {
  const r = build({}, { DEEPGRAM_API_KEY: 'd' });
  assert.equal(r.providers.length, 0);
  assert.match(r.notes[0]!, /deepgram speaks the native protocol/);
});

test('Cohere, Jina and Voyage on their own APIs are switched on for rerank only', () => {
  const r = build({}, { COHERE_API_KEY: 'c', JINA_API_KEY: 'j', VOYAGE_API_KEY: 'v' });
  assert.deepEqual(r.providers.map((p) => [p.id, p.protocol, p.rerankOnly]).sort(), [
    ['cohere', 'cohere', true],
    ['jina', 'native', true],
    ['voyage', 'native', true],
  ]);
  assert.equal(r.providers.find((p) => p.id === 'cohere')!.baseUrl, 'https://api.cohere.com/v2');
});
