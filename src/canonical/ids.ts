import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// random bytes are drawn in blocks: one system call per few hundred ids, not one per id
const POOL_SIZE = 8192;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/** A random id body of `n` base62 characters. */
export function randomId(n = 24): string {
  if (offset + n > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[pool[offset + i]! % 62];
  offset += n;
  return out;
}

/** Ids in each protocol's own style, for responses the gateway composes itself. */
export const newId = {
  chatCompletion: () => `chatcmpl-${randomId(29)}`,
  anthropicMessage: () => `msg_${randomId(24)}`,
  toolCall: () => `call_${randomId(24)}`,
  anthropicToolUse: () => `toolu_${randomId(24)}`,
  request: () => `req_${randomId(20)}`,
};
