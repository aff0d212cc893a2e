// Liveness and readiness need no key; readiness turns 503 when no deployment can take traffic.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness({
    config: { breaker: { consecutive_failures: 1, cooldown_ms: 60_000 }, simulator: { enabled: false } },
  });
});
after(async () => {
  await h?.close();
});

test('GET /health and /ready answer without a key', async () => {
  const health = await fetch(`${h.url}/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });
  const ready = await fetch(`${h.url}/ready`);
  assert.equal(ready.status, 200);
});

test('/ready is 503 once every known deployment has its circuit open', async () => {
  h.openaiUp.script({ status: 500 });
  const r = await h.post('/v1/chat/completions', {
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'x' }],
  });
  assert.equal(r.status, 502);
  const ready = await fetch(`${h.url}/ready`);
  assert.equal(ready.status, 503);
});
