// Azure OpenAI (its URL and api-key auth, both the deployments style and the v1 API) and a
// custom OpenAI-compatible provider from the config file, reached through the OpenAI and
// Anthropic SDKs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/index.js';
import { type Harness, startHarness } from './harness.js';

let azure: FakeOpenAI;
let local: FakeOpenAI;
let h: Harness;

before(async () => {
  [azure, local] = await Promise.all([
    startFakeOpenAI({ azure: true }),
    startFakeOpenAI({ apiKey: 'local-key' }),
  ]);
  h = await startHarness({
    config: {
      providers: {
        azure: { api_key: azure.apiKey, base_url: `${azure.url}/openai`, api_version: '2024-10-21' },
        'azure-v1': { protocol: 'azure-openai', api_key: azure.apiKey, base_url: `${azure.url}/openai` },
        'my-vllm': {
          protocol: 'openai',
          api_key: 'local-key',
          base_url: local.baseUrl,
          models: ['meta-llama/Llama-3.1-8B'],
        },
      },
      // a model the configuration names must have a price, or be marked free
      models: [{ id: 'my-vllm/meta-llama/Llama-3.1-8B', free: true }],
    },
  });
});
after(async () => {
  await h?.close();
  await Promise.all([azure?.close(), local?.close()]);
});

describe('Azure OpenAI', () => {
  test('deployments-style URL with api-version and the api-key header', async () => {
    const r = await h.openai().chat.completions.create({
      model: 'azure/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello Azure' }],
    });
    assert.match(r.choices[0]!.message.content ?? '', /Hello Azure/);
    const seen = azure.requests.at(-1)!;
    assert.equal(seen.path, '/openai/deployments/gpt-4o-mini/chat/completions');
    assert.equal(seen.query['api-version'], '2024-10-21');
    assert.equal(seen.headers['api-key'], azure.apiKey);
    assert.equal(seen.headers.authorization, undefined);
  });

  test('the v1 API without api-version, from an Anthropic client, streaming', async () => {
    const msg = await h
      .anthropic()
      .messages.stream({
        model: 'azure-v1/gpt-4o-mini',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'Hi v1' }],
      })
      .finalMessage();
    const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    assert.match(text, /Hi v1/);
    assert.equal(azure.requests.at(-1)!.path, '/openai/v1/chat/completions');
  });
});

describe('a custom OpenAI-compatible provider', () => {
  test('its listed model and an unlisted one are reachable; its key is sent', async () => {
    for (const model of ['my-vllm/meta-llama/Llama-3.1-8B', 'my-vllm/qwen2.5-coder']) {
      const r = await h
        .openai()
        .chat.completions.create({ model, messages: [{ role: 'user', content: 'local?' }] });
      assert.match(r.choices[0]!.message.content ?? '', /local\?/);
      const seen = local.requests.at(-1)!;
      assert.equal((seen.body as { model: string }).model, model.slice('my-vllm/'.length));
      assert.equal(seen.headers.authorization, 'Bearer local-key');
    }
  });

  test('the configured model shows in the models list', async () => {
    const ids: string[] = [];
    for await (const m of h.openai().models.list()) ids.push(m.id);
    assert.ok(ids.includes('my-vllm/meta-llama/Llama-3.1-8B'));
  });
});
