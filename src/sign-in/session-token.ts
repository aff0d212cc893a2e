// Admin session tokens: `sy_sess_` + 32 base62 characters (~190 bits), drawn without modulo
// bias. Only the sha256 digest is stored, so a lookup by digest compares nothing secret.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TOKEN_PREFIX = 'sy_sess_';
const BODY_LENGTH = 32;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** bytes ≥ 248 (= 4 × 62) are dropped so every character is equally likely */
const UNBIASED_LIMIT = 248;
const TOKEN_SHAPE = /^sy_sess_[A-Za-z0-9]{32}$/;

export function newSessionToken(): string {
  let body = '';
  while (body.length < BODY_LENGTH) {
    for (const b of randomBytes(48)) {
      if (b >= UNBIASED_LIMIT) continue;
      body += ALPHABET[b % 62];
      if (body.length === BODY_LENGTH) break;
    }
  }
  return SESSION_TOKEN_PREFIX + body;
}

/** whether a presented string has the shape of a session token (cheap filter before a lookup) */
export function isSessionToken(s: string): boolean {
  return TOKEN_SHAPE.test(s);
}

export function sessionTokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
