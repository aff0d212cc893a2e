import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIpAllowlist } from './ip-allowlist.js';
import { displayPrefix, generateKey, hashKey, looksLikeVirtualKey } from './key-format.js';

test('keys are sk-sy- + 32 base62 characters, all different', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const k = generateKey();
    assert.match(k, /^sk-sy-[A-Za-z0-9]{32}$/);
    assert.ok(looksLikeVirtualKey(k));
    seen.add(k);
  }
  assert.equal(seen.size, 2000);
});

test('characters are spread over the whole alphabet (no modulo bias toward the first ones)', () => {
  const counts = new Map<string, number>();
  for (let i = 0; i < 3000; i++)
    for (const c of generateKey().slice(6)) counts.set(c, (counts.get(c) ?? 0) + 1);
  assert.equal(counts.size, 62);
  const expected = (3000 * 32) / 62; // ≈ 1548
  for (const [c, n] of counts) assert.ok(Math.abs(n - expected) < expected * 0.15, `${c}: ${n}`);
});

test('the digest is sha256 hex; the display prefix is the first 12 characters', () => {
  assert.equal(hashKey('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const k = generateKey();
  assert.equal(displayPrefix(k), k.slice(0, 12));
  assert.ok(displayPrefix(k).startsWith('sk-sy-'));
  assert.equal(looksLikeVirtualKey('sk-sy-short'), false);
  assert.equal(looksLikeVirtualKey(`sk-xx-${'a'.repeat(32)}`), false);
});

test('IP allowlists: addresses and CIDRs of both families; anything else is a 400 naming the entry', () => {
  assert.deepEqual(parseIpAllowlist([' 10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '::1']), [
    '10.0.0.0/8',
    '192.168.1.7',
    '2001:db8::/32',
    '::1',
  ]);
  for (const bad of [
    '10.0.0.0/33',
    '2001:db8::/129',
    'example.com',
    '10.0.0/8',
    '10.0.0.1/',
    '10.0.0.1/x',
    '',
  ])
    assert.throws(
      () => parseIpAllowlist(['1.2.3.4', bad]),
      (e: { status?: number; param?: string }) => e.status === 400 && e.param === 'ip_allowlist[1]',
      bad,
    );
});
