// Local accounts through HTTP: password login, /auth/me, logout, expiry, and the failed-login
// limit, on the embedded backend and on PostgreSQL + Redis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionIdentify } from '../../src/sign-in/session-identity.js';
import { SessionStore } from '../../src/sign-in/session-store.js';
import { eachBackend } from '../support/stores.js';
import {
  addMembership,
  addOrg,
  addTeam,
  addUser,
  bearer,
  postJson,
  startSignInApp,
} from './sign-in-harness.js';

const PASSWORD = 'correct horse battery staple';

interface ErrorBody {
  error: { message: string; type: string; code: string | null };
}

for (const backend of eachBackend()) {
  test(`local sign-in: login, me, refusals, logout (${backend.name})`, { skip: backend.skip }, async () => {
    const b = await backend.open();
    const app = await startSignInApp({ db: b.store.db, sharedState: b.shared });
    try {
      const db = b.store.db;
      const org = await addOrg(db, 'acme');
      const team = await addTeam(db, org, 'platform');
      const alice = await addUser(db, { email: 'Alice@Example.com', password: PASSWORD });
      await addMembership(db, { userId: alice, orgId: org, role: 'admin' });
      await addMembership(db, { userId: alice, orgId: org, teamId: team, role: 'viewer' });
      await addUser(db, { email: 'disabled@example.com', password: PASSWORD, disabled: true });
      await addUser(db, { email: 'robot@example.com', password: PASSWORD, serviceAccount: true });
      await addUser(db, { email: 'sso-only@example.com' });

      // email is matched case-insensitively
      const ok = await postJson(`${app.url}/admin/v1/auth/login`, {
        email: ' alice@example.COM',
        password: PASSWORD,
      });
      assert.equal(ok.status, 200);
      const signedIn = (await ok.json()) as {
        token: string;
        expires_at: string;
        user: { id: string; email: string };
      };
      assert.match(signedIn.token, /^sy_sess_[A-Za-z0-9]{32}$/);
      assert.equal(signedIn.user.id, alice);
      assert.equal(signedIn.user.email, 'alice@example.com');
      const expiresIn = Date.parse(signedIn.expires_at) - Date.now();
      assert.ok(expiresIn > 3_500_000 && expiresIn <= 3_600_000, `expires in ${expiresIn} ms`);

      // stored as a digest only
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', alice)
        .executeTakeFirstOrThrow();
      assert.notEqual(row.token_hash, signedIn.token);
      assert.match(row.token_hash, /^[0-9a-f]{64}$/);
      assert.equal(row.ip, '127.0.0.1');

      const me = await fetch(`${app.url}/admin/v1/auth/me`, { headers: bearer(signedIn.token) });
      assert.equal(me.status, 200);
      const meBody = (await me.json()) as {
        user: { id: string; superadmin: boolean; sso: boolean; password: boolean };
        orgs: { id: string; slug: string; role: string; source: string }[];
        teams: { id: string; org_id: string; role: string }[];
      };
      assert.equal(meBody.user.id, alice);
      assert.equal(meBody.user.superadmin, false);
      assert.equal(meBody.user.password, true);
      assert.deepEqual(
        meBody.orgs.map((o) => [o.id, o.slug, o.role, o.source]),
        [[org, 'acme', 'admin', 'manual']],
      );
      assert.deepEqual(
        meBody.teams.map((t) => [t.id, t.org_id, t.role]),
        [[team, org, 'viewer']],
      );

      // the admin identity the lead's identify function gets
      const identity = await fetch(`${app.url}/test/identity`, { headers: bearer(signedIn.token) });
      assert.deepEqual(await identity.json(), {
        actor: `user:${alice}`,
        userId: alice,
        superadmin: false,
        orgRoles: { [org]: 'admin' },
        teamRoles: { [team]: { orgId: org, role: 'viewer' } },
      });

      // every refusal is the same 401
      const refusals: [string, string][] = [
        ['alice@example.com', 'wrong password 123'],
        ['nobody@example.com', PASSWORD],
        ['disabled@example.com', PASSWORD],
        ['robot@example.com', PASSWORD],
        ['sso-only@example.com', PASSWORD],
      ];
      const bodies: ErrorBody[] = [];
      for (const [email, password] of refusals) {
        const r = await postJson(`${app.url}/admin/v1/auth/login`, { email, password });
        assert.equal(r.status, 401, email);
        bodies.push((await r.json()) as ErrorBody);
      }
      for (const body of bodies) assert.deepEqual(body, bodies[0]);
      assert.equal(bodies[0]!.error.message, 'Invalid email or password');
      assert.equal(bodies[0]!.error.code, 'invalid_credentials');

      // an unknown email costs an argon2 verification too: its timing does not tell that the account is missing
      const median = async (email: string, password: string) => {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          await (await postJson(`${app.url}/admin/v1/auth/login`, { email, password })).arrayBuffer();
          times.push(performance.now() - t0);
        }
        return times.sort((x, y) => x - y)[1]!;
      };
      const wrongPassword = await median('alice@example.com', 'wrong password 456');
      const unknownEmail = await median('nobody-else@example.com', PASSWORD);
      assert.ok(
        unknownEmail > wrongPassword * 0.3 && unknownEmail < wrongPassword * 3.3,
        `unknown email ${unknownEmail.toFixed(1)} ms vs wrong password ${wrongPassword.toFixed(1)} ms`,
      );

      // a malformed body is a 400, not a 401
      const bad = await postJson(`${app.url}/admin/v1/auth/login`, { email: 'alice@example.com' });
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as ErrorBody).error.type, 'invalid_request_error');

      // no token, a made-up token, an API key: 401
      for (const headers of [{}, bearer(`sy_sess_${'A'.repeat(32)}`), bearer('sk-sy-notasession')]) {
        const r = await fetch(`${app.url}/admin/v1/auth/me`, { headers });
        assert.equal(r.status, 401);
        assert.equal(((await r.json()) as ErrorBody).error.code, 'invalid_session');
      }

      // logout takes effect at once on this instance (the session was just cached by /auth/me)
      const out = await fetch(`${app.url}/admin/v1/auth/logout`, {
        method: 'POST',
        headers: bearer(signedIn.token),
      });
      assert.equal(out.status, 204);
      const after = await fetch(`${app.url}/admin/v1/auth/me`, { headers: bearer(signedIn.token) });
      assert.equal(after.status, 401);
      assert.equal(
        (await fetch(`${app.url}/test/identity`, { headers: bearer(signedIn.token) })).status,
        401,
      );
      const again = await fetch(`${app.url}/admin/v1/auth/logout`, {
        method: 'POST',
        headers: bearer(signedIn.token),
      });
      assert.equal(again.status, 401);
      assert.equal(
        (await db.selectFrom('sessions').select('id').where('user_id', '=', alice).execute()).length,
        0,
      );
    } finally {
      await app.close();
      await b.cleanup();
    }
  });

  test(`local sign-in: sessions expire, disabled users lose theirs (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    let now = Date.now();
    const app = await startSignInApp({
      db: b.store.db,
      sharedState: b.shared,
      ttlMs: 60_000,
      now: () => now,
    });
    try {
      const db = b.store.db;
      const user = await addUser(db, { email: 'eve@example.com', password: PASSWORD });
      const r = await postJson(`${app.url}/admin/v1/auth/login`, {
        email: 'eve@example.com',
        password: PASSWORD,
      });
      const { token } = (await r.json()) as { token: string };
      assert.equal((await fetch(`${app.url}/admin/v1/auth/me`, { headers: bearer(token) })).status, 200);

      now += 59_000;
      assert.equal((await fetch(`${app.url}/admin/v1/auth/me`, { headers: bearer(token) })).status, 200);
      now += 1_000;
      assert.equal((await fetch(`${app.url}/admin/v1/auth/me`, { headers: bearer(token) })).status, 401);
      assert.equal(await app.sessions.purgeExpired(), 1);

      // a disabled user's live session no longer identifies anyone
      const r2 = await postJson(`${app.url}/admin/v1/auth/login`, {
        email: 'eve@example.com',
        password: PASSWORD,
      });
      const { token: token2 } = (await r2.json()) as { token: string };
      assert.equal((await fetch(`${app.url}/test/identity`, { headers: bearer(token2) })).status, 200);
      await db.updateTable('users').set({ disabled: 1 }).where('id', '=', user).execute();
      assert.equal((await fetch(`${app.url}/test/identity`, { headers: bearer(token2) })).status, 401);
      assert.equal((await fetch(`${app.url}/admin/v1/auth/me`, { headers: bearer(token2) })).status, 401);
      assert.equal(await app.sessions.revokeAllForUser(user), 1);
    } finally {
      await app.close();
      await b.cleanup();
    }
  });

  test(`local sign-in: failed logins are limited per email and per address, across instances (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const throttle = { maxFailuresPerEmail: 3, maxFailuresPerIp: 5, windowMs: 60_000 };
    const one = await startSignInApp({ db: b.store.db, sharedState: b.shared, throttle });
    const second = await b.connect();
    const two = await startSignInApp({ db: second.store.db, sharedState: second.shared, throttle });
    try {
      await addUser(b.store.db, { email: 'frank@example.com', password: PASSWORD });
      await addUser(b.store.db, { email: 'grace@example.com', password: PASSWORD });
      const login = (app: { url: string }, email: string, password: string) =>
        postJson(`${app.url}/admin/v1/auth/login`, { email, password });

      // a success does not count as a failure
      assert.equal((await login(one, 'frank@example.com', PASSWORD)).status, 200);
      // three failures for frank, spread over both instances
      assert.equal((await login(one, 'frank@example.com', 'nope nope nope')).status, 401);
      assert.equal((await login(two, 'frank@example.com', 'nope nope nope')).status, 401);
      assert.equal((await login(one, 'Frank@example.com', 'nope nope nope')).status, 401);
      // the fourth attempt is refused before the password is looked at, even the right one
      for (const app of [one, two]) {
        const limited = await login(app, 'frank@example.com', PASSWORD);
        assert.equal(limited.status, 429);
        const retryAfter = Number(limited.headers.get('retry-after'));
        assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
        const body = (await limited.json()) as ErrorBody;
        assert.equal(body.error.code, 'too_many_sign_in_attempts');
      }
      // another email from the same address still works: two more failures reach the address limit (5)
      assert.equal((await login(two, 'grace@example.com', 'nope nope nope')).status, 401);
      assert.equal((await login(one, 'nobody@example.com', 'nope nope nope')).status, 401);
      assert.equal((await login(two, 'grace@example.com', PASSWORD)).status, 429);
    } finally {
      await one.close();
      await two.close();
      await b.cleanup();
    }
  });

  test(`local sign-in: a session made on one instance works on another until revoked (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const one = await startSignInApp({ db: b.store.db, sharedState: b.shared });
    const second = await b.connect();
    const otherSessions = new SessionStore(second.store.db, { ttlMs: 3_600_000, cacheMs: 0 });
    try {
      const user = await addUser(b.store.db, {
        email: 'heidi@example.com',
        password: PASSWORD,
        superadmin: true,
      });
      const r = await postJson(`${one.url}/admin/v1/auth/login`, {
        email: 'heidi@example.com',
        password: PASSWORD,
      });
      const { token } = (await r.json()) as { token: string };
      const identify = sessionIdentify({ db: second.store.db, sessions: otherSessions });
      const id = await identify(token);
      assert.equal(id?.userId, user);
      assert.equal(id?.superadmin, true);
      assert.equal(id?.actor, `user:${user}`);
      await fetch(`${one.url}/admin/v1/auth/logout`, { method: 'POST', headers: bearer(token) });
      assert.equal(await identify(token), null);
    } finally {
      await one.close();
      await b.cleanup();
    }
  });
}
