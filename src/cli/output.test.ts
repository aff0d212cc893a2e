import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CliIo } from './cli-io.js';
import { fields, Output, table, time } from './output.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
    env: {},
  };
  return { value, out, err };
}

test('--json prints exactly one JSON document; text mode prints the rendering', () => {
  const j = io();
  new Output(j.value, true).result({ a: 1 }, () => 'text');
  assert.deepEqual(JSON.parse(j.out.join('')), { a: 1 });
  const t = io();
  new Output(t.value, false).result({ a: 1 }, (v) => `a is ${v.a}`);
  assert.equal(t.out.join(''), 'a is 1\n');
});

test('tables align columns and show empty values as -', () => {
  const text = table(
    [
      { id: 'k1', models: ['a', 'b'], n: null },
      { id: 'key_long', models: [], n: 3 },
    ],
    [
      { header: 'id', value: (r) => r.id },
      { header: 'models', value: (r) => r.models },
      { header: 'n', value: (r) => r.n },
    ],
  );
  assert.equal(text, ['ID        MODELS  N', 'k1        a,b     -', 'key_long  -       3'].join('\n'));
  assert.equal(table([], [{ header: 'x', value: () => 1 }], 'nothing'), 'nothing');
});

test('fields and times', () => {
  assert.equal(
    fields([
      ['key', 'v'],
      ['longer', null],
    ]),
    'key:    v\nlonger: -',
  );
  assert.equal(time(Date.UTC(2026, 10, 21, 12, 0, 0, 123)), '2026-11-21T12:00:00Z');
  assert.equal(time('2026-11-21T12:00:00.000Z'), '2026-11-21T12:00:00Z');
  assert.equal(time(null), null);
});
