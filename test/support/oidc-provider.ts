// A real OpenID Provider (the `oidc-provider` package) on 127.0.0.1 for single sign-on tests:
// one confidential client (the gateway's redirect_uri, PKCE required), accounts whose claims
// carry `email`, `email_verified`, `name` and `groups`, and login/consent interactions a test
// drives with plain HTTP: `signIn(authorizationUrl, accountId)` follows the provider's
// redirects with a cookie jar, answers the login prompt as that account and the consent
// prompt by granting what was asked, and returns the URL the provider sent the browser back
// to (the gateway's callback with `code`, `state` and `iss`), without calling it.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestAccount {
  email: string;
  emailVerified?: boolean;
  name?: string;
  groups: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** accounts by id (= the `sub` claim); tests may add or change them at any time */
  accounts: Map<string, TestAccount>;
  /** method and path of every request the provider received, in order (what the gateway asked) */
  requests: string[];
  /** runs the authorization request as `accountId` and returns the callback URL with the code */
  signIn(authorizationUrl: string | URL, accountId: string): Promise<URL>;
  close(): Promise<void>;
}

// the small part of oidc-provider's API used here (the package ships no type declarations)
interface InteractionDetails {
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
}
interface GrantModel {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    opts?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): GrantModel;
    find(id: string): Promise<GrantModel | undefined>;
  };
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

const MODULE = 'oidc-provider';

export interface TestOidcProviderOptions {
  redirectUri: string;
  /**
   * put the scope claims (email, name, groups) in the ID token too; by default the provider
   * conforms to OIDC Core and gives them through userinfo only when an access token is issued
   */
  claimsInIdToken?: boolean;
}

export async function startOidcProvider(opts: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const { default: Provider } = (await import(MODULE)) as { default: ProviderClass };
  const accounts = new Map<string, TestAccount>();
  const requests: string[] = [];
  const clientId = 'switchyard-test';
  const clientSecret = randomBytes(24).toString('hex');

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    conformIdTokenClaims: opts.claimsInIdToken !== true,
    features: { devInteractions: { enabled: false } },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name ?? account.email,
          groups: account.groups,
        }),
      };
    },
  });

  const providerHandler = provider.callback();
  handle = (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    requests.push(`${req.method} ${url.pathname}`);
    if (url.pathname.startsWith('/interaction/')) {
      interact(provider, req, res, url).catch((e: unknown) => {
        res.statusCode = 500;
        res.end(String(e));
      });
      return;
    }
    providerHandler(req, res);
  };

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: opts.redirectUri,
    accounts,
    requests,
    signIn: (authorizationUrl, accountId) =>
      followToCallback(new URL(authorizationUrl), accountId, opts.redirectUri),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** the login prompt: sign in as `?account=`; the consent prompt: grant every scope and claim asked for */
async function interact(provider: ProviderInstance, req: IncomingMessage, res: ServerResponse, url: URL) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    const accountId = url.searchParams.get('account');
    if (!accountId) throw new Error('the test driver must say which account signs in (?account=)');
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (details.prompt.name !== 'consent') throw new Error(`unexpected prompt ${details.prompt.name}`);
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error('consent without a signed-in account');
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  const d = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
  if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(d.missingResourceScopes ?? {}))
    grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: details.grantId ? {} : { grantId } },
    { mergeWithLastSubmission: true },
  );
}

/** follows the provider's redirects like a browser (cookies kept) until it points at the redirect_uri */
async function followToCallback(start: URL, accountId: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 20; hop++) {
    if (url.pathname.startsWith('/interaction/')) url.searchParams.set('account', accountId);
    const res = await fetch(url, {
      redirect: 'manual',
      headers: jar.size > 0 ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    await res.arrayBuffer();
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location)
      throw new Error(`the identity provider answered ${res.status} at ${url.pathname} (hop ${hop})`);
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return next;
    url = next;
  }
  throw new Error('too many redirects at the identity provider');
}
