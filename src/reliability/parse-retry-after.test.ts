import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRetryAfter, parseRetryAfterMs } from './parse-retry-after.js';

const NOW = Date.parse('1994-11-06T08:49:30Z');
const now = () => NOW;

test('delay-seconds', () => {
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter(' 3 ', now), 3000);
  assert.equal(parseRetryAfter('0', now), 0);
  assert.equal(parseRetryAfter('1.5', now), 1500, 'decimals, which some providers send');
});

test('the three HTTP-date formats, as a wait from now', () => {
  assert.equal(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now), 7000);
  assert.equal(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now), 7000);
  assert.equal(
    parseRetryAfter('Sun Nov  6 08:49:37 1994', now),
    7000,
    'asctime is UTC whatever the local zone',
  );
});

test('a date in the past means no wait', () => {
  assert.equal(parseRetryAfter('Sun, 06 Nov 1994 08:00:00 GMT', now), 0);
});

test('anything else is undefined', () => {
  for (const v of [
    undefined,
    '',
    '  ',
    '-1',
    'soon',
    '1e3',
    '1 2',
    '12abc',
    'Sun, 06 Nov 1994',
    'Sun, 99 Nov 1994 08:49:37 GMT',
  ])
    assert.equal(parseRetryAfter(v, now), undefined, JSON.stringify(v));
});

test('retry-after-ms is plain milliseconds', () => {
  assert.equal(parseRetryAfterMs('1500'), 1500);
  assert.equal(parseRetryAfterMs('20.6'), 21);
  assert.equal(parseRetryAfterMs(undefined), undefined);
  assert.equal(parseRetryAfterMs('-5'), undefined);
  assert.equal(parseRetryAfterMs('Sun, 06 Nov 1994 08:49:37 GMT'), undefined);
});
