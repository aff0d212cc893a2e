import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idTime, newId } from './ids.js';

test('newId: prefix, 26 lower-case Crockford base32 characters, the creation time inside', () => {
  const before = Date.now();
  const id = newId('key');
  const after = Date.now();
  assert.match(id, /^key_[0-9a-hjkmnp-tv-z]{26}$/);
  const t = idTime(id);
  assert.ok(t >= before && t <= after, `${t} within [${before}, ${after}]`);
});

test('newId: ids made later sort later', async () => {
  const a = newId('org');
  await new Promise((r) => setTimeout(r, 3));
  const b = newId('org');
  assert.ok(a < b, `${a} < ${b}`);
});

test('newId: 100k ids in a tight loop are distinct and differ in their random part', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 100_000; i++) seen.add(newId('x'));
  assert.equal(seen.size, 100_000);
  // the 80 random bits are spread over every character position (no constant tail)
  const tails = new Set([...seen].slice(0, 1000).map((id) => id.slice(-1)));
  assert.ok(tails.size > 20, `last character takes ${tails.size} values`);
});

test('idTime rejects what newId did not make', () => {
  assert.throws(() => idTime('key_ILOU'), /not an id/);
});
