import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { googleStatusName, renderGeminiError, renderGeminiStreamError } from './render-gemini-error.js';

test("gateway errors in Google's shape, with the gRPC status name of their HTTP status", () => {
  assert.deepEqual(renderGeminiError(new GatewayError('not_found', 'no such model')), {
    status: 404,
    body: { error: { code: 404, message: 'no such model', status: 'NOT_FOUND' } },
  });
  assert.equal(
    renderGeminiError(new GatewayError('authentication', 'bad key')).body.error.status,
    'UNAUTHENTICATED',
  );
  assert.equal(
    renderGeminiError(new GatewayError('rate_limit', 'slow down')).body.error.status,
    'RESOURCE_EXHAUSTED',
  );
  assert.equal(googleStatusName(502), 'UNAVAILABLE');
  assert.equal(googleStatusName(418), 'UNKNOWN');
});

test("a Gemini provider's own body is kept; its status name is kept for a 4xx without one", () => {
  const body = { error: { code: 400, message: 'Bad schema', status: 'INVALID_ARGUMENT', details: [] } };
  const err = new GatewayError('invalid_request', 'Bad schema', {
    upstreamBody: Buffer.from(JSON.stringify([body])),
    upstreamProtocol: 'gemini',
  });
  assert.deepEqual(renderGeminiError(err).body, body);
  const typed = new GatewayError('invalid_request', 'x', {
    upstreamProtocol: 'gemini',
    upstreamType: 'FAILED_PRECONDITION',
  });
  assert.equal(renderGeminiError(typed).body.error.status, 'FAILED_PRECONDITION');
});

test('a stream error is a CRLF-terminated data event', () => {
  assert.equal(
    renderGeminiStreamError({ status: 504, message: 'late' }),
    'data: {"error":{"code":504,"message":"late","status":"DEADLINE_EXCEEDED"}}\r\n\r\n',
  );
});
