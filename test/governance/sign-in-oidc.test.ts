// OIDC single sign-on against a real OpenID Provider (oidc-provider) on 127.0.0.1: the code
// flow with PKCE through the gateway's routes, users and memberships from groups, superadmin
// groups, refusals, replayed and unknown states, a tampered code, return_to with the session
// cookie, and a flow started on one instance and finished on another; on both backends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { ConfigError } from '../../src/config/load-config.js';
import { OidcSignIn, oidcSettingsFromConfig } from '../../src/sign-in/oidc-sign-in.js';
import type { Database } from '../../src/store/tables.js';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { type BackendInstance, eachBackend } from '../support/stores.js';
import {
  addMembership,
  addOrg,
  addTeam,
  addUser,
  bearer,
  freePort,
  type SignInApp,
  startSignInApp,
} from './sign-in-harness.js';

interface ErrorBody {
  error: { message: string; type: string; code: string | null };
}
interface Me {
  user: { id: string; email: string; name: string; superadmin: boolean; sso: boolean; password: boolean };
  orgs: { id: string; slug: string; role: string; source: string }[];
  teams: { id: string; org_id: string; role: string; source: string }[];
}

interface World {
  b: BackendInstance;
  idp: TestOidcProvider;
  app: SignInApp;
  oidc: OidcSignIn;
  acme: string;
  beta: string;
  platform: string;
  close(): Promise<void>;
}

const CALLBACK_PATH = '/admin/v1/auth/oidc/callback';

function oidcConfig(idp: TestOidcProvider) {
  return oidcSettingsFromConfig({
    issuer: idp.issuer,
    client_id: idp.clientId,
    client_secret: idp.clientSecret,
    redirect_uri: idp.redirectUri,
    scopes: ['openid', 'email', 'profile', 'groups'],
    groups_claim: 'groups',
    role_mappings: [
      { group: 'acme-owners', org: 'acme', role: 'owner' },
      { group: 'acme-staff', org: 'acme', role: 'member' },
      { group: 'platform-viewers', org: 'acme', team: 'platform', role: 'viewer' },
      { group: 'beta-admins', org: 'beta', role: 'admin' },
    ],
    superadmin_groups: ['switchyard-admins'],
  });
}

async function world(b: BackendInstance, opts: { claimsInIdToken?: boolean } = {}): Promise<World> {
  const db = b.store.db;
  const acme = await addOrg(db, 'acme');
  const beta = await addOrg(db, 'beta');
  const platform = await addTeam(db, acme, 'platform');
  const port = await freePort();
  const idp = await startOidcProvider({
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    claimsInIdToken: opts.claimsInIdToken,
  });
  try {
    const oidc = await OidcSignIn.create(db, oidcConfig(idp));
    const app = await startSignInApp({ db, sharedState: b.shared, oidc, port });
    return {
      b,
      idp,
      app,
      oidc,
      acme,
      beta,
      platform,
      close: async () => {
        await app.close();
        await idp.close();
      },
    };
  } catch (e) {
    await idp.close();
    throw e;
  }
}

/** starts a sign-in at the gateway, signs in at the provider; returns the callback URL (not yet called) */
async function authorize(w: World, accountId: string, returnTo?: string): Promise<URL> {
  const q = returnTo === undefined ? '' : `?return_to=${encodeURIComponent(returnTo)}`;
  const start = await fetch(`${w.app.url}/admin/v1/auth/oidc/login${q}`, { redirect: 'manual' });
  assert.equal(start.status, 302);
  const location = new URL(start.headers.get('location') ?? '');
  assert.equal(location.origin, w.idp.issuer);
  return w.idp.signIn(location, accountId);
}

const callback = (url: URL | string) => fetch(url, { redirect: 'manual' });

async function signIn(w: World, accountId: string): Promise<{ token: string; user: Me['user'] }> {
  const r = await callback(await authorize(w, accountId));
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  return body as { token: string; user: Me['user'] };
}

