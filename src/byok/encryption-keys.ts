// The master encryption key that seals BYOK provider keys: from the configuration
// (SWITCHYARD_ENCRYPTION_KEY, base64 of 32 bytes) or from a key file in the data directory,
// made on first use (mode 0600). A previous key (SWITCHYARD_ENCRYPTION_KEY_PREVIOUS) is still
// accepted for opening while rows are re-sealed under the current one. Keys are known by an id:
// the first 16 hex digits of the SHA-256 of their bytes (not secret: it only names the key).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, type ResolvedConfig } from '../config/index.js';
import { KEY_BYTES, type SealingKey } from './sealed-secret.js';

export function encryptionKeyId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** base64 (standard or url-safe) of exactly 32 bytes; anything else is a ConfigError naming `source` */
export function parseEncryptionKey(value: string, source: string): SealingKey {
  const text = value.trim();
  const hint = `${source}: must be the base64 of ${KEY_BYTES} random bytes (make one with: openssl rand -base64 32)`;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) throw new ConfigError(`${hint}; it is not base64`);
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length !== KEY_BYTES) throw new ConfigError(`${hint}; it decodes to ${bytes.length} bytes`);
  return { id: encryptionKeyId(bytes), bytes };
}

/** reads the key file, or makes it (32 random bytes, base64, mode 0600) when it does not exist */
export function ensureEncryptionKeyFile(path: string): { key: SealingKey; created: boolean } {
  if (existsSync(path)) return { key: parseEncryptionKey(readFileSync(path, 'utf8'), path), created: false };
  mkdirSync(dirname(path), { recursive: true });
  const text = randomBytes(KEY_BYTES).toString('base64');
  try {
    // 'wx': when another process made it in the meantime, use theirs
    writeFileSync(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return { key: parseEncryptionKey(readFileSync(path, 'utf8'), path), created: false };
  }
  return { key: parseEncryptionKey(text, path), created: true };
}

/**
 * The current key (seals) and the previous one (opens only). A configured key is checked at
 * construction; the key file is read or made on first use, so a gateway that never stores a
 * provider key never writes one.
 */
export class EncryptionKeys {
  private currentKey: SealingKey | undefined;
  private readonly previousKey: SealingKey | undefined;
  private readonly keyFile: string;
  /** set when this instance made the key file */
  createdKeyFile = false;

  constructor(encryption: ResolvedConfig['encryption']) {
    this.keyFile = encryption.keyFile;
    if (encryption.key) this.currentKey = parseEncryptionKey(encryption.key, 'SWITCHYARD_ENCRYPTION_KEY');
    if (encryption.previousKey)
      this.previousKey = parseEncryptionKey(encryption.previousKey, 'SWITCHYARD_ENCRYPTION_KEY_PREVIOUS');
  }

  /** the key new secrets are sealed under */
  current(): SealingKey {
    if (!this.currentKey) {
      const { key, created } = ensureEncryptionKeyFile(this.keyFile);
      this.currentKey = key;
      this.createdKeyFile = created;
    }
    return this.currentKey;
  }

  /** the key with this id, when this instance has it (current or previous) */
  byId(id: string): SealingKey | undefined {
    const current = this.current();
    if (current.id === id) return current;
    if (this.previousKey?.id === id) return this.previousKey;
    return undefined;
  }
}
