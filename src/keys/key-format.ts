// Virtual API keys: `sk-sy-` + 32 base62 characters (190 bits from crypto.randomBytes, without
// modulo bias), stored only as a sha256 hex digest; the first 12 characters are kept for display.
import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'sk-sy-';
export const KEY_BODY_LENGTH = 32;
/** characters kept for display: `sk-sy-` + 6 */
export const DISPLAY_PREFIX_LENGTH = 12;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** bytes ≥ 248 are dropped: 248 = 4 × 62, so every character is equally likely */
const UNBIASED_LIMIT = 248;

export function generateKey(): string {
  let body = '';
  while (body.length < KEY_BODY_LENGTH) {
    for (const b of randomBytes(48)) {
      if (b >= UNBIASED_LIMIT) continue;
      body += ALPHABET[b % 62];
      if (body.length === KEY_BODY_LENGTH) break;
    }
  }
  return KEY_PREFIX + body;
}

/** sha256 hex: what the database holds and what a presented key is looked up by */
export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export const displayPrefix = (key: string): string => key.slice(0, DISPLAY_PREFIX_LENGTH);

const KEY_SHAPE = new RegExp(`^${KEY_PREFIX}[A-Za-z0-9]{${KEY_BODY_LENGTH}}$`);
/** could this be a virtual key? (a cheap filter before any lookup) */
export const looksLikeVirtualKey = (s: string): boolean =>
  s.length === KEY_PREFIX.length + KEY_BODY_LENGTH && KEY_SHAPE.test(s);
