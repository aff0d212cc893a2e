import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { createSseReader } from '../sse/index.js';
import { renderAnthropicError, renderAnthropicStreamError } from './render-error.js';

describe('renderAnthropicError', () => {
  test('invalid request → 400 invalid_request_error with the message', () => {
    const r = renderAnthropicError(
      new GatewayError('invalid_request', 'max_tokens: field required', { param: 'max_tokens' }),
    );
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: field required' },
    });
  });

  test('types by kind', () => {
    const cases: Array<[ConstructorParameters<typeof GatewayError>[0], number, string]> = [
      ['authentication', 401, 'authentication_error'],
      ['permission', 403, 'permission_error'],
      ['not_found', 404, 'not_found_error'],
      ['request_too_large', 413, 'request_too_large'],
      ['rate_limit', 429, 'rate_limit_error'],
      ['upstream_error', 502, 'api_error'],
      ['overloaded', 503, 'overloaded_error'],
      ['timeout', 504, 'timeout_error'],
      ['internal', 500, 'api_error'],
    ];
    for (const [kind, status, type] of cases) {
      const r = renderAnthropicError(new GatewayError(kind, 'm'));
      assert.equal(r.status, status, kind);
      assert.equal(r.body.error.type, type, kind);
    }
  });

  test('an explicit 529 stays 529 overloaded_error', () => {
    const r = renderAnthropicError(new GatewayError('overloaded', 'Overloaded', { status: 529 }));
    assert.equal(r.status, 529);
    assert.equal(r.body.error.type, 'overloaded_error');
  });

  test("an upstream's Anthropic type wins over the kind's", () => {
    const r = renderAnthropicError(
      new GatewayError('invalid_request', 'credit balance too low', {
        status: 402,
        upstreamType: 'billing_error',
      }),
    );
    assert.equal(r.body.error.type, 'billing_error');
    // a foreign type is not passed on
    const o = renderAnthropicError(new GatewayError('upstream_error', 'x', { upstreamType: 'server_error' }));
    assert.equal(o.body.error.type, 'api_error');
  });

  test("an Anthropic upstream's own body passes through", () => {
    const upstreamBody = Buffer.from(
      JSON.stringify({
        type: 'error',
        error: { type: 'rate_limit_error', message: 'slow down' },
        request_id: 'r',
      }),
    );
    const r = renderAnthropicError(
      new GatewayError('rate_limit', 'rate limited by anthropic', {
        upstreamBody,
        upstreamProtocol: 'anthropic',
      }),
    );
    assert.deepEqual(r.body, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } });
    // a body from another protocol is not
    const o = renderAnthropicError(
      new GatewayError('rate_limit', 'rate limited', { upstreamBody, upstreamProtocol: 'openai-chat' }),
    );
    assert.equal(o.body.error.message, 'rate limited');
    // nor a malformed one
    const bad = renderAnthropicError(
      new GatewayError('rate_limit', 'rl', {
        upstreamBody: Buffer.from('<html>'),
        upstreamProtocol: 'anthropic',
      }),
    );
    assert.equal(bad.body.error.message, 'rl');
  });
});

describe('renderAnthropicStreamError', () => {
  const parse = (sse: string) => {
    const events = createSseReader().push(sse);
    assert.equal(events.length, 1);
    return { event: events[0]!.event, data: JSON.parse(events[0]!.data) };
  };

  test('an error event with the type from the kind', () => {
    const sse = renderAnthropicStreamError({ status: 529, message: 'Overloaded', kind: 'overloaded' });
    assert.match(sse, /^event: error\ndata: /);
    assert.ok(sse.endsWith('\n\n'));
    assert.deepEqual(parse(sse), {
      event: 'error',
      data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
  });

  test('without a kind, the type comes from the status', () => {
    assert.equal(
      parse(renderAnthropicStreamError({ status: 429, message: 'x' })).data.error.type,
      'rate_limit_error',
    );
    assert.equal(
      parse(renderAnthropicStreamError({ status: 502, message: 'x' })).data.error.type,
      'api_error',
    );
    assert.equal(
      parse(renderAnthropicStreamError({ status: 504, message: 'x', kind: 'bogus' })).data.error.type,
      'timeout_error',
    );
  });
});
