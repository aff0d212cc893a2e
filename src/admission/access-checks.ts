// What a virtual key may reach, checked before anything else happens to its request:
// expiry, the endpoint, the caller's address. Cheap and synchronous; the address list (compiled
// by keys/ip-allowlist.ts, which validated it when the key was saved) is cached per grant
// object (grants are replaced, never mutated, when a key changes).
import { type BlockList, isIP } from 'node:net';
import type { KeyGrant } from '../auth/index.js';
import { GatewayError } from '../canonical/index.js';
import { compileIpAllowlist } from '../keys/ip-allowlist.js';

const compiled = new WeakMap<KeyGrant, BlockList>();

/** an IPv4 client seen on a dual-stack socket arrives as `::ffff:a.b.c.d` */
function normalise(ip: string): { address: string; family: 'ipv4' | 'ipv6' } {
  if (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) return { address: ip.slice(7), family: 'ipv4' };
  return { address: ip, family: isIP(ip) === 6 ? 'ipv6' : 'ipv4' };
}

export function addressAllowed(grant: KeyGrant, ip: string | undefined): boolean {
  if (!grant.ipAllowlist) return true;
  if (!ip) return false;
  let list = compiled.get(grant);
  if (!list) {
    list = compileIpAllowlist(grant.ipAllowlist);
    compiled.set(grant, list);
  }
  const { address, family } = normalise(ip);
  return list.check(address, family);
}

/** throws the error the client sees when this key may not make this call */
export function checkAccess(grant: KeyGrant, endpoint: string, ip: string | undefined, nowMs: number): void {
  if (grant.expiresAt !== null && grant.expiresAt <= nowMs)
    throw new GatewayError('authentication', 'This API key has expired', { code: 'expired_api_key' });
  if (grant.endpoints && !grant.endpoints.has(endpoint))
    throw new GatewayError('permission', `This API key may not call the ${endpoint} endpoint`, {
      code: 'endpoint_not_allowed',
    });
  if (!addressAllowed(grant, ip))
    throw new GatewayError('permission', 'This API key may not be used from this address', {
      code: 'ip_not_allowed',
    });
}
