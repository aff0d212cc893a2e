import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSessionToken, newSessionToken, sessionTokenDigest } from './session-token.js';

test('session tokens: sy_sess_ and 32 base62 characters, all different', () => {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (let i = 0; i < 2000; i++) {
    const t = newSessionToken();
    assert.match(t, /^sy_sess_[A-Za-z0-9]{32}$/);
    assert.ok(isSessionToken(t));
    seen.add(t);
    for (const c of t.slice(8)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  assert.equal(seen.size, 2000);
  // 64 000 characters over 62 symbols: about 1032 each; a modulo bias would push the first 8 to ~1240
  assert.equal(counts.size, 62);
  for (const [c, n] of counts) assert.ok(n > 850 && n < 1220, `${c}: ${n}`);
});

test('other strings are not session tokens', () => {
  for (const s of [
    '',
    'sy_sess_short',
    `sy_sess_${'a'.repeat(33)}`,
    `sk-sy-${'a'.repeat(32)}`,
    `sy_sess_${'-'.repeat(32)}`,
  ])
    assert.equal(isSessionToken(s), false, s);
});

test('the stored digest is sha256 hex, stable, and not the token', () => {
  const t = newSessionToken();
  assert.match(sessionTokenDigest(t), /^[0-9a-f]{64}$/);
  assert.equal(sessionTokenDigest(t), sessionTokenDigest(t));
  assert.notEqual(sessionTokenDigest(t), sessionTokenDigest(newSessionToken()));
});
