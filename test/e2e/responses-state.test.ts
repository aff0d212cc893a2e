// Stored responses and previous_response_id through the openai SDK: kept only where data
// retention allows (an org's retention_days, a key's own, the config's for config keys), readable
// and deletable by the same org only, expiring; otherwise a clear 400 asking for the full input.
// A continued conversation reaches a provider of another protocol as the whole history, and the
// provider that made the previous answer as its own previous_response_id. Each call is metered.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type Harness, MASTER_KEY, startHarness } from './harness.js';

let h: Harness;
let kept: OpenAI; // a key of an org with retention_days
let keyLevel: OpenAI; // an org without retention, a key that opts in
let plain: OpenAI; // an org without retention
let keptKeyId: string;

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

async function orgKey(
  name: string,
  orgSettings: Record<string, unknown>,
  keySettings: Record<string, unknown> = {},
) {
  const org = await admin<{ id: string }>('POST', '/orgs', { name, ...orgSettings });
  const project = await admin<{ id: string }>('POST', `/orgs/${org.id}/projects`, { name: 'app' });
  await admin('POST', `/orgs/${org.id}/credits/topups`, { usd: '5' });
  const k = await admin<{ id: string; key: string }>('POST', `/orgs/${org.id}/keys`, {
    name: 'k',
    project_id: project.id,
    ...keySettings,
  });
  return { id: k.id, client: new OpenAI({ baseURL: `${h.url}/v1`, apiKey: k.key, maxRetries: 0 }) };
}

before(async () => {
  h = await startHarness();
  const a = await orgKey('Keeps', { retention_days: 7 });
  kept = a.client;
  keptKeyId = a.id;
  keyLevel = (await orgKey('KeyOptIn', {}, { retention_days: 1 })).client;
  plain = (await orgKey('Zero', {})).client;
});
after(async () => {
  await h?.close();
});

/** `store` is in every response object, though the SDK's Response type leaves it out */
const storeOf = (r: object) => (r as { store?: boolean }).store;

const notFound = (e: unknown) => {
  assert.ok(e instanceof OpenAI.NotFoundError, String(e));
  assert.equal((e.error as { type?: string }).type, 'invalid_request_error');
  return true;
};

describe('retention off (the default)', () => {
  test('previous_response_id: 400 asking for the full input; the response says store: false', async () => {
    for (const client of [plain, h.openai()]) {
      const r = await client.responses.create({ model: 'anthropic/claude-haiku-4-5', input: 'hello' });
      assert.equal(storeOf(r), false);
      await assert.rejects(
        client.responses.create({
          model: 'anthropic/claude-haiku-4-5',
          input: 'again',
          previous_response_id: r.id,
        }),
        (e: unknown) => {
          assert.ok(e instanceof OpenAI.BadRequestError);
          assert.equal(e.param, 'previous_response_id');
          assert.match(e.message, /keeps no conversation state/);
          assert.match(e.message, /whole conversation in 'input'/);
          return true;
        },
      );
      await assert.rejects(
        client.responses.retrieve(r.id),
        (e: unknown) => notFound(e) && /data retention is off/.test(String(e)),
      );
    }
  });
});

