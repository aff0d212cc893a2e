// A fake Google OAuth 2.0 token endpoint on 127.0.0.1 for service accounts: POST /token with
// the JWT-bearer grant. It checks the assertion as Google does — RS256 signature against the
// service account's public key, issuer, audience, scope and expiry — and issues access tokens
// (`invalid_grant` in Google's shape otherwise). A service-account key file's `token_uri` points here.
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGoogleOAuth {
  readonly url: string;
  readonly tokenUri: string;
  /** access tokens issued so far, oldest first */
  readonly issued: string[];
  /** assertions refused, with Google's error description */
  readonly refused: string[];
  isValid(token: string): boolean;
  close(): Promise<void>;
}

export interface FakeGoogleOAuthOptions {
  clientEmail: string;
  publicKeyPem: string;
  /** lifetime of the issued tokens; default 3600 s */
  expiresIn?: number;
}

const GOOGLE_TOKEN_AUD = 'https://oauth2.googleapis.com/token';
const b64json = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));

export async function startFakeGoogleOAuth(opts: FakeGoogleOAuthOptions): Promise<FakeGoogleOAuth> {
  const publicKey = createPublicKey(opts.publicKeyPem);
  const issued: string[] = [];
  const refused: string[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const fail = (status: number, error: string, description: string) => {
      refused.push(description);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error, error_description: description }));
    };
    if (req.method !== 'POST' || req.url !== '/token') return fail(404, 'not_found', 'Not Found');
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return fail(400, 'unsupported_grant_type', 'Invalid grant_type: ' + form.get('grant_type'));
    const parts = (form.get('assertion') ?? '').split('.');
    if (parts.length !== 3)
      return fail(400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token');
    const [h, p, sig] = parts as [string, string, string];
    let header: { alg?: string };
    let claims: { iss?: string; aud?: string; scope?: string; exp?: number; iat?: number };
    try {
      header = b64json(h);
      claims = b64json(p);
    } catch {
      return fail(400, 'invalid_grant', 'Invalid JWT: not base64url JSON');
    }
    if (header.alg !== 'RS256') return fail(400, 'invalid_grant', 'Invalid JWT: alg must be RS256');
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig, 'base64url')))
      return fail(400, 'invalid_grant', 'Invalid JWT Signature.');
    if (claims.iss !== opts.clientEmail) return fail(400, 'invalid_grant', 'Invalid JWT: unknown issuer');
    if (claims.aud !== GOOGLE_TOKEN_AUD) return fail(400, 'invalid_grant', 'Invalid JWT: wrong audience');
    if (
      !String(claims.scope ?? '')
        .split(' ')
        .includes('https://www.googleapis.com/auth/cloud-platform')
    )
      return fail(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    const now = Date.now() / 1000;
    if (!claims.exp || claims.exp < now || (claims.iat ?? 0) > now + 300)
      return fail(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
      );
    const token = `ya29.fake-${issued.length + 1}-${Math.random().toString(36).slice(2)}`;
    issued.push(token);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({ access_token: token, expires_in: opts.expiresIn ?? 3600, token_type: 'Bearer' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokenUri: `${url}/token`,
    issued,
    refused,
    isValid: (t) => issued.includes(t),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
