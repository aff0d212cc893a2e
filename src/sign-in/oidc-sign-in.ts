// OIDC single sign-on for the admin API: authorization code flow with PKCE (S256), state and
// nonce (openid-client v6). A flow in progress lives in `oidc_states` (state → verifier, nonce,
// return_to), so the callback may land on any gateway instance; a state is used once and
// expires after ten minutes. The callback validates the answer, reads the claims (ID token,
// then userinfo when the ID token lacks the email or the groups), and hands the identity and
// what its groups grant to sso-user-sync.
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import { GatewayError } from '../canonical/errors.js';
import { ConfigError } from '../config/load-config.js';
import type { ConfigFile } from '../config/schema.js';
import { int8ToNumber } from '../store/numbers.js';
import type { Database } from '../store/tables.js';
import {
  groupsFromClaim,
  type ResolvedMapping,
  type RoleMapping,
  resolveRoleMappings,
  ssoMemberships,
} from './sso-role-mappings.js';
import { type SsoIdentity, syncSsoUser } from './sso-user-sync.js';

export type OidcConfig = NonNullable<NonNullable<ConfigFile['auth']>['oidc']>;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** absent = a public client (PKCE only) */
  clientSecret?: string;
  redirectUri: string;
  scopes: readonly string[];
  groupsClaim: string;
  roleMappings: readonly RoleMapping[];
  superadminGroups: readonly string[];
}

export interface OidcSignInOptions {
  /** how long a started sign-in may take (default 10 minutes) */
  stateTtlMs?: number;
  now?: () => number;
}

export interface FinishedSignIn {
  userId: string;
  /** where the flow asked to go afterwards, when it did */
  returnTo: string | null;
}

const DEFAULT_SCOPES = ['openid', 'email', 'profile'];
const STATE_TTL_MS = 10 * 60_000;

export function oidcSettingsFromConfig(c: OidcConfig): OidcSettings {
  const scopes = c.scopes && c.scopes.length > 0 ? c.scopes : DEFAULT_SCOPES;
  return {
    issuer: c.issuer,
    clientId: c.client_id,
    clientSecret: c.client_secret || undefined,
    redirectUri: c.redirect_uri,
    scopes: scopes.includes('openid') ? scopes : ['openid', ...scopes],
    groupsClaim: c.groups_claim ?? 'groups',
    roleMappings: c.role_mappings ?? [],
    superadminGroups: c.superadmin_groups ?? [],
  };
}

/** plain http is allowed only for an identity provider on this machine (development, tests) */
export function isLoopbackHttp(url: URL): boolean {
  return (
    url.protocol === 'http:' &&
    (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]')
  );
}

const ssoFailed = (message: string, code = 'sso_failed') =>
  new GatewayError('authentication', message, { code });

export class OidcSignIn {
  readonly settings: OidcSettings;
  readonly #db: Kysely<Database>;
  readonly #stateTtlMs: number;
  readonly #now: () => number;
  #discovered: Promise<client.Configuration> | undefined;

  private constructor(db: Kysely<Database>, settings: OidcSettings, opts: OidcSignInOptions) {
    this.#db = db;
    this.settings = settings;
    this.#stateTtlMs = opts.stateTtlMs ?? STATE_TTL_MS;
    this.#now = opts.now ?? Date.now;
  }

