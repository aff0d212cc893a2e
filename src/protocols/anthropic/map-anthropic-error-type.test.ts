import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kindForStatus } from '../../canonical/index.js';
import {
  errorTypeForKind,
  errorTypeForStatus,
  isAnthropicErrorType,
  statusForErrorType,
} from './map-anthropic-error-type.js';

describe('map-anthropic-error-type', () => {
  test('every gateway kind has an Anthropic type', () => {
    assert.equal(errorTypeForKind('invalid_request'), 'invalid_request_error');
    assert.equal(errorTypeForKind('authentication'), 'authentication_error');
    assert.equal(errorTypeForKind('permission'), 'permission_error');
    assert.equal(errorTypeForKind('not_found'), 'not_found_error');
    assert.equal(errorTypeForKind('request_too_large'), 'request_too_large');
    assert.equal(errorTypeForKind('unsupported_media_type'), 'invalid_request_error');
    assert.equal(errorTypeForKind('rate_limit'), 'rate_limit_error');
    assert.equal(errorTypeForKind('upstream_error'), 'api_error');
    assert.equal(errorTypeForKind('overloaded'), 'overloaded_error');
    assert.equal(errorTypeForKind('timeout'), 'timeout_error');
    assert.equal(errorTypeForKind('internal'), 'api_error');
    assert.equal(errorTypeForKind('no_such_kind'), undefined);
    assert.equal(errorTypeForKind('constructor'), undefined);
  });

  test('status to type', () => {
    assert.equal(errorTypeForStatus(400), 'invalid_request_error');
    assert.equal(errorTypeForStatus(401), 'authentication_error');
    assert.equal(errorTypeForStatus(402), 'billing_error');
    assert.equal(errorTypeForStatus(413), 'request_too_large');
    assert.equal(errorTypeForStatus(429), 'rate_limit_error');
    assert.equal(errorTypeForStatus(529), 'overloaded_error');
    assert.equal(errorTypeForStatus(503), 'overloaded_error');
    assert.equal(errorTypeForStatus(504), 'timeout_error');
    assert.equal(errorTypeForStatus(502), 'api_error');
    assert.equal(errorTypeForStatus(418), 'invalid_request_error');
  });

  test('type to status, and on to the gateway kind', () => {
    assert.equal(statusForErrorType('overloaded_error'), 529);
    assert.equal(kindForStatus(statusForErrorType('overloaded_error')), 'overloaded');
    assert.equal(statusForErrorType('rate_limit_error'), 429);
    assert.equal(statusForErrorType('api_error'), 500);
    assert.equal(statusForErrorType('timeout_error'), 504);
    assert.equal(statusForErrorType('made_up_error'), 500);
    assert.equal(isAnthropicErrorType('toString'), false);
    assert.equal(isAnthropicErrorType('billing_error'), true);
  });
});
