import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateOpenAI } from '../../../test/schemas/openai-chat.js';
import { GatewayError, type GatewayErrorKind } from '../../canonical/index.js';
import { renderOpenAIError, renderOpenAIStreamError } from './render-openai-error.js';

describe('renderOpenAIError', () => {
  test('an invalid request names the param', () => {
    const r = renderOpenAIError(
      new GatewayError('invalid_request', "Missing required parameter: 'model'.", { param: 'model' }),
    );
    validateOpenAI('error', r.body);
    assert.deepEqual(r, {
      status: 400,
      body: {
        error: {
          message: "Missing required parameter: 'model'.",
          type: 'invalid_request_error',
          param: 'model',
          code: null,
        },
      },
    });
  });

  const cases: Array<[GatewayErrorKind, number, string, string | null]> = [
    ['authentication', 401, 'authentication_error', 'invalid_api_key'],
    ['permission', 403, 'permission_error', null],
    ['not_found', 404, 'invalid_request_error', null],
    ['request_too_large', 413, 'invalid_request_error', null],
    ['unsupported_media_type', 415, 'invalid_request_error', null],
    ['rate_limit', 429, 'rate_limit_error', 'rate_limit_exceeded'],
    ['upstream_error', 502, 'server_error', null],
    ['overloaded', 503, 'server_error', null],
    ['timeout', 504, 'server_error', null],
    ['internal', 500, 'server_error', null],
  ];
  for (const [kind, status, type, code] of cases) {
    test(`${kind} -> ${status} ${type}`, () => {
      const r = renderOpenAIError(new GatewayError(kind, 'msg'));
      validateOpenAI('error', r.body);
      assert.equal(r.status, status);
      assert.deepEqual(r.body.error, { message: 'msg', type, param: null, code });
    });
  }

  test("the error's own code wins (model_not_found)", () => {
    const r = renderOpenAIError(
      new GatewayError('not_found', 'The model `x` does not exist', { code: 'model_not_found' }),
    );
    assert.equal(r.body.error.code, 'model_not_found');
    assert.equal(r.body.error.type, 'invalid_request_error');
  });

  test('an explicit status is kept (529 from Anthropic)', () => {
    assert.equal(renderOpenAIError(new GatewayError('overloaded', 'busy', { status: 529 })).status, 529);
  });
});

describe('renderOpenAIStreamError', () => {
  test('an SSE data event with the OpenAI error body', () => {
    const sse = renderOpenAIStreamError({ status: 429, message: 'slow down', kind: 'rate_limit' });
    assert.match(sse, /^data: .*\n\n$/);
    const body = JSON.parse(sse.slice(6));
    validateOpenAI('error', body);
    assert.deepEqual(body, {
      error: { message: 'slow down', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
    });
  });

  test('without a kind, the status decides', () => {
    const body = JSON.parse(renderOpenAIStreamError({ status: 500, message: 'x' }).slice(6));
    assert.equal(body.error.type, 'server_error');
    const unknownKind = JSON.parse(
      renderOpenAIStreamError({ status: 400, message: 'x', kind: 'weird' }).slice(6),
    );
    assert.equal(unknownKind.error.type, 'invalid_request_error');
  });
});
