import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutcomeWindow } from './outcome-window.js';

function clock(start = 0) {
  const c = { t: start, now: () => c.t };
  return c;
}

test('counts outcomes and failures inside the window', () => {
  const c = clock(50_000);
  const w = new OutcomeWindow(10_000, 10, c.now);
  assert.deepEqual(w.counts(), { total: 0, failures: 0 });
  assert.equal(w.errorRate(), 0);
  w.record(true);
  w.record(false);
  c.t += 3_000;
  w.record(false);
  w.record(true);
  assert.deepEqual(w.counts(), { total: 4, failures: 2 });
  assert.equal(w.errorRate(), 0.5);
});

test('slides a bucket at a time', () => {
  const c = clock(0);
  const w = new OutcomeWindow(10_000, 10, c.now); // 1s buckets
  w.record(false); // bucket 0
  c.t = 5_500;
  w.record(true); // bucket 5
  c.t = 9_999;
  assert.deepEqual(w.counts(), { total: 2, failures: 1 });
  c.t = 10_000; // bucket 10: bucket 0 has left the window
  assert.deepEqual(w.counts(), { total: 1, failures: 0 });
  c.t = 14_999;
  assert.deepEqual(w.counts(), { total: 1, failures: 0 });
  c.t = 15_000; // bucket 15: bucket 5 [5000, 6000) has left
  assert.deepEqual(w.counts(), { total: 0, failures: 0 });
});

test('a reused ring slot starts from zero', () => {
  const c = clock(0);
  const w = new OutcomeWindow(1_000, 4, c.now);
  for (let i = 0; i < 5; i++) w.record(false);
  c.t = 1_000; // same slot (index 4 % 4 = 0), new bucket
  w.record(true);
  assert.deepEqual(w.counts(), { total: 1, failures: 0 });
});

test('reset forgets everything', () => {
  const c = clock(0);
  const w = new OutcomeWindow(1_000, 4, c.now);
  w.record(false);
  w.reset();
  assert.deepEqual(w.counts(), { total: 0, failures: 0 });
});

test('rejects a window that cannot work', () => {
  assert.throws(() => new OutcomeWindow(0), /windowMs must be a positive number/);
  assert.throws(() => new OutcomeWindow(1000, 0), /buckets must be a positive integer/);
});
