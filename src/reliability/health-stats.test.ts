import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HealthStats } from './health-stats.js';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

const close = (a: number | undefined, b: number) =>
  assert.ok(a !== undefined && Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

test('the first sample is the average, then each new one weighs alpha', () => {
  const s = new HealthStats({ alpha: 0.2 });
  assert.equal(s.latencyEwma, undefined);
  s.recordLatency(1000);
  assert.equal(s.latencyEwma, 1000);
  s.recordLatency(2000); // 0.2·2000 + 0.8·1000
  close(s.latencyEwma, 1200);
  s.recordLatency(200); // 0.2·200 + 0.8·1200
  close(s.latencyEwma, 1000);
});

test('the EWMA converges on a steady latency', () => {
  const s = new HealthStats();
  s.recordLatency(5000);
  for (let i = 0; i < 60; i++) s.recordLatency(100);
  assert.ok(Math.abs(s.latencyEwma! - 100) < 1, `${s.latencyEwma}`);
});

test('time to first token has its own EWMA; alpha 1 keeps only the last sample', () => {
  const s = new HealthStats({ alpha: 1 });
  s.recordTtft(300);
  s.recordTtft(120);
  assert.equal(s.ttftEwma, 120);
  assert.equal(s.latencyEwma, undefined);
});

test('negative and non-finite samples are ignored', () => {
  const s = new HealthStats();
  s.recordLatency(Number.NaN);
  s.recordLatency(-5);
  assert.equal(s.latencyEwma, undefined);
  s.recordLatency(100);
  s.recordLatency(Number.POSITIVE_INFINITY);
  assert.equal(s.latencyEwma, 100);
});

test('error rate over the window, totals for life', () => {
  const c = clock();
  const s = new HealthStats({ windowMs: 60_000 }, c.now);
  s.recordOutcome(false);
  s.recordOutcome(false);
  s.recordOutcome(true);
  s.recordOutcome(true);
  assert.equal(s.errorRate, 0.5);
  c.t += 60_000;
  assert.equal(s.errorRate, 0, 'the window has passed');
  s.recordOutcome(false);
  assert.equal(s.errorRate, 1);
  assert.deepEqual(s.snapshot(), {
    inFlight: 0,
    latencyEwmaMs: null,
    ttftEwmaMs: null,
    errorRate: 1,
    requests: 5,
    failures: 3,
  });
});

test('begin / end keep inFlight, never below zero', () => {
  const s = new HealthStats();
  s.begin();
  s.begin();
  assert.equal(s.inFlight, 2);
  s.end();
  s.end();
  s.end();
  assert.equal(s.inFlight, 0);
});

test('snapshot carries the EWMAs', () => {
  const s = new HealthStats();
  s.begin();
  s.recordLatency(800);
  s.recordTtft(90);
  const snap = s.snapshot();
  assert.equal(snap.inFlight, 1);
  assert.equal(snap.latencyEwmaMs, 800);
  assert.equal(snap.ttftEwmaMs, 90);
});

test('rejects an alpha outside (0, 1]', () => {
  assert.throws(() => new HealthStats({ alpha: 0 }), /alpha must be in \(0, 1\]/);
  assert.throws(() => new HealthStats({ alpha: 1.1 }), /alpha/);
});
