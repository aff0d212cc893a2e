// Cache affinity: a conversation stays with the provider that holds its prompt cache. The key
// is a hash of the conversation's stable prefix (system text + first user turn); the value, in
// the shared state with a TTL, names the provider (as a 31-bit hash: shared counters hold
// integers). Reads are one shared-state call; writes are not awaited.
import { createHash } from 'node:crypto';
import type { SharedState } from '../shared-state/index.js';

/** FNV-1a of the provider id, 31 bits, never 0 */
export function providerCode(provider: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < provider.length; i++) {
    h ^= provider.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x7fffffff || 1;
}

export function affinityKey(stablePrefix: string): string {
  return `routing:affinity:${createHash('sha256').update(stablePrefix).digest('base64url').slice(0, 27)}`;
}

export class Affinity {
  constructor(
    private readonly shared: SharedState,
    private readonly ttlMs: number,
  ) {}

  /** the provider (among `providers`) this conversation was last routed to, if still warm */
  async providerOf(stablePrefix: string, providers: Iterable<string>): Promise<string | undefined> {
    const [code] = await this.shared.get([affinityKey(stablePrefix)]);
    if (!code) return undefined;
    for (const p of providers) if (providerCode(p) === code) return p;
    return undefined;
  }

  /** remember the provider (restarting the TTL); not awaited by the request */
  remember(stablePrefix: string, provider: string, onError?: (e: unknown) => void): void {
    const key = affinityKey(stablePrefix);
    this.shared
      .del([key])
      .then(() => this.shared.add(key, providerCode(provider), { ttlMs: this.ttlMs }))
      .catch((e) => onError?.(e));
  }
}
