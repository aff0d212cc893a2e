// The gateway configured by environment variables alone (no config file): each provider's
// <NAME>_API_KEY switches it on and <NAME>_BASE_URL moves it, in each SDK's own base-URL style.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createGateway, type Gateway } from '../../src/app.js';
import { type FakeUpstream, startFakeAnthropic, startFakeGemini, startFakeOpenAI } from '../fakes/index.js';

const KEY = 'sk-env-master-key-0123456789';
const USER = [{ role: 'user' as const, content: 'Hello from the environment' }];

let gw: Gateway;
let url: string;
let fakes: { openai: FakeUpstream; anthropic: FakeUpstream; gemini: FakeUpstream };
let dataDir: string;
let openai: OpenAI;
let anthropic: Anthropic;

before(async () => {
  const [o, a, g] = await Promise.all([startFakeOpenAI(), startFakeAnthropic(), startFakeGemini()]);
  fakes = { openai: o, anthropic: a, gemini: g };
  dataDir = mkdtempSync(join(tmpdir(), 'switchyard-env-test-'));
  gw = await createGateway({
    env: {
      OPENAI_API_KEY: o.apiKey,
      OPENAI_BASE_URL: o.baseUrl, // the OpenAI SDK's style: with /v1
      ANTHROPIC_API_KEY: a.apiKey,
      ANTHROPIC_BASE_URL: a.url, // the Anthropic SDK's style: without /v1
      GEMINI_API_KEY: g.apiKey,
      GEMINI_BASE_URL: g.url, // Google's style: without /v1beta
      SWITCHYARD_MASTER_KEY: KEY,
      SWITCHYARD_PORT: '0',
      SWITCHYARD_DATA_DIR: dataDir,
      SWITCHYARD_LOG_LEVEL: 'silent',
    },
    config: {},
  });
  url = await gw.listen();
  openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: KEY, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: url, apiKey: KEY, maxRetries: 0 });
});
after(async () => {
  await gw?.close();
  await Promise.all(Object.values(fakes ?? {}).map((f) => f.close()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('configured only by environment variables', () => {
  test('the listed providers are on, listening where SWITCHYARD_PORT asked', () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(url).port, '4000');
    const ids = gw.providers.map((p) => p.id);
    for (const id of ['openai', 'anthropic', 'google', 'sim']) assert.ok(ids.includes(id), ids.join(', '));
    assert.equal(gw.masterKeyCreated, undefined, 'the master key came from SWITCHYARD_MASTER_KEY');
  });

  const routes = [
    { model: 'openai/gpt-4o-mini', fake: 'openai', path: '/v1/chat/completions', key: 'authorization' },
    { model: 'anthropic/claude-haiku-4-5', fake: 'anthropic', path: '/v1/messages', key: 'x-api-key' },
    {
      model: 'google/gemini-2.5-flash',
      fake: 'gemini',
      path: '/v1beta/models/gemini-2.5-flash:generateContent',
      key: 'x-goog-api-key',
    },
  ] as const;

  for (const r of routes) {
    test(`${r.model} reaches its fake at ${r.path} (OpenAI and Anthropic SDKs)`, async () => {
      const fake = fakes[r.fake];
      const before = fake.requests.length;
      const o = await openai.chat.completions.create({ model: r.model, messages: USER }).withResponse();
      assert.match(o.data.choices[0]!.message.content ?? '', /Hello from the environment/);
      assert.equal(o.response.headers.get('x-switchyard-provider'), r.model.split('/')[0]);
      const a = await anthropic.messages.create({ model: r.model, max_tokens: 100, messages: USER });
      assert.match(a.content[0]?.type === 'text' ? a.content[0].text : '', /Hello from the environment/);
      const seen = fake.requests.slice(before);
      assert.equal(seen.length, 2);
      for (const s of seen) {
        assert.equal(s.path, r.path);
        assert.match(String(s.headers[r.key]), new RegExp(fake.apiKey));
      }
    });
  }

  test('embeddings reach the OpenAI fake', async () => {
    const e = await openai.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'hi' });
    assert.equal(e.data[0]!.embedding.length, 1536);
    assert.equal(fakes.openai.requests.at(-1)!.path, '/v1/embeddings');
  });

  test('bare model names resolve to their own lab’s provider', async () => {
    for (const [model, provider, fake] of [
      ['gpt-4o-mini', 'openai', 'openai'],
      ['claude-haiku-4-5', 'anthropic', 'anthropic'],
      ['gemini-2.5-flash', 'google', 'gemini'],
    ] as const) {
      const before = fakes[fake].requests.length;
      const r = await openai.chat.completions.create({ model, messages: USER }).withResponse();
      assert.equal(r.response.headers.get('x-switchyard-provider'), provider, model);
      assert.equal(r.response.headers.get('x-switchyard-model'), `${provider}/${model}`);
      assert.equal(fakes[fake].requests.length, before + 1, `${model} did not reach ${fake}`);
    }
  });

  test('the master key from SWITCHYARD_MASTER_KEY is the only key', async () => {
    const wrong = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-not-the-key-000', maxRetries: 0 });
    await assert.rejects(
      wrong.chat.completions.create({ model: 'gpt-4o-mini', messages: USER }),
      (e: unknown) => e instanceof OpenAI.AuthenticationError,
    );
  });
});
