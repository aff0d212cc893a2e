// Every bundled provider preset that speaks a supported protocol (OpenAI-compatible, Anthropic,
// Gemini, Azure OpenAI) is reachable by setting its key: with the key variable set and its
// base URL variable pointed at a recording proxy on 127.0.0.1, one of its catalog models is
// called through the OpenAI SDK, and the proxy checks the path under the preset's own base path
// and the auth header in the preset's style, before handing the call to the fake of its protocol.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { loadProviderPresets, type ProviderPreset } from '../../src/catalog/index.js';
import { resolveConfig } from '../../src/config/index.js';
import { buildProviders, chatUrl, keyEnvNames } from '../../src/providers/index.js';
import {
  type FakeOpenAI,
  type FakeUpstream,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '../fakes/index.js';
import { type Harness, startHarness } from './harness.js';

const PROTOCOLS = new Set(['openai', 'anthropic', 'gemini', 'azure-openai']);
const presets = loadProviderPresets().filter((p) => PROTOCOLS.has(p.protocol));
const catalog = (
  JSON.parse(readFileSync(new URL('../../data/catalog.json', import.meta.url), 'utf8')) as {
    models: Array<{ id: string; provider: string; model: string; mode: string; protocol: string }>;
  }
).models;

/** the first chat model of the preset's own protocol in the catalog */
const modelOf = (p: ProviderPreset) =>
  catalog.find((m) => m.provider === p.id && m.mode === 'chat' && m.protocol === p.protocol);

const envStem = (id: string) => id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
const keyValue = (name: string) => `sk-test-${name.toLowerCase()}`;

/** the preset's base path, as its provider documents it (a URL naming the endpoint is cut back) */
function basePath(p: ProviderPreset): string {
  if (!p.base_url) return '/v1';
  const path = new URL(p.base_url.replace(/\$\{[A-Z0-9_]+\}/g, 'acme')).pathname.replace(/\/+$/, '');
  return path.replace(/\/chat\/completions$/, '');
}

function expectedPath(p: ProviderPreset, model: string): string {
  switch (p.protocol) {
    case 'anthropic':
      return `${basePath(p)}/messages`;
    case 'gemini':
      return `${basePath(p)}/models/${encodeURIComponent(model)}:generateContent`;
    case 'azure-openai':
      return `${basePath(p)}/v1/chat/completions`;
    default:
      return `${basePath(p)}/chat/completions`;
  }
}

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

let openaiUp: FakeOpenAI;
let azureUp: FakeOpenAI;
let anthropicUp: FakeUpstream;
let geminiUp: FakeUpstream;
let proxy: Server;
let proxyUrl: string;
const seen = new Map<string, Seen[]>();
let h: Harness;
const env: Record<string, string> = {};

/** hands a call to the fake of the preset's protocol, with the fake's own path and key */
function forwardTarget(p: ProviderPreset, path: string): { url: string; headers: Record<string, string> } {
  switch (p.protocol) {
    case 'anthropic':
      return {
        url: `${anthropicUp.url}/v1/messages`,
        headers: { 'x-api-key': anthropicUp.apiKey, 'anthropic-version': '2023-06-01' },
      };
    case 'gemini':
      return {
        url: `${geminiUp.url}/v1beta${path.slice(path.lastIndexOf('/models/'))}`,
        headers: { 'x-goog-api-key': geminiUp.apiKey },
      };
    case 'azure-openai':
      return { url: `${azureUp.url}/openai/v1/chat/completions`, headers: { 'api-key': azureUp.apiKey } };
    default:
      return {
        url: `${openaiUp.url}/v1/chat/completions`,
        headers: { authorization: `Bearer ${openaiUp.apiKey}` },
      };
  }
}

before(async () => {
  [openaiUp, azureUp, anthropicUp, geminiUp] = await Promise.all([
    startFakeOpenAI(),
    startFakeOpenAI({ azure: true }),
    startFakeAnthropic(),
    startFakeGemini(),
  ]);
  const byId = new Map(presets.map((p) => [p.id, p]));
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const [, id = '', ...rest] = (req.url ?? '/').split('?')[0]!.split('/');
    const path = `/${rest.join('/')}`;
    const list = seen.get(id) ?? [];
    list.push({ path, headers: req.headers });
    seen.set(id, list);
    const preset = byId.get(id);
    if (!preset) {
      res.writeHead(404).end();
      return;
    }
    const target = forwardTarget(preset, path);
    const r = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.headers },
      body: Buffer.concat(chunks),
    });
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  for (const p of presets) {
    env[keyEnvNames(p)[0]!] = keyValue(keyEnvNames(p)[0]!);
    env[`${envStem(p.id)}_BASE_URL`] = `${proxyUrl}/${p.id}${basePath(p)}`;
  }
  h = await startHarness({
    env,
    // the harness's own settings for these three presets would override the environment
    config: { providers: { openai: {}, anthropic: {}, google: {} } },
  });
});
after(async () => {
  await h?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await Promise.all([openaiUp?.close(), azureUp?.close(), anthropicUp?.close(), geminiUp?.close()]);
});

