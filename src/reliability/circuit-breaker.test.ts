import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CircuitBreaker } from './circuit-breaker.js';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => (c.t += ms) };
  return c;
}

/** a breaker that opens only on consecutive failures unless told otherwise */
function breaker(opts: ConstructorParameters<typeof CircuitBreaker>[0] = {}) {
  const c = clock();
  const b = new CircuitBreaker({ minRequests: 1000, ...opts }, c.now);
  return { b, c };
}

function fail(b: CircuitBreaker, n: number) {
  for (let i = 0; i < n; i++) {
    assert.equal(b.tryAcquire(), true);
    b.onFailure();
  }
}

function succeed(b: CircuitBreaker, n: number) {
  for (let i = 0; i < n; i++) {
    assert.equal(b.tryAcquire(), true);
    b.onSuccess();
  }
}

describe('closed', () => {
  test('starts closed and lets traffic through without reserving anything', () => {
    const { b } = breaker();
    assert.equal(b.state, 'closed');
    assert.equal(b.isAvailable(), true);
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.retryAt(), 0);
  });

  test('opens after consecutiveFailures failures in a row', () => {
    const { b, c } = breaker({ consecutiveFailures: 3 });
    fail(b, 2);
    assert.equal(b.state, 'closed');
    assert.equal(b.snapshot().consecutiveFailures, 2);
    fail(b, 1);
    assert.equal(b.state, 'open');
    assert.equal(b.tryAcquire(), false);
    assert.equal(b.isAvailable(), false);
    const s = b.snapshot();
    assert.equal(s.reason, 'consecutive_failures');
    assert.equal(s.openedAt, c.t);
    assert.equal(s.retryAt, c.t + 15_000);
    assert.equal(b.retryAt(), c.t + 15_000);
  });

  test('a success resets the run of failures', () => {
    const { b } = breaker({ consecutiveFailures: 3 });
    fail(b, 2);
    succeed(b, 1);
    fail(b, 2);
    assert.equal(b.state, 'closed');
    assert.equal(b.snapshot().consecutiveFailures, 2);
  });

  test('opens on the error rate only once the window holds minRequests outcomes', () => {
    const { b } = breaker({ consecutiveFailures: 100, errorRate: 0.5, minRequests: 10 });
    // alternate: 50% failures, never two in a row
    for (let i = 0; i < 4; i++) {
      succeed(b, 1);
      fail(b, 1);
    }
    assert.equal(b.snapshot().requestsInWindow, 8);
    assert.equal(b.snapshot().errorRate, 0.5);
    assert.equal(b.state, 'closed', 'below minRequests the rate does not count');
    succeed(b, 1);
    fail(b, 1); // 10 outcomes, 5 failures: 0.5 reaches the threshold
    assert.equal(b.state, 'open');
    assert.equal(b.snapshot().reason, 'error_rate');
  });

  test('stays closed while the error rate is below the threshold', () => {
    const { b } = breaker({ consecutiveFailures: 100, errorRate: 0.5, minRequests: 10 });
    for (let i = 0; i < 20; i++) {
      succeed(b, 2);
      fail(b, 1);
    }
    assert.equal(b.state, 'closed');
    assert.ok(Math.abs(b.snapshot().errorRate - 1 / 3) < 1e-9);
  });

  test('failures older than the window no longer count toward the error rate', () => {
    const { b, c } = breaker({ consecutiveFailures: 100, minRequests: 4, windowMs: 10_000 });
    fail(b, 1);
    succeed(b, 1);
    fail(b, 1);
    c.advance(9_000);
    assert.equal(b.snapshot().requestsInWindow, 3, 'still inside the window');
    c.advance(1_000); // those three slide out
    assert.equal(b.snapshot().requestsInWindow, 0);
    succeed(b, 3);
    fail(b, 1); // 4 in the window, 1 failure; with the old ones it would be 3 of 7
    assert.equal(b.state, 'closed');
    assert.equal(b.snapshot().errorRate, 0.25);
  });
});