async function me(w: World, token: string): Promise<Me> {
  const r = await fetch(`${w.app.url}/admin/v1/auth/me`, { headers: bearer(token) });
  assert.equal(r.status, 200);
  return (await r.json()) as Me;
}

const roles = (m: Me) => ({
  orgs: m.orgs.map((o) => `${o.slug}:${o.role}:${o.source}`).sort(),
  teams: m.teams.map((t) => `${t.id}:${t.role}:${t.source}`).sort(),
});

async function userBySubject(db: Kysely<Database>, sub: string) {
  return db.selectFrom('users').selectAll().where('oidc_subject', '=', sub).executeTakeFirst();
}

for (const backend of eachBackend()) {
  test(`oidc: code flow with PKCE creates the user and its memberships from groups; a new sign-in replaces SSO memberships and keeps manual ones (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const w = await world(b);
    try {
      w.idp.accounts.set('alice-sub', {
        email: 'Alice@Example.com',
        name: 'Alice A.',
        groups: ['acme-owners', 'acme-staff', 'platform-viewers', 'unrelated'],
      });

      // the authorization request: code flow, S256 PKCE, state, nonce, our scopes
      const start = await fetch(`${w.app.url}/admin/v1/auth/oidc/login`, { redirect: 'manual' });
      const auth = new URL(start.headers.get('location') ?? '');
      assert.equal(auth.searchParams.get('response_type'), 'code');
      assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
      assert.match(auth.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
      assert.ok(auth.searchParams.get('state'));
      assert.ok(auth.searchParams.get('nonce'));
      assert.equal(auth.searchParams.get('scope'), 'openid email profile groups');
      assert.equal(auth.searchParams.get('redirect_uri'), w.idp.redirectUri);
      const stored = await b.store.db
        .selectFrom('oidc_states')
        .selectAll()
        .where('state', '=', auth.searchParams.get('state') ?? '')
        .executeTakeFirstOrThrow();
      assert.notEqual(stored.code_verifier, auth.searchParams.get('code_challenge'));

      const res = await callback(await w.idp.signIn(auth, 'alice-sub'));
      assert.equal(res.status, 200);
      const first = (await res.json()) as { token: string; expires_at: string; user: Me['user'] };
      assert.match(first.token, /^sy_sess_/);
      assert.equal(first.user.email, 'alice@example.com');
      assert.equal(first.user.name, 'Alice A.');
      assert.equal(first.user.sso, true);
      assert.equal(first.user.password, false);
      assert.equal(first.user.superadmin, false);

      // owner beats member for the same org; the team role comes from its own group
      assert.deepEqual(roles(await me(w, first.token)), {
        orgs: ['acme:owner:sso'],
        teams: [`${w.platform}:viewer:sso`],
      });
      const row = await userBySubject(b.store.db, 'alice-sub');
      assert.equal(row?.oidc_issuer, w.idp.issuer);
      assert.equal(row?.password_hash, null);
      // this provider keeps email and groups out of the ID token: they came from userinfo
      assert.ok(w.idp.requests.includes('GET /me'), w.idp.requests.join(', '));
      // the state was used up
      assert.equal(
        (await b.store.db.selectFrom('oidc_states').select('state').execute()).length,
        0,
        'no flow left in progress',
      );

      // an administrator adds alice to beta by hand; her groups change at the provider
      await addMembership(b.store.db, { userId: first.user.id, orgId: w.beta, role: 'billing' });
      w.idp.accounts.set('alice-sub', {
        email: 'alice@example.com',
        name: 'Alice A.',
        groups: ['platform-viewers', 'beta-admins'],
      });
      const second = await signIn(w, 'alice-sub');
      assert.equal(second.user.id, first.user.id, 'the same user');
      // acme owner is gone (no group any more), the team stays, the manual beta role wins over the mapping
      assert.deepEqual(roles(await me(w, second.token)), {
        orgs: ['beta:billing:manual'],
        teams: [`${w.platform}:viewer:sso`],
      });
      assert.equal((await b.store.db.selectFrom('users').select('id').execute()).length, 1);

      // the first session still works (sign-in makes a new session, it does not end others)
      assert.equal(
        (await fetch(`${w.app.url}/admin/v1/auth/me`, { headers: bearer(first.token) })).status,
        200,
      );
    } finally {
      await w.close();
      await b.cleanup();
    }
  });

  test(`oidc: superadmin groups, users without a mapped group, linking by verified email (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const w = await world(b);
    try {
      // superadmin from a group, no org role needed
      w.idp.accounts.set('bob-sub', { email: 'bob@example.com', groups: ['switchyard-admins'] });
      const bob = await signIn(w, 'bob-sub');
      assert.equal(bob.user.superadmin, true);
      const identity = await fetch(`${w.app.url}/test/identity`, { headers: bearer(bob.token) });
      assert.equal(((await identity.json()) as { superadmin: boolean }).superadmin, true);

      // the group removed: the flag is cleared, and with no role left the sign-in is refused
      w.idp.accounts.set('bob-sub', { email: 'bob@example.com', groups: ['unrelated'] });
      const refusedBob = await callback(await authorize(w, 'bob-sub'));
      assert.equal(refusedBob.status, 403);
      assert.equal((await userBySubject(b.store.db, 'bob-sub'))?.superadmin, 0);

      // no mapped group at all: refused with a clear message, no user created
      w.idp.accounts.set('carol-sub', { email: 'carol@example.com', groups: ['marketing'] });
      const carol = await callback(await authorize(w, 'carol-sub'));
      assert.equal(carol.status, 403);
      const body = (await carol.json()) as ErrorBody;
      assert.equal(body.error.code, 'sso_no_role');
      assert.match(body.error.message, /none of your identity-provider groups is mapped/);
      assert.equal(await userBySubject(b.store.db, 'carol-sub'), undefined);
      assert.equal(
        (await b.store.db.selectFrom('users').select('id').where('email', '=', 'carol@example.com').execute())
          .length,
        0,
      );

      // an existing local account is linked by its verified email (its password stays)
      const dave = await addUser(b.store.db, {
        email: 'dave@example.com',
        password: 'a long local password',
      });
      w.idp.accounts.set('dave-sub', { email: 'DAVE@example.com', groups: ['beta-admins'] });
      const signedDave = await signIn(w, 'dave-sub');
      assert.equal(signedDave.user.id, dave);
      assert.equal(signedDave.user.password, true);
      assert.deepEqual(roles(await me(w, signedDave.token)).orgs, ['beta:admin:sso']);

      // ... but not by an email the provider has not verified
      await addUser(b.store.db, { email: 'erin@example.com', password: 'a long local password' });
      w.idp.accounts.set('erin-sub', {
        email: 'erin@example.com',
        emailVerified: false,
        groups: ['beta-admins'],
      });
      const erin = await callback(await authorize(w, 'erin-sub'));
      assert.equal(erin.status, 403);
      assert.equal(((await erin.json()) as ErrorBody).error.code, 'sso_email_unverified');

      // a disabled account cannot sign in by SSO either
      await b.store.db.updateTable('users').set({ disabled: 1 }).where('id', '=', dave).execute();
      const disabled = await callback(await authorize(w, 'dave-sub'));
      assert.equal(disabled.status, 403);
      assert.equal(((await disabled.json()) as ErrorBody).error.code, 'account_disabled');
    } finally {
      await w.close();
      await b.cleanup();
    }
  });

  test(`oidc: replayed, unknown and expired states and a tampered code are refused (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const w = await world(b);
    try {
      w.idp.accounts.set('frank-sub', { email: 'frank@example.com', groups: ['acme-staff'] });

      // replay: the same callback twice
      const url = await authorize(w, 'frank-sub');
      assert.equal((await callback(url)).status, 200);
      const replay = await callback(url);
      assert.equal(replay.status, 401);
      assert.equal(((await replay.json()) as ErrorBody).error.code, 'sso_state_invalid');

      // an unknown state (a forged callback), and none at all
      const forged = new URL(url);
      forged.searchParams.set('state', 'not-a-state-we-issued');
      assert.equal((await callback(forged)).status, 401);
      const noState = new URL(url);
      noState.searchParams.delete('state');
      assert.equal((await callback(noState)).status, 401);

      // a tampered code: the provider refuses the exchange
      const fresh = await authorize(w, 'frank-sub');
      const tampered = new URL(fresh);
      const code = tampered.searchParams.get('code') ?? '';
      tampered.searchParams.set('code', `${code.slice(0, -2)}${code.endsWith('AA') ? 'BB' : 'AA'}`);
      const bad = await callback(tampered);
      assert.equal(bad.status, 401);
      const badBody = (await bad.json()) as ErrorBody;
      assert.equal(badBody.error.code, 'sso_failed');
      assert.match(badBody.error.message, /invalid_grant/);
      // and its state is spent: the genuine code cannot be used after the failed attempt
      assert.equal((await callback(fresh)).status, 401);

      // a flow older than ten minutes
      const old = await authorize(w, 'frank-sub');
      await b.store.db
        .updateTable('oidc_states')
        .set({ created_at: Date.now() - 10 * 60_000 - 1 })
        .where('state', '=', old.searchParams.get('state') ?? '')
        .execute();
      const expired = await callback(old);
      assert.equal(expired.status, 401);
      assert.equal(((await expired.json()) as ErrorBody).error.code, 'sso_state_invalid');

      // the provider's own refusal (error=access_denied) is a 401 too
      const start = await fetch(`${w.app.url}/admin/v1/auth/oidc/login`, { redirect: 'manual' });
      const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
      const denied = await callback(
        `${w.app.url}${CALLBACK_PATH}?error=access_denied&state=${state}&iss=${encodeURIComponent(w.idp.issuer)}`,
      );
      assert.equal(denied.status, 401);
      assert.match(((await denied.json()) as ErrorBody).error.message, /access_denied/);
    } finally {
      await w.close();
      await b.cleanup();
    }
  });

  test(`oidc: return_to gets the session in an HttpOnly cookie; a flow may finish on another instance (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const w = await world(b);
    let other: SignInApp | undefined;
    try {
      w.idp.accounts.set('grace-sub', { email: 'grace@example.com', groups: ['acme-owners'] });

      // open redirects are refused
      for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
        const r = await fetch(`${w.app.url}/admin/v1/auth/oidc/login?return_to=${encodeURIComponent(bad)}`, {
          redirect: 'manual',
        });
        assert.equal(r.status, 400, bad);
      }

      const done = await callback(await authorize(w, 'grace-sub', '/ui/keys?tab=mine'));
      assert.equal(done.status, 302);
      assert.equal(done.headers.get('location'), '/ui/keys?tab=mine');
      const cookie = done.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^sy_session=sy_sess_[A-Za-z0-9]{32};/);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/, 'http redirect_uri: no Secure flag');
      const sessionCookie = cookie.split(';')[0]!;
      const viaCookie = await fetch(`${w.app.url}/admin/v1/auth/me`, {
        headers: { cookie: `a=b; ${sessionCookie}` },
      });
      assert.equal(viaCookie.status, 200);
      assert.deepEqual(roles((await viaCookie.json()) as Me).orgs, ['acme:owner:sso']);
      const identity = await fetch(`${w.app.url}/test/identity`, { headers: { cookie: sessionCookie } });
      assert.equal(identity.status, 200);
      // logout by cookie clears it
      const out = await fetch(`${w.app.url}/admin/v1/auth/logout`, {
        method: 'POST',
        headers: { cookie: sessionCookie },
      });
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie') ?? '', /^sy_session=; Path=\/admin; Max-Age=0/);
      assert.equal(
        (await fetch(`${w.app.url}/admin/v1/auth/me`, { headers: { cookie: sessionCookie } })).status,
        401,
      );

      // started on instance one, finished on instance two (another connection to the same store)
      const second = await b.connect();
      const oidc2 = await OidcSignIn.create(second.store.db, oidcConfig(w.idp));
      other = await startSignInApp({ db: second.store.db, sharedState: second.shared, oidc: oidc2 });
      const url = await authorize(w, 'grace-sub');
      const onOther = new URL(`${other.url}${url.pathname}${url.search}`);
      const r = await callback(onOther);
      assert.equal(r.status, 200);
      const { token } = (await r.json()) as { token: string };
      assert.equal((await fetch(`${w.app.url}/admin/v1/auth/me`, { headers: bearer(token) })).status, 200);
    } finally {
      await other?.close();
      await w.close();
      await b.cleanup();
    }
  });

  test(`oidc: claims in the ID token are used without a userinfo call (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    const w = await world(b, { claimsInIdToken: true });
    try {
      w.idp.accounts.set('heidi-sub', { email: 'heidi@example.com', name: 'Heidi', groups: ['beta-admins'] });
      const heidi = await signIn(w, 'heidi-sub');
      assert.equal(heidi.user.email, 'heidi@example.com');
      assert.equal(heidi.user.name, 'Heidi');
      assert.deepEqual(roles(await me(w, heidi.token)).orgs, ['beta:admin:sso']);
      assert.ok(w.idp.requests.includes('POST /token'));
      assert.ok(!w.idp.requests.includes('GET /me'), w.idp.requests.join(', '));
    } finally {
      await w.close();
      await b.cleanup();
    }
  });

  test(`oidc: a mapping to an unknown org or team is an error at start-up (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const b = await backend.open();
    try {
      const db = b.store.db;
      const acme = await addOrg(db, 'acme');
      await addTeam(db, acme, 'platform');
      const base = {
        issuer: 'https://idp.example.com',
        client_id: 'gw',
        redirect_uri: 'https://gw.example.com/admin/v1/auth/oidc/callback',
      };
      await assert.rejects(
        OidcSignIn.create(
          db,
          oidcSettingsFromConfig({ ...base, role_mappings: [{ group: 'x', org: 'nope', role: 'viewer' }] }),
        ),
        (e: unknown) =>
          e instanceof ConfigError &&
          /role_mappings\[0\] \(group "x"\): no org has the id or slug "nope"/.test(e.message),
      );
      await assert.rejects(
        OidcSignIn.create(
          db,
          oidcSettingsFromConfig({
            ...base,
            role_mappings: [
              { group: 'a', org: acme, role: 'viewer' },
              { group: 'y', org: 'acme', team: 'missing', role: 'viewer' },
            ],
          }),
        ),
        (e: unknown) =>
          e instanceof ConfigError &&
          /role_mappings\[1\].*no team with the id or name "missing"/.test(e.message),
      );
      // by id and by slug/name: fine; https settings make the cookie Secure
      const ok = await OidcSignIn.create(
        db,
        oidcSettingsFromConfig({
          ...base,
          role_mappings: [
            { group: 'a', org: acme, role: 'viewer' },
            { group: 'b', org: 'acme', team: 'platform', role: 'member' },
          ],
        }),
      );
      assert.equal(ok.secureCookies, true);
      // plain http only for a loopback provider
      await assert.rejects(
        OidcSignIn.create(db, oidcSettingsFromConfig({ ...base, issuer: 'http://idp.example.com' })),
        ConfigError,
      );
    } finally {
      await b.cleanup();
    }
  });
}
