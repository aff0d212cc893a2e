// docs/clients.md cannot drift from the tested examples: each `<!-- example: NAME -->` block is
// exactly test/clients/examples/NAME.ts, and every example file appears in the doc.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { docBlocks, strayMarkers } from './doc-example-blocks.js';

const doc = readFileSync(new URL('../../docs/clients.md', import.meta.url), 'utf8');
const examplesDir = new URL('./examples/', import.meta.url);
const files = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));

test('every example block of docs/clients.md is its example file, character for character', () => {
  const blocks = docBlocks(doc).filter((b) => b.marker === 'example');
  assert.ok(blocks.length > 0);
  for (const b of blocks) {
    assert.ok(files.includes(b.name), `no file test/clients/examples/${b.name}.ts`);
    assert.equal(b.lang, 'ts', `${b.name}: fenced as ts`);
    const file = readFileSync(new URL(`${b.name}.ts`, examplesDir), 'utf8');
    assert.equal(
      b.code,
      file,
      `docs/clients.md differs from examples/${b.name}.ts (npx tsx test/clients/sync-doc-examples.ts)`,
    );
  }
});

test('every example file is shown in docs/clients.md, once', () => {
  const names = docBlocks(doc)
    .filter((b) => b.marker === 'example')
    .map((b) => b.name);
  for (const f of files) assert.equal(names.filter((n) => n === f).length, 1, `examples/${f}.ts in the doc`);
});

test('no marker without its code block', () => {
  assert.deepEqual(strayMarkers(doc), []);
});
