// Virtual keys on the data plane, as a customer uses them: a key made through the admin API,
// calls through the official SDKs, and what each call leaves behind — a usage event, a charge
// at catalog prices, nothing at all for bad input — plus the key's scopes and limits and an
// org's own provider key (BYOK).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { type Harness, MASTER_KEY, startHarness } from '../e2e/harness.js';

const USER = [{ role: 'user' as const, content: 'Tell me a story about a lighthouse keeper' }];

let h: Harness;

async function admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${h.url}/admin/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.status < 300, `${method} ${path} → ${r.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

interface Setup {
  orgId: string;
  projectId: string;
}

async function newOrg(name: string, topUpUsd?: string): Promise<Setup> {
  const org = await admin<{ id: string }>('POST', '/orgs', { name });
  const project = await admin<{ id: string }>('POST', `/orgs/${org.id}/projects`, { name: 'app' });
  if (topUpUsd) await admin('POST', `/orgs/${org.id}/credits/topups`, { usd: topUpUsd });
  return { orgId: org.id, projectId: project.id };
}

async function newKey(
  s: Setup,
  settings: Record<string, unknown> = {},
): Promise<{ id: string; key: string }> {
  return admin('POST', `/orgs/${s.orgId}/keys`, { name: 'k', project_id: s.projectId, ...settings });
}

const client = (key: string) => new OpenAI({ baseURL: `${h.url}/v1`, apiKey: key, maxRetries: 0 });

async function usageRows(keyId: string) {
  await h.gw.governance.usage.flush();
  return h.gw.governance.store.db
    .selectFrom('usage_events')
    .selectAll()
    .where('key_id', '=', keyId)
    .execute();
}

async function charges(orgId: string) {
  return h.gw.governance.store.db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('kind', '=', 'charge')
    .execute();
}

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

describe('a virtual key made through the admin API', () => {
  test('works at once; each call is metered and charged at catalog prices; the key reads its own usage', async () => {
    const s = await newOrg('Acme', '5');
    const { id, key } = await newKey(s);
    const r = await client(key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER });
    assert.ok(r.choices[0]!.message.content);
    const rows = await usageRows(id);
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.org_id, s.orgId);
    assert.equal(row.project_id, s.projectId);
    assert.equal(row.model, 'openai/gpt-4o-mini');
    assert.equal(row.input_tokens, r.usage!.prompt_tokens);
    assert.equal(row.output_tokens, r.usage!.completion_tokens);
    // gpt-4o-mini: $0.15 / $0.60 per million tokens → nanos = tokens × 150 / 1000 (+ output × 600 / 1000)
    const expected = Math.round(
      (r.usage!.prompt_tokens * 150_000 + r.usage!.completion_tokens * 600_000) / 1000,
    );
    assert.equal(Number(row.cost_nanos), expected);
    assert.equal(Number(row.charged_nanos), expected);
    const ledger = await charges(s.orgId);
    assert.equal(ledger.length, 1);
    assert.equal(Number(ledger[0]!.amount_nanos), -expected);
    assert.equal(ledger[0]!.request_id, row.id);

    const self = await fetch(`${h.url}/v1/usage`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(self.status, 200);
    const body = (await self.json()) as { key_id: string; credits: { available_nanos: string } | null };
    assert.equal(body.key_id, id);
    assert.equal(BigInt(body.credits!.available_nanos), 5_000_000_000n - BigInt(expected));
  });

  test('bad input leaves nothing behind: no usage event, no charge', async () => {
    const s = await newOrg('Bad input', '5');
    const { id, key } = await newKey(s);
    await assert.rejects(
      client(key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [] as never }),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 400,
    );
    await assert.rejects(
      client(key).chat.completions.create({ model: 'openai/no-such-model', messages: USER }),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 404 || e.status === 400,
    );
    assert.equal((await usageRows(id)).length, 0);
    assert.equal((await charges(s.orgId)).length, 0);
  });

  test('a failed upstream call is recorded but costs nothing', async () => {
    const s = await newOrg('Failing upstream', '5');
    const { id, key } = await newKey(s);
    h.openaiUp.script({ status: 500 });
    await assert.rejects(
      client(key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER }),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 502,
    );
    h.resetUpstreams();
    const rows = await usageRows(id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 502);
    assert.equal(Number(rows[0]!.charged_nanos), 0);
    assert.equal((await charges(s.orgId)).length, 0);
  });

  test('a client that leaves mid-stream pays for what was generated', async () => {
    const s = await newOrg('Leaver', '5');
    const { id, key } = await newKey(s);
    h.openaiUp.script({ kind: 'slow-stream', chunkDelayMs: 50 });
    const stream = await client(key).chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: USER,
      stream: true,
    });
    let chunks = 0;
    for await (const c of stream) {
      if (c.choices[0]?.delta.content) chunks++;
      if (chunks === 3) {
        stream.controller.abort();
        break;
      }
    }
    let rows = await usageRows(id);
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      await sleep(20);
      rows = await usageRows(id);
    }
    h.resetUpstreams();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.client_aborted, 1, JSON.stringify(rows[0]));
    assert.ok(rows[0]!.output_tokens > 0, `the generated part is counted: ${JSON.stringify(rows[0])}`);
    assert.ok(Number(rows[0]!.charged_nanos) > 0, 'and charged');
    assert.equal((await charges(s.orgId)).length, 1);
  });

  test('a prepaid org without credits is refused with 402 before any provider is called', async () => {
    const s = await newOrg('Broke');
    const { id, key } = await newKey(s);
    const before = h.openaiUp.stats.requests;
    await assert.rejects(
      client(key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER }),
      (e: InstanceType<typeof OpenAI.APIError>) =>
        e.status === 402 && (e.error as { code?: string }).code === 'insufficient_quota',
    );
    // an Anthropic client gets it in Anthropic's shape
    const r = await fetch(`${h.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', max_tokens: 50, messages: USER }),
    });
    assert.equal(r.status, 402);
    assert.equal(((await r.json()) as { error: { type: string } }).error.type, 'billing_error');
    assert.equal(h.openaiUp.stats.requests, before);
    // the simulator is free: it needs no credits
    const sim = await client(key).chat.completions.create({ model: 'sim/fast', messages: USER });
    assert.ok(sim.choices[0]!.message.content);
    assert.equal((await usageRows(id)).length, 1);
  });
});

