// Sealing one secret: AES-256-GCM with a fresh 12-byte IV per secret and a 16-byte tag. The
// additional authenticated data binds the ciphertext to where it belongs (an org and a
// provider), so a row copied to another org or provider fails to open instead of lending
// one org's key to another. Pure: the key bytes come from the caller.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** a sealed secret as stored: base64 fields and the id of the key that sealed it */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
  authTag: string;
  keyId: string;
}

/** an encryption key: its id (for rotation) and its 32 bytes */
export interface SealingKey {
  id: string;
  bytes: Buffer;
}

/** thrown when a sealed secret cannot be opened: wrong key, tampered bytes or other AAD */
export class UnsealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsealError';
  }
}

/** the additional authenticated data of a BYOK credential: versioned, NUL-separated */
export function credentialAad(orgId: string, provider: string): string {
  return `switchyard/byok/v1\u0000${orgId}\u0000${provider}`;
}

function checkKey(key: SealingKey): void {
  if (key.bytes.length !== KEY_BYTES) throw new Error(`encryption key ${key.id}: must be ${KEY_BYTES} bytes`);
}

export function sealSecret(plaintext: string, key: SealingKey, aad: string): SealedSecret {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    ciphertext: ciphertext.toString('base64'),
    iv: iv.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
    keyId: key.id,
  };
}

/** the plaintext; throws UnsealError when the key, the bytes or the AAD do not match */
export function openSecret(sealed: Omit<SealedSecret, 'keyId'>, key: SealingKey, aad: string): string {
  checkKey(key);
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.authTag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
    throw new UnsealError('sealed secret is malformed (IV or tag of the wrong length)');
  try {
    const decipher = createDecipheriv(ALGORITHM, key.bytes, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    // GCM says only "unable to authenticate": the key, the bytes or the AAD are not the sealer's
    throw new UnsealError('sealed secret failed authentication (wrong key, altered data, or another owner)');
  }
}