describe('open → half_open → closed / open', () => {
  function opened(opts: ConstructorParameters<typeof CircuitBreaker>[0] = {}) {
    const r = breaker({ consecutiveFailures: 1, cooldownMs: 1000, maxCooldownMs: 5000, ...opts });
    fail(r.b, 1);
    assert.equal(r.b.state, 'open');
    return r;
  }

  test('moves to half_open once the cooldown has passed, and not before', () => {
    const { b, c } = opened();
    c.advance(999);
    assert.equal(b.state, 'open');
    assert.equal(b.tryAcquire(), false);
    c.advance(1);
    assert.equal(b.state, 'half_open');
    assert.equal(b.isAvailable(), true);
    assert.equal(b.retryAt(), 0);
  });

  test('reserves the probe slot: a second tryAcquire is refused while the probe is out', () => {
    const { b, c } = opened();
    c.advance(1000);
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.snapshot().probesInFlight, 1);
    assert.equal(b.isAvailable(), false);
    assert.equal(b.tryAcquire(), false);
    assert.equal(b.state, 'half_open');
    assert.equal(b.retryAt(), c.t, 'it depends on the probe, not on time');
  });

  test('isAvailable does not reserve the slot', () => {
    const { b, c } = opened();
    c.advance(1000);
    assert.equal(b.isAvailable(), true);
    assert.equal(b.isAvailable(), true);
    assert.equal(b.tryAcquire(), true);
  });

  test('a probe success closes it', () => {
    const { b, c } = opened();
    c.advance(1000);
    assert.equal(b.tryAcquire(), true);
    b.onSuccess();
    assert.equal(b.state, 'closed');
    const s = b.snapshot();
    assert.equal(s.reason, undefined);
    assert.equal(s.openedAt, undefined);
    assert.equal(s.consecutiveFailures, 0);
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.tryAcquire(), true);
  });

  test('a probe failure reopens it with the cooldown doubled, up to maxCooldownMs', () => {
    const { b, c } = opened();
    const cooldowns: number[] = [];
    for (let i = 0; i < 5; i++) {
      c.advance(b.retryAt() - c.t);
      assert.equal(b.tryAcquire(), true, `probe ${i}`);
      b.onFailure();
      assert.equal(b.state, 'open');
      assert.equal(b.snapshot().reason, 'probe_failed');
      assert.equal(b.snapshot().openedAt, c.t);
      cooldowns.push(b.retryAt() - c.t);
    }
    assert.deepEqual(cooldowns, [2000, 4000, 5000, 5000, 5000]);
  });

  test('closing resets the cooldown, and the failures that opened it are forgotten', () => {
    const { b, c } = breaker({ consecutiveFailures: 3, errorRate: 0.5, minRequests: 2, cooldownMs: 1000 });
    fail(b, 2); // 2 of 2 → open by error rate
    assert.equal(b.state, 'open');
    assert.equal(b.snapshot().reason, 'error_rate');
    c.advance(1000);
    assert.equal(b.tryAcquire(), true);
    b.onFailure(); // cooldown → 2000
    assert.equal(b.retryAt() - c.t, 2000);
    c.advance(2000);
    assert.equal(b.tryAcquire(), true);
    b.onSuccess();
    assert.equal(b.state, 'closed');
    assert.equal(b.snapshot().requestsInWindow, 0);
    assert.equal(b.snapshot().cooldownMs, 1000);
    fail(b, 1);
    assert.equal(b.state, 'closed', 'with the old outcomes in the window this would be 4 failures of 5');
    fail(b, 1);
    assert.equal(b.state, 'open', '2 of 2 after closing');
    assert.equal(b.retryAt() - c.t, 1000, 'the cooldown is back to cooldownMs');
  });

  test('release frees the probe slot and records nothing', () => {
    const { b, c } = opened();
    c.advance(1000);
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.tryAcquire(), false);
    const before = b.snapshot();
    b.release();
    assert.equal(b.state, 'half_open');
    const after = b.snapshot();
    assert.equal(after.requestsInWindow, before.requestsInWindow);
    assert.equal(after.probesInFlight, 0);
    assert.equal(b.tryAcquire(), true);
  });

  test('release in closed is harmless', () => {
    const { b } = breaker({ consecutiveFailures: 2 });
    b.release();
    b.release();
    assert.equal(b.state, 'closed');
    assert.equal(b.snapshot().requestsInWindow, 0);
  });

  test('several probes at once, and that many successes to close', () => {
    const { b, c } = opened({ halfOpenProbes: 2 });
    c.advance(1000);
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.tryAcquire(), false);
    b.onSuccess();
    assert.equal(b.state, 'half_open', 'one success of two');
    assert.equal(b.tryAcquire(), true, 'the freed slot can probe again');
    b.onSuccess();
    assert.equal(b.state, 'closed');
  });

  test('halfOpenSuccesses can ask for more successes than concurrent probes', () => {
    const { b, c } = opened({ halfOpenProbes: 1, halfOpenSuccesses: 3 });
    c.advance(1000);
    for (let i = 0; i < 2; i++) {
      assert.equal(b.tryAcquire(), true);
      b.onSuccess();
      assert.equal(b.state, 'half_open');
    }
    assert.equal(b.tryAcquire(), true);
    b.onSuccess();
    assert.equal(b.state, 'closed');
  });

  test('a failure after some probe successes reopens it', () => {
    const { b, c } = opened({ halfOpenProbes: 1, halfOpenSuccesses: 2 });
    c.advance(1000);
    assert.equal(b.tryAcquire(), true);
    b.onSuccess();
    assert.equal(b.tryAcquire(), true);
    b.onFailure();
    assert.equal(b.state, 'open');
    c.advance(2000);
    assert.equal(b.tryAcquire(), true);
    b.onSuccess();
    assert.equal(b.state, 'half_open', 'the count of successes starts again');
  });

  test('outcomes of requests that started before it opened are counted but do not close it', () => {
    const { b } = breaker({ consecutiveFailures: 2, cooldownMs: 1000 });
    assert.equal(b.tryAcquire(), true); // a long request, still running
    fail(b, 2);
    assert.equal(b.state, 'open');
    b.onSuccess(); // the long request finishes
    assert.equal(b.state, 'open');
    assert.equal(b.snapshot().requestsInWindow, 3);
  });
});