describe('key scopes and limits', () => {
  test('requests per minute: the third call in a minute gets 429 with retry-after', async () => {
    const s = await newOrg('Limited', '5');
    const { key } = await newKey(s, { rpm_limit: 2 });
    const c = client(key);
    await c.chat.completions.create({ model: 'sim/fast', messages: USER });
    await c.chat.completions.create({ model: 'sim/fast', messages: USER });
    const r = await fetch(`${h.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/fast', messages: USER }),
    });
    assert.equal(r.status, 429);
    const retryAfter = Number(r.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60);
    assert.match(((await r.json()) as { error: { message: string } }).error.message, /2 requests per minute/);
  });

  test('model, endpoint and expiry scopes', async () => {
    const s = await newOrg('Scoped', '5');
    const onlySim = await newKey(s, { models: ['sim/*'], endpoints: ['chat.completions'] });
    await assert.rejects(
      client(onlySim.key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER }),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 403,
    );
    await assert.rejects(
      client(onlySim.key).embeddings.create({ model: 'sim/embedding', input: 'x' }),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 403,
    );
    const expiring = await newKey(s, { expires_at: Date.now() + 400 });
    await client(expiring.key).chat.completions.create({ model: 'sim/fast', messages: USER });
    await sleep(450);
    await assert.rejects(
      client(expiring.key).chat.completions.create({ model: 'sim/fast', messages: USER }),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 401,
    );
  });

  test('a revoked key stops working at once', async () => {
    const s = await newOrg('Revoker', '5');
    const { id, key } = await newKey(s);
    await client(key).chat.completions.create({ model: 'sim/fast', messages: USER });
    await admin('DELETE', `/keys/${id}`);
    await assert.rejects(
      client(key).chat.completions.create({ model: 'sim/fast', messages: USER }),
      (e: InstanceType<typeof OpenAI.APIError>) => e.status === 401,
    );
  });
});

describe('BYOK', () => {
  test("an org's own provider key is used for its traffic only, and its calls are metered, not charged", async () => {
    const byok = await newOrg('Own key');
    const other = await newOrg('Platform key', '5');
    await admin('PATCH', `/orgs/${byok.orgId}/terms`, { byok_fee_bps: 0 });
    // the org's key is the one the fake OpenAI accepts; the gateway's own is made wrong below
    await admin('PUT', `/orgs/${byok.orgId}/provider-keys/openai`, { api_key: h.openaiUp.apiKey });
    const own = await newKey(byok);
    const platform = await newKey(other);
    const provider = h.gw.providers.find((p) => p.id === 'openai')!;
    const saved = provider.authHeaders;
    provider.authHeaders = { authorization: 'Bearer sk-wrong-platform-key' };
    try {
      const r = await client(own.key).chat.completions.create({
        model: 'openai/gpt-4o-mini',
        messages: USER,
      });
      assert.ok(r.choices[0]!.message.content);
      await assert.rejects(
        client(platform.key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: USER }),
        (e: InstanceType<typeof OpenAI.APIError>) => e.status !== undefined && e.status >= 400,
      );
    } finally {
      provider.authHeaders = saved;
    }
    const rows = await usageRows(own.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.byok, 1);
    assert.ok(Number(rows[0]!.cost_nanos) > 0);
    assert.equal(Number(rows[0]!.charged_nanos), 0);
  });
});
