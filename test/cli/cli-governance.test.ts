// The CLI against a gateway on the same data (embedded SQLite, and PostgreSQL + Redis when the
// test services are configured): a key made by `keys create` authenticates at once, credits
// added show in the balance, a revoked key is refused, a BYOK key set through the CLI is the one
// the gateway opens, usage shows the call, and every change is audited as actor `cli`.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createGateway, type Gateway } from '../../src/app.js';
import { eachBackend } from '../support/stores.js';
import { runCli } from './run-cli.js';

const MASTER = 'sk-test-master-key-cli-0123456789';
const GATEWAY_OPENAI_KEY = 'sk-test-gateway-openai-key-0123456789';

async function chat(url: string, key: string): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'sim/fast', messages: [{ role: 'user', content: 'hi' }], max_tokens: 16 }),
  });
}

async function eventually(check: () => Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

for (const backend of eachBackend()) {
  describe(`switchyard CLI (${backend.name})`, { skip: backend.skip }, () => {
    test('keys, credits, revocation, BYOK and usage against a running gateway', async () => {
      const b = await backend.open();
      let gw: Gateway | undefined;
      try {
        // the gateway has an OpenAI key of its own (so orgs may bring theirs); the CLI reads the same setting
        const env = { ...b.env, OPENAI_API_KEY: GATEWAY_OPENAI_KEY };
        const cli = async (args: string[], stdin?: string) => {
          const r = await runCli([...args, '--json'], { env, cwd: b.dataDir, stdin });
          assert.equal(r.code, 0, `switchyard ${args.join(' ')}\n${r.stderr}`);
          return r.json();
        };

        // the quickstart: a key in the default org, made on first use
        const created = await cli(['keys', 'create', '--name', 'demo']);
        assert.match(created.key, /^sk-sy-/);
        assert.equal(created.status, 'active');
        assert.match(created.try_it, /^curl http:\/\/127\.0\.0\.1:4000\/v1\/chat\/completions /);
        assert.ok(created.try_it.includes(created.key));
        const row = await b.store.db
          .selectFrom('api_keys')
          .innerJoin('orgs', 'orgs.id', 'api_keys.org_id')
          .select(['api_keys.id', 'orgs.slug', 'api_keys.key_hash'])
          .where('api_keys.id', '=', created.id)
          .executeTakeFirstOrThrow();
        assert.equal(row.slug, 'default');
        assert.notEqual(row.key_hash, created.key, 'stored as a digest');

        gw = await createGateway({
          env: {},
          store: b.store,
          shared: b.shared,
          config: {
            ...b.config,
            server: { ...b.config.server, host: '127.0.0.1', port: 0, log_level: 'silent' },
            master_key: MASTER,
            providers: { openai: { api_key: GATEWAY_OPENAI_KEY } },
            simulator: { chunk_delay_ms: 0, first_token_delay_ms: 0 },
          },
        });
        const url = await gw.listen();

        const ok = await chat(url, created.key);
        assert.equal(ok.status, 200, await ok.clone().text());
        assert.equal((await chat(url, `${created.key}x`)).status, 401);

        // credits
        const topup = await cli(['credits', 'add', '--org', 'default', '--usd', '10', '--note', 'first']);
        assert.equal(topup.kind, 'topup');
        assert.equal(topup.amount_usd, '10.000000000');
        const balance = await cli(['credits', 'balance', '--org', 'default']);
        const orgBalance = balance.data.find((a: { scope: string }) => a.scope === 'org');
        assert.equal(orgBalance.balance_usd, '10.000000000');

        // revocation: a key revoked before its first use is refused; on shared Redis the gateway
        // also drops the cached key it has already used
        const second = await cli(['keys', 'create', '--name', 'second']);
        const revoked = await cli(['keys', 'revoke', second.id]);
        assert.equal(revoked.status, 'revoked');
        assert.equal((await chat(url, second.key)).status, 401);
        if (b.name === 'postgres+redis') {
          await cli(['keys', 'revoke', created.id]);
          await eventually(async () => (await chat(url, created.key)).status === 401, 'the used key refused');
        }

        // BYOK through the CLI is opened by the gateway (the same encryption key file)
        const providerKey = `sk-proj-${randomBytes(16).toString('hex')}`;
        const set = await cli(
          ['byok', 'set', '--org', 'default', '--provider', 'openai', '--api-key-stdin'],
          `${providerKey}\n`,
        );
        assert.equal(set.hint, providerKey.slice(-4));
        const listed = await cli(['byok', 'list', '--org', 'default']);
        assert.deepEqual(
          listed.data.map((c: { provider: string; hint: string }) => [c.provider, c.hint]),
          [['openai', providerKey.slice(-4)]],
        );
        assert.ok(!JSON.stringify(listed).includes(providerKey));
        assert.equal(await gw.governance.credentials.credentialFor(orgBalance.id, 'openai'), providerKey);
        const refused = await runCli(
          ['byok', 'set', '--org', 'default', '--provider', 'nosuch', '--api-key-stdin'],
          { env, cwd: b.dataDir, stdin: providerKey },
        );
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, /unknown provider "nosuch"/);

        // usage of the call made above
        await gw.governance.usage.flush();
        const usage = await cli(['usage', '--group-by', 'model']);
        assert.ok(usage.totals.requests >= 1, JSON.stringify(usage.totals));
        assert.ok(usage.data.some((r: { model: string }) => r.model === 'sim/fast'));

        // every change above is in the audit log as the CLI's, without a secret
        const audit = await b.store.db
          .selectFrom('audit_log')
          .selectAll()
          .where('actor', '=', 'cli')
          .execute();
        const actions = new Set(audit.map((a) => a.action));
        for (const a of ['orgs.create', 'keys.create', 'credits.topup', 'keys.revoke'])
          assert.ok(actions.has(a), `${a} audited (have ${[...actions].join(', ')})`);
        const text = JSON.stringify(audit);
        assert.ok(!text.includes(created.key) && !text.includes(providerKey), 'no secret in the audit log');
      } finally {
        await gw?.close();
        await b.cleanup();
      }
    });
  });
}
