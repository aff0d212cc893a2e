// Anthropic's 1M-token window through the gateway, as a customer uses it with a virtual key of a
// prepaid org and the Anthropic SDK's `betas: ['context-1m-2025-08-07']`: a 265k-token prompt to
// Claude Sonnet 4.5 reaches Anthropic (the catalog's 200k window is lifted, because the catalog
// prices that model's input above 200k tokens), and the call is charged at those long-context
// prices ($6 in, $22.50 out, $0.60 cache read, $7.50 cache write per million) since its input
// exceeds 200k tokens; a small call with the same beta is charged the base prices; without the
// beta the big prompt is refused before any upstream call and nothing is charged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { type Harness, MASTER_KEY, startHarness } from '../e2e/harness.js';
import { type BackendInstance, eachBackend } from '../support/stores.js';

const BETA = 'context-1m-2025-08-07';
const SONNET = 'claude-sonnet-4-5';
/** about 265k tokens of text (o200k: "word123 " is 2 tokens) */
const LONG_PROMPT = Array.from({ length: 132_000 }, (_, i) => `word${i % 997}`).join(' ');

function anthropicMessage(usage: Record<string, number>) {
  return {
    id: 'msg_long_context',
    type: 'message',
    role: 'assistant',
    model: SONNET,
    content: [{ type: 'text', text: 'Read it all.' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...usage },
  };
}

for (const backend of eachBackend()) {
  describe(`long-context calls and their prices (${backend.name})`, { skip: backend.skip }, () => {
    let b: BackendInstance | undefined;
    let h: Harness;
    before(async () => {
      b = await backend.open();
      h = await startHarness({ config: { ...b.config } });
    });
    after(async () => {
      await h?.close();
      await b?.cleanup();
    });

    async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await fetch(`${h.url}/admin/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      assert.ok(r.status < 300, `${method} ${path} → ${r.status} ${text}`);
      return JSON.parse(text) as T;
    }

    async function newKey(name: string) {
      const org = await admin<{ id: string }>('POST', '/orgs', { name });
      const project = await admin<{ id: string }>('POST', `/orgs/${org.id}/projects`, { name: 'app' });
      await admin('POST', `/orgs/${org.id}/credits/topups`, { usd: '20' });
      const k = await admin<{ id: string; key: string }>('POST', `/orgs/${org.id}/keys`, {
        name: 'k',
        project_id: project.id,
      });
      return {
        orgId: org.id,
        keyId: k.id,
        client: new Anthropic({ baseURL: h.url, apiKey: k.key, maxRetries: 0 }),
      };
    }

    async function charges(orgId: string): Promise<number[]> {
      await h.gw.governance.usage.flush();
      const rows = await h.gw.governance.store.db
        .selectFrom('ledger_entries')
        .select('amount_nanos')
        .where('org_id', '=', orgId)
        .where('kind', '=', 'charge')
        .execute();
      return rows.map((r) => -Number(r.amount_nanos));
    }

    test('a 265k-token prompt with the beta reaches Claude and is billed at the long-context tier', async () => {
      const k = await newKey('Long context');
      h.anthropicUp.script({
        kind: 'respond',
        status: 200,
        body: anthropicMessage({
          input_tokens: 240_000,
          cache_read_input_tokens: 15_000,
          cache_creation_input_tokens: 10_000,
          output_tokens: 2_000,
        }),
      });
      const message = await k.client.beta.messages.create({
        model: SONNET,
        max_tokens: 1_000,
        betas: [BETA],
        messages: [{ role: 'user', content: LONG_PROMPT }],
      });
      assert.equal(message.content[0]?.type === 'text' && message.content[0].text, 'Read it all.');
      const [call] = h.anthropicUp.requests.filter((r) => r.path.endsWith('/messages'));
      assert.ok(String(call?.headers['anthropic-beta']).includes(BETA), 'the beta goes to Anthropic');
      // 265,000 input tokens > 200,000: every token at the tier's prices
      // 240,000 × $6 + 15,000 × $0.60 + 10,000 × $7.50 + 2,000 × $22.50 per million
      assert.deepEqual(await charges(k.orgId), [1_440_000_000 + 9_000_000 + 75_000_000 + 45_000_000]);
    });

    test('a small call with the beta: the base prices', async () => {
      const k = await newKey('Small');
      h.anthropicUp.script({
        kind: 'respond',
        status: 200,
        body: anthropicMessage({ input_tokens: 1_000, output_tokens: 100 }),
      });
      await k.client.beta.messages.create({
        model: SONNET,
        max_tokens: 100,
        betas: [BETA],
        messages: [{ role: 'user', content: 'Hi' }],
      });
      // 1,000 × $3 + 100 × $15 per million
      assert.deepEqual(await charges(k.orgId), [3_000_000 + 1_500_000]);
    });

    test('without the beta the 265k-token prompt is refused before Anthropic, and nothing is charged', async () => {
      const k = await newKey('No beta');
      h.resetUpstreams();
      const err = await k.client.messages
        .create({ model: SONNET, max_tokens: 1_000, messages: [{ role: 'user', content: LONG_PROMPT }] })
        .then(
          () => assert.fail('a prompt beyond the 200k window must be refused'),
          (e: unknown) => e,
        );
      assert.ok(err instanceof Anthropic.BadRequestError, String(err));
      assert.match(err.message, /more than the context window/);
      assert.equal(h.anthropicUp.requests.filter((r) => r.path.endsWith('/messages')).length, 0);
      assert.deepEqual(await charges(k.orgId), []);
    });
  });
}
