// A key's IP allowlist, checked when it is saved: each entry an IPv4/IPv6 address or CIDR
// (`10.0.0.0/8`, `2001:db8::/32`). Parsed with node:net's BlockList, as the request path does
// (admission/access-checks.ts), so what is accepted here is what is enforced there.
import { BlockList, isIP } from 'node:net';
import { invalidRequest } from '../canonical/index.js';

/**
 * The allowlist as a BlockList (what the request path checks addresses against), or a 400
 * naming the first entry that is not an address or CIDR.
 */
export function compileIpAllowlist(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const [i, raw] of entries.entries()) {
    const entry = raw.trim();
    const slash = entry.indexOf('/');
    const address = slash < 0 ? entry : entry.slice(0, slash);
    const version = isIP(address);
    const bad = () =>
      invalidRequest(`ip_allowlist[${i}]: "${raw}" is not an IP address or CIDR`, `ip_allowlist[${i}]`);
    if (version === 0) throw bad();
    const family = version === 6 ? 'ipv6' : 'ipv4';
    if (slash < 0) {
      list.addAddress(address, family);
    } else {
      const bitsText = entry.slice(slash + 1);
      const bits = Number(bitsText);
      if (!/^\d{1,3}$/.test(bitsText) || bits > (version === 6 ? 128 : 32)) throw bad();
      try {
        list.addSubnet(address, bits, family);
      } catch {
        throw bad();
      }
    }
  }
  return list;
}

/** normalised entries (trimmed), or a 400 naming the first bad one */
export function parseIpAllowlist(entries: readonly string[]): string[] {
  compileIpAllowlist(entries);
  return entries.map((e) => e.trim());
}
