// Starts the gateway in-process on 127.0.0.1 with the three fake providers behind it, and
// hands out official SDK clients pointed at it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createGateway, type Gateway } from '../../src/app.js';
import {
  type FakeOpenAI,
  type FakeUpstream,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '../fakes/index.js';

export const MASTER_KEY = 'sk-test-master-key-0123456789';
export const LIMITED_KEY = 'sk-test-limited-key-0123456789';

export interface Harness {
  gw: Gateway;
  url: string;
  openaiUp: FakeOpenAI;
  anthropicUp: FakeUpstream;
  geminiUp: FakeUpstream;
  openai(key?: string): OpenAI;
  anthropic(key?: string): Anthropic;
  /** raw fetch against the gateway with the master key */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** raw GET against the gateway with the master key */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  resetUpstreams(): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * extra config merged into the harness's own: a section that is an object on both sides
   * (`server`, `providers`, `upstream`, …) is merged key by key, anything else replaces
   */
  config?: Record<string, unknown>;
  env?: Record<string, string>;
  /** receives the gateway's log lines (set server.log_level too) */
  logStream?: { write(line: string): void };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function mergeConfig(base: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? { ...b, ...v } : v;
  }
  return out;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const [openaiUp, anthropicUp, geminiUp] = await Promise.all([
    startFakeOpenAI(),
    startFakeAnthropic(),
    startFakeGemini(),
  ]);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-test-'));
  const gw = await createGateway({
    env: opts.env ?? {},
    logStream: opts.logStream,
    config: mergeConfig(
      {
        server: { host: '127.0.0.1', port: 0, log_level: 'silent', data_dir: dataDir },
        master_key: MASTER_KEY,
        keys: [{ name: 'limited', key: LIMITED_KEY, models: ['sim/*'] }],
        providers: {
          openai: { api_key: openaiUp.apiKey, base_url: openaiUp.baseUrl },
          anthropic: { api_key: anthropicUp.apiKey, base_url: anthropicUp.baseUrl },
          google: { api_key: geminiUp.apiKey, base_url: geminiUp.baseUrl },
        },
        simulator: { chunk_delay_ms: 0, first_token_delay_ms: 0 },
        stream: { keepalive_ms: 0 },
        // one attempt per request unless a test is about retries: most tests check how one
        // upstream answer is carried to the client
        retries: { max_attempts: 1 },
      },
      opts.config,
    ),
  });
  const url = await gw.listen();
  return {
    gw,
    url,
    openaiUp,
    anthropicUp,
    geminiUp,
    openai: (key = MASTER_KEY) => new OpenAI({ baseURL: `${url}/v1`, apiKey: key, maxRetries: 0 }),
    anthropic: (key = MASTER_KEY) => new Anthropic({ baseURL: url, apiKey: key, maxRetries: 0 }),
    post: (path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, headers = {}) =>
      fetch(`${url}${path}`, { headers: { authorization: `Bearer ${MASTER_KEY}`, ...headers } }),
    resetUpstreams() {
      gw.services.deployments.resetHealth();
      openaiUp.reset();
      anthropicUp.reset();
      geminiUp.reset();
    },
    async close() {
      await gw.close();
      await Promise.all([openaiUp.close(), anthropicUp.close(), geminiUp.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** the upstream models the matrix tests use, one per upstream protocol plus the simulator */
export const UPSTREAM_MODELS = {
  openai: 'openai/gpt-4o-mini',
  anthropic: 'anthropic/claude-haiku-4-5',
  gemini: 'google/gemini-2.5-flash',
  sim: 'sim/fast',
} as const;
export type UpstreamName = keyof typeof UPSTREAM_MODELS;

/** a port on 127.0.0.1 that nothing listens on */
export async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}
