import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelay, DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry-policy.js';

const noJitter: RetryOptions = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8000, jitter: 0 };
const NOW = Date.parse('2025-03-01T12:00:00Z');
const now = () => NOW;

describe('backoffDelay', () => {
  test('doubles with each retry and stops at maxDelayMs', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, noJitter));
    assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
    assert.equal(backoffDelay(5000, noJitter), 8000, 'no overflow for a huge retry count');
  });

  test('jitter scales the delay by a factor in [1 - jitter, 1]', () => {
    const opts = { ...noJitter, jitter: 0.5 };
    assert.equal(
      backoffDelay(3, opts, undefined, () => 0),
      1000,
    );
    assert.equal(
      backoffDelay(3, opts, undefined, () => 0.5),
      750,
    );
    assert.equal(
      backoffDelay(3, opts, undefined, () => 0.9999999),
      500,
    );
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    for (let i = 0; i < 1000; i++) {
      const d = backoffDelay(4, opts)!;
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assert.ok(min >= 1000 && max <= 2000, `${min}..${max}`);
    assert.ok(max - min > 500, 'the delays actually spread');
  });

  test('jitter 1 can go all the way down to 0; the cap applies before the jitter', () => {
    const opts = { ...noJitter, jitter: 1 };
    assert.equal(
      backoffDelay(1, opts, undefined, () => 0.9999999),
      0,
    );
    assert.equal(
      backoffDelay(10, opts, undefined, () => 0),
      8000,
    );
  });

  test('a retry-after in seconds wins when it is longer', () => {
    assert.equal(backoffDelay(1, noJitter, '2', undefined, now), 2000);
    assert.equal(backoffDelay(6, noJitter, '2', undefined, now), 8000, 'the backoff is longer');
    assert.equal(backoffDelay(1, noJitter, '0', undefined, now), 250);
  });

  test('a retry-after as an HTTP date', () => {
    const in5s = new Date(NOW + 5000).toUTCString();
    assert.equal(backoffDelay(1, noJitter, in5s, undefined, now), 5000);
    const past = new Date(NOW - 60_000).toUTCString();
    assert.equal(backoffDelay(2, noJitter, past, undefined, now), 500);
  });

  test('beyond maxRetryAfterMs (default 60s): undefined, do not wait for this deployment', () => {
    assert.equal(backoffDelay(1, noJitter, '60', undefined, now), 60_000);
    assert.equal(backoffDelay(1, noJitter, '61', undefined, now), undefined);
    assert.equal(backoffDelay(1, { ...noJitter, maxRetryAfterMs: 10_000 }, '11', undefined, now), undefined);
    assert.equal(backoffDelay(1, { ...noJitter, maxRetryAfterMs: 10_000 }, '10', undefined, now), 10_000);
    const inAnHour = new Date(NOW + 3_600_000).toUTCString();
    assert.equal(backoffDelay(1, noJitter, inAnHour, undefined, now), undefined);
  });

  test('an unreadable retry-after is ignored', () => {
    assert.equal(backoffDelay(2, noJitter, 'soon', undefined, now), 500);
    assert.equal(backoffDelay(2, noJitter, '', undefined, now), 500);
  });

  test('retry must be 1 or more', () => {
    assert.throws(() => backoffDelay(0, noJitter), /retry must be a positive integer/);
    assert.throws(() => backoffDelay(1.5, noJitter), /retry must be a positive integer/);
  });

  test('defaults', () => {
    assert.deepEqual(DEFAULT_RETRY_OPTIONS, {
      maxAttempts: 3,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      jitter: 0.5,
      maxRetryAfterMs: 60_000,
    });
    const d = backoffDelay(1, DEFAULT_RETRY_OPTIONS)!;
    assert.ok(d >= 125 && d <= 250);
  });
});
