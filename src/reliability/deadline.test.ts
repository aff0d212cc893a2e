import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { createDeadline } from './deadline.js';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

test('aborts with a TimeoutError when the time is up', () => {
  const c = clock();
  const d = createDeadline(5000, undefined, c.now);
  assert.equal(d.at, c.t + 5000);
  assert.equal(d.remaining(), 5000);
  assert.equal(d.expired(), false);
  c.t += 4999;
  mock.timers.tick(4999);
  assert.equal(d.signal.aborted, false);
  assert.equal(d.remaining(), 1);
  c.t += 1;
  mock.timers.tick(1);
  assert.equal(d.signal.aborted, true);
  assert.equal((d.signal.reason as DOMException).name, 'TimeoutError');
  assert.equal(d.expired(), true);
  assert.equal(d.remaining(), 0);
});

test('remaining and expired follow the clock', () => {
  const c = clock();
  const d = createDeadline(1000, undefined, c.now);
  c.t += 1500;
  assert.equal(d.remaining(), 0);
  assert.equal(d.expired(), true);
  d.dispose();
});

test("follows the parent: the client's abort reason comes through", () => {
  const parent = new AbortController();
  const d = createDeadline(5000, parent.signal);
  const reason = new Error('client went away');
  parent.abort(reason);
  assert.equal(d.signal.aborted, true);
  assert.equal(d.signal.reason, reason);
  assert.equal(d.expired(), false, 'aborted, not expired');
  mock.timers.tick(5000); // the timer was cleared: nothing changes
  assert.equal(d.signal.reason, reason);
});

test('an already aborted parent aborts at once', () => {
  const parent = new AbortController();
  parent.abort('gone');
  const d = createDeadline(5000, parent.signal);
  assert.equal(d.signal.aborted, true);
  assert.equal(d.signal.reason, 'gone');
});

test('zero or negative time aborts at once', () => {
  const d = createDeadline(0);
  assert.equal(d.signal.aborted, true);
  assert.equal((d.signal.reason as DOMException).name, 'TimeoutError');
  assert.equal(d.expired(), true);
  assert.equal(createDeadline(-10).signal.aborted, true);
});

test('dispose clears the timer and stops following the parent', () => {
  const parent = new AbortController();
  const d = createDeadline(1000, parent.signal);
  d.dispose();
  d.dispose();
  mock.timers.tick(2000);
  parent.abort();
  assert.equal(d.signal.aborted, false);
});

test('deadlines nest: a per-attempt deadline under the request deadline', () => {
  const request = createDeadline(10_000);
  const attempt = createDeadline(2000, request.signal);
  mock.timers.tick(2000);
  assert.equal(attempt.signal.aborted, true);
  assert.equal(request.signal.aborted, false);
  const next = createDeadline(8000, request.signal);
  request.dispose();
  assert.equal(next.signal.aborted, false);
  mock.timers.tick(8000);
  assert.equal(next.signal.aborted, true);
});

test('an infinite deadline has no timer', () => {
  const d = createDeadline(Number.POSITIVE_INFINITY);
  assert.equal(d.remaining(), Number.POSITIVE_INFINITY);
  mock.timers.tick(2 ** 31);
  assert.equal(d.signal.aborted, false);
  assert.throws(() => createDeadline(Number.NaN), /NaN/);
});

test('the timer is unref’d so it never keeps the process alive, and cleared by dispose', () => {
  mock.timers.reset();
  const unref = mock.fn();
  const handle = { unref };
  const set = mock.method(globalThis, 'setTimeout', () => handle);
  const clear = mock.method(globalThis, 'clearTimeout', () => {});
  try {
    const d = createDeadline(1000);
    assert.equal(set.mock.callCount(), 1);
    assert.equal(set.mock.calls[0].arguments[1], 1000);
    assert.equal(unref.mock.callCount(), 1);
    d.dispose();
    assert.equal(clear.mock.callCount(), 1);
    assert.equal(clear.mock.calls[0].arguments[0], handle);
  } finally {
    set.mock.restore();
    clear.mock.restore();
  }
});