  /**
   * Checks the settings and every role mapping against the database (a ConfigError naming the
   * mapping when its org or team does not exist). The identity provider is contacted at the
   * first sign-in, so the gateway starts while it is unreachable.
   */
  static async create(
    db: Kysely<Database>,
    settings: OidcSettings,
    opts: OidcSignInOptions = {},
  ): Promise<OidcSignIn> {
    for (const [name, value] of [
      ['issuer', settings.issuer],
      ['redirect_uri', settings.redirectUri],
    ] as const) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new ConfigError(`auth.oidc.${name} is not a URL: ${value}`);
      }
      if (url.protocol !== 'https:' && !isLoopbackHttp(url))
        throw new ConfigError(`auth.oidc.${name} must be https (or http on 127.0.0.1/localhost)`);
    }
    await resolveRoleMappings(db, settings.roleMappings);
    return new OidcSignIn(db, settings, opts);
  }

  /** whether the session cookie set after the callback must be Secure */
  get secureCookies(): boolean {
    return new URL(this.settings.redirectUri).protocol === 'https:';
  }

  /** records a new flow and returns the identity provider's authorization URL to send the browser to */
  async start(returnTo: string | null): Promise<URL> {
    const config = await this.#configuration();
    const now = this.#now();
    await this.#db
      .deleteFrom('oidc_states')
      .where('created_at', '<=', now - this.#stateTtlMs)
      .execute();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    await this.#db
      .insertInto('oidc_states')
      .values({ state, code_verifier: verifier, nonce, return_to: returnTo, created_at: now })
      .execute();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes.join(' '),
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /**
   * The callback: `params` is the query string the identity provider sent the browser back
   * with. Returns the signed-in user; an authentication GatewayError when the answer is not
   * valid (unknown, reused or expired state, tampered code, provider error), a permission one
   * when the account may not sign in.
   */
  async finish(params: URLSearchParams): Promise<FinishedSignIn> {
    const state = params.get('state');
    if (!state)
      throw ssoFailed('The sign-in answer has no state; start the sign-in again', 'sso_state_invalid');
    // one use: whoever deletes the row owns the flow
    const flow = await this.#db
      .deleteFrom('oidc_states')
      .where('state', '=', state)
      .returningAll()
      .executeTakeFirst();
    if (!flow || int8ToNumber(flow.created_at) <= this.#now() - this.#stateTtlMs)
      throw ssoFailed(
        'This sign-in is unknown, expired or already used; start the sign-in again',
        'sso_state_invalid',
      );

    const config = await this.#configuration();
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = params.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.code_verifier,
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      throw ssoFailed(`Single sign-on failed: ${describeOidcError(e)}`);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw ssoFailed('Single sign-on failed: the identity provider sent no ID token');

    let claims: Record<string, unknown> = { ...idClaims };
    const needsUserinfo = claims.email === undefined || claims[this.settings.groupsClaim] === undefined;
    if (needsUserinfo && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims };
        // the ID token lacked these: take them from userinfo
        if (idClaims.email === undefined) claims.email = info.email;
        if (idClaims.email_verified === undefined) claims.email_verified = info.email_verified;
        if (idClaims[this.settings.groupsClaim] === undefined)
          claims[this.settings.groupsClaim] = info[this.settings.groupsClaim];
      } catch (e) {
        throw ssoFailed(`Single sign-on failed reading userinfo: ${describeOidcError(e)}`);
      }
    }

    const identity: SsoIdentity = {
      issuer: idClaims.iss,
      subject: idClaims.sub,
      email: typeof claims.email === 'string' && claims.email ? claims.email : null,
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' && claims.name ? claims.name : null,
    };
    const groups = groupsFromClaim(claims[this.settings.groupsClaim]);
    const mappings: ResolvedMapping[] = await resolveRoleMappings(this.#db, this.settings.roleMappings);
    const superadminGroups = this.settings.superadminGroups;
    const userId = await syncSsoUser(this.#db, identity, {
      memberships: ssoMemberships(groups, mappings),
      superadmin: superadminGroups.length === 0 ? undefined : superadminGroups.some((g) => groups.has(g)),
    });
    return { userId, returnTo: flow.return_to };
  }

  /** discovery once; a failure is retried at the next sign-in */
  #configuration(): Promise<client.Configuration> {
    this.#discovered ??= this.#discover().catch((e: unknown) => {
      this.#discovered = undefined;
      throw new GatewayError(
        'upstream_error',
        `The identity provider ${this.settings.issuer} could not be reached: ${describeOidcError(e)}`,
        { cause: e },
      );
    });
    return this.#discovered;
  }

  async #discover(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.issuer);
    const insecure = isLoopbackHttp(issuer);
    const found = await client.discovery(issuer, this.settings.clientId, undefined, client.None(), {
      execute: insecure ? [client.allowInsecureRequests] : [],
    });
    const server = found.serverMetadata();
    const secret = this.settings.clientSecret;
    // RFC 8414: a provider that lists no methods supports client_secret_basic
    const methods = server.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    const auth =
      secret === undefined
        ? client.None()
        : methods.includes('client_secret_basic')
          ? client.ClientSecretBasic(secret)
          : client.ClientSecretPost(secret);
    const config = new client.Configuration(
      server,
      this.settings.clientId,
      secret === undefined ? undefined : { client_secret: secret },
      auth,
    );
    if (insecure) client.allowInsecureRequests(config);
    return config;
  }
}

/** an openid-client or provider error as one line, without secrets (codes and descriptions only) */
function describeOidcError(e: unknown): string {
  if (e instanceof client.ResponseBodyError)
    return e.error_description ? `${e.error} (${e.error_description})` : e.error;
  if (e instanceof client.AuthorizationResponseError)
    return e.error_description ? `${e.error} (${e.error_description})` : e.error;
  if (e instanceof Error) return e.message;
  return String(e);
}
