import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../canonical/errors.js';
import { formatUsd, microsToUsdPerMtok, parseUsd, sumNanos, usdPerMtokToMicros } from './money.js';

describe('parseUsd', () => {
  test('reads decimal USD exactly as nano-USD', () => {
    assert.equal(parseUsd('10.5'), 10_500_000_000);
    assert.equal(parseUsd('0.000000001'), 1);
    assert.equal(parseUsd('0.1'), 100_000_000);
    assert.equal(parseUsd('7'), 7_000_000_000);
    assert.equal(parseUsd(' 3.'), 3_000_000_000);
    assert.equal(
      parseUsd(0.3),
      300_000_000,
      'a JSON number goes through its decimal form, not a float product',
    );
    assert.equal(parseUsd('-2.25', { allowNegative: true }), -2_250_000_000);
  });

  test('refuses more than 9 decimals, negatives, garbage, exponents and unsafe amounts', () => {
    for (const bad of ['0.0000000001', '-1', 'abc', '1e3', '', '1.2.3', '9007199.254740993']) {
      assert.throws(
        () => parseUsd(bad),
        (e) => e instanceof GatewayError && e.kind === 'invalid_request',
        bad,
      );
    }
    assert.throws(() => parseUsd(1e-7), GatewayError);
    assert.throws(() => parseUsd('0', { allowZero: false }), GatewayError);
    assert.equal(parseUsd('9007199.254740991'), Number.MAX_SAFE_INTEGER);
  });
});

describe('formatUsd', () => {
  test('nine decimals, or trimmed to at least two', () => {
    assert.equal(formatUsd(10_500_000_000), '10.500000000');
    assert.equal(formatUsd(10_500_000_000, { trim: true }), '10.50');
    assert.equal(formatUsd(1, { trim: true }), '0.000000001');
    assert.equal(formatUsd(0), '0.000000000');
    assert.equal(formatUsd(-1_250_000_000n, { trim: true }), '-1.25');
    assert.equal(formatUsd('123456789012345678901'), '123456789012.345678901');
  });

  test('round-trips with parseUsd', () => {
    for (const s of ['0.000000001', '1.234567891', '42.000000000', '9007199.254740991'])
      assert.equal(formatUsd(parseUsd(s)), s);
  });
});

describe('prices', () => {
  test('USD per Mtok → integer micro-USD per Mtok, exact up to 6 decimals', () => {
    assert.equal(usdPerMtokToMicros(3), 3_000_000);
    assert.equal(usdPerMtokToMicros(0.3), 300_000);
    assert.equal(usdPerMtokToMicros(3.75), 3_750_000);
    assert.equal(usdPerMtokToMicros(0.075), 75_000);
    assert.equal(usdPerMtokToMicros(1.1), 1_100_000);
    assert.equal(usdPerMtokToMicros(0.000001), 1);
    assert.equal(usdPerMtokToMicros(0.0000004), 0, 'below a micro rounds');
    assert.throws(() => usdPerMtokToMicros(-1), GatewayError);
    assert.equal(microsToUsdPerMtok(3_750_000), '3.75');
    assert.equal(microsToUsdPerMtok(15_000_000), '15');
    assert.equal(microsToUsdPerMtok(75_000), '0.075');
  });
});

describe('sumNanos', () => {
  test('adds numbers, strings and bigints beyond 2^53 exactly', () => {
    const big = '9007199254740993';
    assert.equal(sumNanos([big, 1, 2n, null, '-4']), 9007199254740992n);
  });
});
