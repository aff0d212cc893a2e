import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { periodBounds, periodEnd, periodKey, periodStart } from './periods.js';

const at = (iso: string) => Date.parse(iso);

describe('budget periods (UTC)', () => {
  test('keys', () => {
    const t = at('2026-11-21T23:59:59.999Z');
    assert.equal(periodKey('day', t), '2026-11-21');
    assert.equal(periodKey('week', t), '2026-W47');
    assert.equal(periodKey('month', t), '2026-11');
    assert.equal(periodKey('total', t), 'total');
    assert.equal(periodKey('day', at('2026-11-22T00:00:00Z')), '2026-11-22');
  });

  test('ISO weeks across year ends', () => {
    assert.equal(
      periodKey('week', at('2027-01-01T12:00:00Z')),
      '2026-W53',
      'Friday 1 Jan 2027 belongs to 2026',
    );
    assert.equal(periodKey('week', at('2027-01-04T00:00:00Z')), '2027-W01', 'the Monday after');
    assert.equal(periodKey('week', at('2024-12-30T00:00:00Z')), '2025-W01', 'Monday 30 Dec 2024 is in 2025');
    assert.equal(periodKey('week', at('2026-01-01T00:00:00Z')), '2026-W01');
    assert.equal(periodKey('week', at('2025-12-28T23:00:00Z')), '2025-W52', 'a Sunday ends its week');
  });

  test('starts and ends', () => {
    const t = at('2026-11-21T15:30:00Z'); // a Saturday
    assert.equal(periodStart('day', t), at('2026-11-21T00:00:00Z'));
    assert.equal(periodEnd('day', t), at('2026-11-22T00:00:00Z'));
    assert.equal(periodStart('week', t), at('2026-11-16T00:00:00Z'));
    assert.equal(periodEnd('week', t), at('2026-11-23T00:00:00Z'));
    assert.equal(periodStart('month', t), at('2026-11-01T00:00:00Z'));
    assert.equal(periodEnd('month', at('2026-12-31T23:00:00Z')), at('2027-01-01T00:00:00Z'));
    assert.equal(periodStart('total', t), 0);
    assert.equal(periodEnd('total', t), Number.POSITIVE_INFINITY);
    assert.equal(
      periodStart('week', at('2026-11-16T00:00:00Z')),
      at('2026-11-16T00:00:00Z'),
      'Monday itself',
    );
  });
});

describe('periodBounds', () => {
  test('reads a key back into its period', () => {
    for (const [period, iso] of [
      ['day', '2026-11-21T10:00:00Z'],
      ['week', '2026-11-21T10:00:00Z'],
      ['week', '2027-01-01T10:00:00Z'],
      ['week', '2024-12-30T10:00:00Z'],
      ['month', '2026-12-31T23:59:59Z'],
      ['total', '2026-11-21T10:00:00Z'],
    ] as const) {
      const t = at(iso);
      assert.deepEqual(periodBounds(period, periodKey(period, t)), {
        start: periodStart(period, t),
        end: periodEnd(period, t),
      });
    }
    assert.throws(() => periodBounds('day', '2026-11'), RangeError);
    assert.throws(() => periodBounds('month', '2026-13'), RangeError);
    assert.throws(() => periodBounds('week', '2025-W53'), RangeError, '2025 has 52 ISO weeks');
  });
});