describe('coolDown (429)', () => {
  test('makes it unavailable until the time has passed, reported as open/cooling', () => {
    const { b, c } = breaker();
    b.coolDown(3000);
    assert.equal(b.state, 'open');
    assert.equal(b.tryAcquire(), false);
    assert.equal(b.isAvailable(), false);
    assert.equal(b.retryAt(), c.t + 3000);
    const s = b.snapshot();
    assert.equal(s.reason, 'cooling');
    assert.equal(s.coolingUntil, c.t + 3000);
    assert.equal(s.retryAt, c.t + 3000);
    assert.equal(s.openedAt, undefined, 'it never opened');
    c.advance(2999);
    assert.equal(b.tryAcquire(), false);
    c.advance(1);
    assert.equal(b.state, 'closed');
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.snapshot().coolingUntil, undefined);
  });

  test('does not count as a failure toward opening', () => {
    const { b, c } = breaker({ consecutiveFailures: 2 });
    fail(b, 1);
    b.coolDown(100);
    b.release();
    c.advance(100);
    assert.equal(b.snapshot().consecutiveFailures, 1);
    assert.equal(b.snapshot().requestsInWindow, 1);
    assert.equal(b.state, 'closed');
  });

  test('a shorter cooling does not cut a longer one short; zero or negative is ignored', () => {
    const { b, c } = breaker();
    b.coolDown(5000);
    b.coolDown(1000);
    b.coolDown(0);
    b.coolDown(-5);
    b.coolDown(Number.NaN);
    assert.equal(b.retryAt(), c.t + 5000);
  });

  test('cooling in half_open holds the probes back until it ends', () => {
    const { b, c } = breaker({ consecutiveFailures: 1, cooldownMs: 1000 });
    fail(b, 1);
    c.advance(1000);
    b.coolDown(500);
    assert.equal(b.state, 'open');
    assert.equal(b.tryAcquire(), false);
    assert.equal(b.retryAt(), c.t + 500);
    c.advance(500);
    assert.equal(b.state, 'half_open');
    assert.equal(b.tryAcquire(), true);
  });

  test('while open, retryAt is the later of the cooldown and the cooling', () => {
    const { b, c } = breaker({ consecutiveFailures: 1, cooldownMs: 1000 });
    fail(b, 1);
    b.coolDown(4000);
    assert.equal(b.retryAt(), c.t + 4000);
    assert.equal(b.snapshot().reason, 'cooling');
    c.advance(4000);
    assert.equal(b.state, 'half_open');
  });
});

describe('options', () => {
  test('defaults', () => {
    const b = new CircuitBreaker();
    assert.deepEqual(b.options, {
      consecutiveFailures: 5,
      errorRate: 0.5,
      minRequests: 20,
      windowMs: 30_000,
      cooldownMs: 15_000,
      maxCooldownMs: 120_000,
      halfOpenProbes: 1,
      halfOpenSuccesses: 1,
      windowBuckets: 10,
    });
  });

  test('halfOpenSuccesses defaults to halfOpenProbes; undefined fields take the default', () => {
    const b = new CircuitBreaker({ halfOpenProbes: 3, cooldownMs: undefined });
    assert.equal(b.options.halfOpenSuccesses, 3);
    assert.equal(b.options.cooldownMs, 15_000);
  });

  test('rejects nonsense with a message naming the option', () => {
    assert.throws(() => new CircuitBreaker({ consecutiveFailures: 0 }), /consecutiveFailures must be/);
    assert.throws(() => new CircuitBreaker({ errorRate: 1.5 }), /errorRate must be in \(0, 1\]/);
    assert.throws(() => new CircuitBreaker({ minRequests: 0 }), /minRequests must be/);
    assert.throws(() => new CircuitBreaker({ cooldownMs: -1 }), /cooldownMs must be/);
    assert.throws(() => new CircuitBreaker({ cooldownMs: 10_000, maxCooldownMs: 5000 }), /maxCooldownMs/);
    assert.throws(() => new CircuitBreaker({ halfOpenProbes: 1.5 }), /halfOpenProbes must be/);
  });
});
