// Keys from the configuration file and the master key. Keys are held only as SHA-256
// digests; a presented key is hashed and compared digest to digest in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { KeyConfig } from '../config/index.js';
import type { Authenticator, Principal } from './principal.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** `openai/*`, `sim/fast`, `*` → a matcher */
export function modelMatcher(patterns: string[] | undefined): (modelId: string) => boolean {
  if (!patterns || patterns.length === 0 || patterns.includes('*')) return () => true;
  const res = patterns.map(
    (p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`),
  );
  return (id) => res.some((r) => r.test(id));
}

interface Entry {
  digest: Buffer;
  principal: Principal;
}

export class ConfigKeyAuthenticator implements Authenticator {
  private readonly byDigest = new Map<string, Entry>();

  constructor(keys: KeyConfig[], masterKey: string | undefined) {
    if (masterKey) {
      this.addDigest(sha256(masterKey), {
        id: 'master',
        name: 'master key',
        kind: 'master',
        canUseModel: () => true,
      });
    }
    for (const k of keys) {
      const digest = k.key_sha256 ? Buffer.from(k.key_sha256, 'hex') : sha256(k.key!);
      this.addDigest(digest, {
        id: `key:${k.name}`,
        name: k.name,
        kind: 'key',
        canUseModel: modelMatcher(k.models),
      });
    }
  }

  private addDigest(digest: Buffer, principal: Principal) {
    this.byDigest.set(digest.toString('hex'), { digest, principal });
  }

  authenticate(presentedKey: string): Principal | null {
    const digest = sha256(presentedKey);
    const entry = this.byDigest.get(digest.toString('hex'));
    // the map lookup is on a digest of the key, so its timing reveals nothing about the key;
    // the explicit comparison keeps the check constant-time even if lookups change
    if (!entry || !timingSafeEqual(entry.digest, digest)) return null;
    return entry.principal;
  }
}
