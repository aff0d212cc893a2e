import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliUserError } from './cli-errors.js';
import { parseDuration, parseList, parsePositiveInt, parseTime, parseUsdOption } from './parse-values.js';

test('durations: units, compound, refusals naming the option', () => {
  assert.equal(parseDuration('90s', '--x'), 90_000);
  assert.equal(parseDuration('15m', '--x'), 900_000);
  assert.equal(parseDuration('24h', '--x'), 86_400_000);
  assert.equal(parseDuration('30d', '--x'), 30 * 86_400_000);
  assert.equal(parseDuration('2w', '--x'), 14 * 86_400_000);
  assert.equal(parseDuration('1d12h', '--x'), 36 * 3_600_000);
  assert.equal(parseDuration('250ms', '--x'), 250);
  for (const bad of ['', '24', 'h', '1y', '-1h', '1h foo', '0s'])
    assert.throws(
      () => parseDuration(bad, '--expires-in'),
      (e: unknown) => e instanceof CliUserError && e.message.startsWith('--expires-in:'),
      bad,
    );
});

test('lists, positive integers', () => {
  assert.deepEqual(parseList(' a, b,,c '), ['a', 'b', 'c']);
  assert.equal(parsePositiveInt('60', '--rpm'), 60);
  for (const bad of ['0', '-1', '1.5', 'x', ''])
    assert.throws(() => parsePositiveInt(bad, '--rpm'), /--rpm:/, bad);
});

test('USD amounts are checked exactly and passed on as written', () => {
  assert.equal(parseUsdOption('10', '--usd'), '10');
  assert.equal(parseUsdOption(' 12.50 ', '--usd'), '12.50');
  assert.equal(parseUsdOption('0.000000001', '--usd'), '0.000000001');
  for (const bad of ['ten', '0', '-5', '1e3', '0.0000000001'])
    assert.throws(
      () => parseUsdOption(bad, '--usd'),
      (e: unknown) => e instanceof CliUserError && e.message.startsWith('--usd:'),
      bad,
    );
});

test('times: ISO dates or ms', () => {
  assert.equal(parseTime('2026-11-01', '--from'), Date.UTC(2026, 10, 1));
  assert.equal(parseTime('1700000000000', '--from'), 1_700_000_000_000);
  assert.throws(() => parseTime('yesterday', '--from'), /--from:/);
});
