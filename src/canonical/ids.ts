import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random id body of `n` base62 characters. */
export function randomId(n = 24): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[bytes[i]! % 62];
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
