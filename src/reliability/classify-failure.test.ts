import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyFailure, type FailureInfo } from './classify-failure.js';

// [failure, retryable, sameDeployment, countsAgainstHealth, coolsDeployment]
const table: [string, FailureInfo, boolean, boolean, boolean, boolean][] = [
  ['connection error', { kind: 'connect' }, true, true, true, false],
  ['timeout before the first byte', { kind: 'timeout' }, true, true, true, false],
  ['malformed upstream response', { kind: 'malformed' }, true, true, true, false],
  ['client went away', { kind: 'aborted' }, false, false, false, false],
  ['stream broke after reaching the client', { kind: 'stream_broken' }, false, false, true, false],
  [
    'stream broke before anything was sent',
    { kind: 'stream_broken', committed: false },
    true,
    true,
    true,
    false,
  ],
  ['408', { kind: 'status', status: 408 }, true, true, true, false],
  ['409', { kind: 'status', status: 409 }, true, true, false, false],
  ['429', { kind: 'status', status: 429 }, true, false, false, true],
  ['500', { kind: 'status', status: 500 }, true, true, true, false],
  ['502', { kind: 'status', status: 502 }, true, true, true, false],
  ['503', { kind: 'status', status: 503 }, true, true, true, false],
  ['504', { kind: 'status', status: 504 }, true, true, true, false],
  ['529 (Anthropic overloaded)', { kind: 'status', status: 529 }, true, true, true, false],
  ['401 (our credentials at that provider)', { kind: 'status', status: 401 }, true, false, true, false],
  ['403', { kind: 'status', status: 403 }, true, false, true, false],
  ['402 (our account at that provider)', { kind: 'status', status: 402 }, true, false, true, false],
  ['400', { kind: 'status', status: 400 }, false, false, false, false],
  ['404', { kind: 'status', status: 404 }, false, false, false, false],
  ['413', { kind: 'status', status: 413 }, false, false, false, false],
  ['422', { kind: 'status', status: 422 }, false, false, false, false],
  ['status kind without a status', { kind: 'status' }, true, true, true, false],
  ['a non-error status', { kind: 'status', status: 302 }, true, true, true, false],
];

for (const [name, info, retryable, sameDeployment, countsAgainstHealth, coolsDeployment] of table) {
  test(`${name} → ${retryable ? 'retry' : 'no retry'}`, () => {
    assert.deepEqual(classifyFailure(info), {
      retryable,
      sameDeployment,
      countsAgainstHealth,
      coolsDeployment,
    });
  });
}

test('nothing is retried once the client has part of the response; health still counts', () => {
  for (const kind of ['connect', 'timeout', 'malformed', 'stream_broken'] as const) {
    const c = classifyFailure({ kind, committed: true });
    assert.equal(c.retryable, false, kind);
    assert.equal(c.sameDeployment, false, kind);
    assert.equal(c.countsAgainstHealth, true, kind);
  }
  assert.equal(classifyFailure({ kind: 'status', status: 503, committed: true }).retryable, false);
});
