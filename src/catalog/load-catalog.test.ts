import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadCatalogEntries, loadProviderPresets } from './load-catalog.js';

test('the line-by-line reader sees every catalog entry the file declares', () => {
  const meta = JSON.parse(readFileSync(new URL('../../data/catalog.json', import.meta.url), 'utf8')).meta as {
    count: number;
  };
  assert.equal(loadCatalogEntries().length, meta.count);
});

test('only the enabled providers are kept, with prices and limits', () => {
  const models = loadCatalogEntries(new Set(['anthropic']));
  assert.ok(models.length > 10);
  assert.ok(models.every((m) => m.provider === 'anthropic'));
  const haiku = models.find((m) => m.id === 'anthropic/claude-haiku-4-5')!;
  assert.equal(haiku.contextWindow, 200000);
  assert.deepEqual(haiku.prices, {
    inputPerMtok: 1,
    outputPerMtok: 5,
    cacheReadPerMtok: 0.1,
    cacheWritePerMtok: 1.25,
  });
  assert.equal(haiku.toolCalling, true);
});

test('every preset has an id, a protocol and an auth style', () => {
  for (const p of loadProviderPresets()) {
    assert.ok(p.id && p.protocol && p.auth.header, p.id);
  }
});