describe('every preset of a supported protocol', () => {
  test('all of them are switched on by their key and have a catalog model to call', () => {
    assert.ok(presets.length >= 80, `only ${presets.length} presets`);
    const on = new Set(h.gw.providers.map((p) => p.id));
    assert.deepEqual(
      presets.filter((p) => !on.has(p.id)).map((p) => p.id),
      [],
      'presets not switched on by their key',
    );
    const missing = presets.filter((p) => !modelOf(p)).map((p) => p.id);
    assert.deepEqual(missing, [], 'presets without a chat model of their protocol in the catalog');
  });

  for (const p of presets) {
    test(`${p.id} (${p.protocol})`, async () => {
      const m = modelOf(p)!;
      const r = await h.openai().chat.completions.create({
        model: m.id,
        messages: [{ role: 'user', content: `Hello ${p.id}` }],
        max_tokens: 50,
      });
      assert.equal(r.choices[0]!.message.content, `Echo: Hello ${p.id}`);
      const got = seen.get(p.id)?.at(-1);
      assert.ok(got, `nothing reached ${p.id}'s base URL`);
      assert.equal(got.path, expectedPath(p, m.model));
      const keyName = keyEnvNames(p)[0]!;
      const header = p.auth.header.toLowerCase();
      assert.equal(
        got.headers[header],
        p.auth.value.replace('$KEY', keyValue(keyName)),
        `${header} of ${p.id}`,
      );
      for (const [k, v] of Object.entries(p.auth.extra_headers ?? {}))
        assert.equal(got.headers[k.toLowerCase()], v);
    });
  }
});

describe('base URLs with placeholders and presets of other protocols', () => {
  const build = (e: Record<string, string>) => buildProviders(resolveConfig({}, e), loadProviderPresets(), e);

  test('placeholders are filled from their variables when the base URL is not moved', () => {
    const withPlaceholders = presets.filter((p) => p.base_url?.includes('${'));
    assert.ok(withPlaceholders.length >= 4);
    for (const p of withPlaceholders) {
      const e: Record<string, string> = { [keyEnvNames(p)[0]!]: 'k' };
      for (const [, name] of p.base_url!.matchAll(/\$\{([A-Z0-9_]+)\}/g)) e[name!] = 'acme';
      const built = build(e).providers.find((x) => x.id === p.id)!;
      assert.equal(built.baseUrl, p.base_url!.replace(/\$\{[A-Z0-9_]+\}/g, 'acme').replace(/\/+$/, ''));
    }
    assert.throws(
      () => build({ CLOUDFLARE_API_KEY: 'k' }),
      /needs the environment variable CLOUDFLARE_ACCOUNT_ID/,
    );
  });

  test("without a moved base URL, every preset's chat URL is its documented endpoint", () => {
    for (const p of presets) {
      if (!p.base_url) continue;
      const e: Record<string, string> = { [keyEnvNames(p)[0]!]: 'k' };
      for (const [, name] of p.base_url.matchAll(/\$\{([A-Z0-9_]+)\}/g)) e[name!] = 'acme';
      const built = build(e).providers.find((x) => x.id === p.id)!;
      const m = modelOf(p)!;
      const origin = new URL(p.base_url.replace(/\$\{[A-Z0-9_]+\}/g, 'acme')).origin;
      assert.equal(chatUrl(built, m.model, false), `${origin}${expectedPath(p, m.model)}`, p.id);
    }
  });

  test('a preset without a known base URL says which variable to set', () => {
    assert.throws(() => build({ META_API_KEY: 'k' }), /meta has no known base URL: set META_BASE_URL/);
  });

  test('presets that share a key are moved one by one by their own *_BASE_URL', () => {
    const built = build({
      PERPLEXITY_API_KEY: 'k',
      PERPLEXITY_BASE_URL: 'http://127.0.0.1:1/a',
      PERPLEXITY_AGENT_BASE_URL: 'http://127.0.0.1:1/b',
    }).providers;
    assert.equal(built.find((x) => x.id === 'perplexity')!.baseUrl, 'http://127.0.0.1:1/a');
    assert.equal(built.find((x) => x.id === 'perplexity-agent')!.baseUrl, 'http://127.0.0.1:1/b');
  });

  test('presets of protocols still unsupported stay off for chat, with a start-up note', () => {
    const others = loadProviderPresets().filter(
      (p) => !PROTOCOLS.has(p.protocol) && !['bedrock', 'vertex', 'vertex-anthropic'].includes(p.protocol),
    );
    assert.ok(others.length > 0);
    for (const p of others) {
      const r = build({ [keyEnvNames(p)[0]!]: 'k' });
      const built = r.providers.find((x) => x.id === p.id);
      if (built) assert.equal(built.rerankOnly, true, `${p.id} is on for chat`);
      else
        assert.ok(
          r.notes.some((n) => n.startsWith(`provider ${p.id} speaks the ${p.protocol} protocol`)),
          p.id,
        );
    }
  });
});