describe('retention on', () => {
  test('org retention: create, retrieve the same object, list its input items, delete', async () => {
    const r = await kept.responses.create({
      model: 'anthropic/claude-haiku-4-5',
      instructions: 'Be brief.',
      input: 'Remember the lighthouse',
    });
    assert.equal(storeOf(r), true);
    const again = await kept.responses.retrieve(r.id);
    assert.deepEqual({ ...again, output_text: undefined }, { ...r, output_text: undefined });
    const items = await kept.responses.inputItems.list(r.id, { order: 'asc' });
    assert.equal(items.data.length, 1);
    assert.equal(items.data[0]!.type, 'message');
    // typed void by the SDK; the body is OpenAI's deletion object
    const del = (await kept.responses.delete(r.id)) as unknown;
    assert.deepEqual(del, { id: r.id, object: 'response', deleted: true });
    await assert.rejects(kept.responses.retrieve(r.id), notFound);
  });

  test('a key-level opt-in keeps answers in an org without retention', async () => {
    const r = await keyLevel.responses.create({ model: 'sim/fast', input: 'key level' });
    assert.equal(storeOf(r), true);
    assert.equal((await keyLevel.responses.retrieve(r.id)).id, r.id);
  });

  test('another org cannot read or continue it (404 / 400 not found)', async () => {
    const r = await kept.responses.create({ model: 'sim/fast', input: 'private' });
    await assert.rejects(keyLevel.responses.retrieve(r.id), notFound);
    await assert.rejects(
      keyLevel.responses.create({ model: 'sim/fast', input: 'x', previous_response_id: r.id }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.code === 'previous_response_not_found',
    );
  });

  test('store: false is never kept', async () => {
    const r = await kept.responses.create({ model: 'sim/fast', input: 'forget me', store: false });
    assert.equal(storeOf(r), false);
    await assert.rejects(kept.responses.retrieve(r.id), notFound);
  });

  test('continued on a model of another protocol: the provider gets the whole history', async () => {
    const first = await kept.responses.create({
      model: 'anthropic/claude-haiku-4-5',
      input: 'My name is Ada',
    });
    const second = await kept.responses.create({
      model: 'anthropic/claude-haiku-4-5',
      input: 'What is my name?',
      previous_response_id: first.id,
    });
    assert.equal(second.previous_response_id, first.id);
    const sent = h.anthropicUp.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
    const text = JSON.stringify(sent.messages);
    assert.equal(sent.messages.length, 3, text);
    assert.match(text, /My name is Ada/);
    assert.match(text, new RegExp(first.output_text.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(text, /What is my name\?/);
    // and a third turn, streamed, on a Gemini model: the history of both earlier turns
    const s = kept.responses.stream({
      model: 'google/gemini-2.5-flash',
      input: 'And again?',
      previous_response_id: second.id,
    });
    const third = await s.finalResponse();
    assert.equal(third.status, 'completed');
    const contents = (h.geminiUp.requests.at(-1)!.body as { contents: unknown[] }).contents;
    assert.equal(contents.length, 5, JSON.stringify(contents));
    assert.equal((await kept.responses.retrieve(third.id)).id, third.id);
  });

  test('a function-tool round trip with previous_response_id (the way Codex-style clients continue)', async () => {
    const tool = {
      type: 'function' as const,
      name: 'lookup',
      parameters: {
        type: 'object',
        properties: { q: { type: 'string' } },
        required: ['q'],
        additionalProperties: false,
      },
      strict: true,
    };
    const first = await kept.responses.create({
      model: 'anthropic/claude-haiku-4-5',
      input: 'look it up',
      tools: [tool],
    });
    const call = first.output.find((o) => o.type === 'function_call');
    assert.ok(call && call.type === 'function_call');
    const second = await kept.responses.create({
      model: 'anthropic/claude-haiku-4-5',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'found 42' }],
      tools: [tool],
    });
    assert.match(second.output_text, /found 42/);
  });

  test('to the Responses provider that made the previous answer, previous_response_id is passed on', async () => {
    const first = await kept.responses.create({ model: 'openai/gpt-4o-mini', input: 'Remember 7' });
    const second = await kept.responses.create({
      model: 'openai/gpt-4o-mini',
      input: 'Which number?',
      previous_response_id: first.id,
    });
    assert.equal(second.status, 'completed');
    const sent = h.openaiUp.requests.at(-1)!.body as Record<string, unknown>;
    assert.equal(sent.previous_response_id, first.id);
    assert.equal(sent.input, 'Which number?');
    // to another provider the same history is expanded instead
    await kept.responses.create({
      model: 'anthropic/claude-haiku-4-5',
      input: 'Which number, Claude?',
      previous_response_id: second.id,
    });
    const msgs = JSON.stringify((h.anthropicUp.requests.at(-1)!.body as { messages: unknown }).messages);
    assert.match(msgs, /Remember 7/);
    assert.match(msgs, /Which number\?/);
  });

  test('an expired answer cannot be read, and the sweep removes it', async () => {
    const r = await kept.responses.create({ model: 'sim/fast', input: 'short lived' });
    const db = h.gw.governance.store.db;
    await db
      .updateTable('responses')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', r.id)
      .execute();
    await assert.rejects(kept.responses.retrieve(r.id), notFound);
    assert.ok((await h.gw.services.responses!.sweep()) >= 1);
    const left = await db.selectFrom('responses').select('id').where('id', '=', r.id).execute();
    assert.equal(left.length, 0);
  });

  test('each call is metered with the usage the client saw', async () => {
    const r = await kept.responses.create({ model: 'anthropic/claude-haiku-4-5', input: 'meter me please' });
    await h.gw.governance.usage.flush();
    const rows = await h.gw.governance.store.db
      .selectFrom('usage_events')
      .selectAll()
      .where('key_id', '=', keptKeyId)
      .orderBy('ts', 'desc')
      .execute();
    const row = rows.find(
      (x) => x.input_tokens === r.usage!.input_tokens && x.output_tokens === r.usage!.output_tokens,
    );
    assert.ok(row, `a usage row with ${JSON.stringify(r.usage)}: ${JSON.stringify(rows.slice(0, 2))}`);
    assert.equal(row.endpoint, 'responses');
  });

  test('a streamed passthrough is metered from its response.completed usage', async () => {
    const s = kept.responses.stream({ model: 'openai/gpt-4o-mini', input: 'meter this stream, passthrough' });
    const r = await s.finalResponse();
    await h.gw.governance.usage.flush();
    const rows = await h.gw.governance.store.db
      .selectFrom('usage_events')
      .selectAll()
      .where('key_id', '=', keptKeyId)
      .where('model', '=', 'openai/gpt-4o-mini')
      .execute();
    const row = rows.find(
      (x) => x.input_tokens === r.usage!.input_tokens && x.output_tokens === r.usage!.output_tokens,
    );
    assert.ok(row, `a usage row with ${JSON.stringify(r.usage)}: ${JSON.stringify(rows.at(-1))}`);
    assert.equal(row.estimated, 0);
  });
});

describe('config keys: responses.retention_days', () => {
  test('the config setting keeps the master key’s answers', async () => {
    const h2 = await startHarness({ config: { responses: { retention_days: 1 } } });
    try {
      const client = h2.openai();
      const first = await client.responses.create({ model: 'sim/fast', input: 'config retention' });
      assert.equal(storeOf(first), true);
      const second = await client.responses.create({
        model: 'sim/fast',
        input: 'next',
        previous_response_id: first.id,
      });
      assert.equal(second.previous_response_id, first.id);
      assert.equal((await client.responses.retrieve(first.id)).id, first.id);
      // another config key cannot read the master key's answers
      await assert.rejects(
        h2.openai('sk-test-limited-key-0123456789').responses.retrieve(first.id),
        notFound,
      );
    } finally {
      await h2.close();
    }
  });
});
