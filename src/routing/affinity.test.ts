import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSharedState } from '../shared-state/index.js';
import { Affinity, affinityKey, providerCode } from './affinity.js';

test('provider codes are stable, positive and tell providers apart', () => {
  assert.equal(providerCode('anthropic'), providerCode('anthropic'));
  assert.notEqual(providerCode('anthropic'), providerCode('openai'));
  for (const p of ['openai', 'anthropic', 'google', 'sim']) assert.ok(providerCode(p) > 0);
  assert.equal(affinityKey('a\u0000b'), affinityKey('a\u0000b'));
  assert.notEqual(affinityKey('a\u0000b'), affinityKey('a\u0000c'));
});

test('a remembered conversation finds its provider until the TTL ends', async () => {
  const shared = await openSharedState({});
  try {
    const a = new Affinity(shared, 60);
    assert.equal(await a.providerOf('sys\u0000hello', ['openai', 'anthropic']), undefined);
    a.remember('sys\u0000hello', 'anthropic');
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(await a.providerOf('sys\u0000hello', ['openai', 'anthropic']), 'anthropic');
    // a provider no longer among the candidates is no answer
    assert.equal(await a.providerOf('sys\u0000hello', ['openai']), undefined);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(await a.providerOf('sys\u0000hello', ['openai', 'anthropic']), undefined);
  } finally {
    await shared.close();
  }
});
