import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAnthropicUpstreamError } from './parse-upstream-error.js';

const buf = (s: string) => Buffer.from(s, 'utf8');

describe('parseAnthropicUpstreamError', () => {
  test('reads Anthropic error bodies', () => {
    const body = {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
    };
    assert.deepEqual(parseAnthropicUpstreamError(529, buf(JSON.stringify(body))), {
      message: 'Overloaded',
      type: 'overloaded_error',
    });
  });

  test('error object without a type', () => {
    assert.deepEqual(parseAnthropicUpstreamError(400, buf('{"error":{"message":"bad"}}')), {
      message: 'bad',
    });
  });

  test('other JSON shapes from proxies', () => {
    assert.deepEqual(parseAnthropicUpstreamError(502, buf('{"error":"upstream down"}')), {
      message: 'upstream down',
    });
    assert.deepEqual(parseAnthropicUpstreamError(502, buf('{"message":"nope"}')), { message: 'nope' });
  });

  test('non-JSON bodies become the message, collapsed and truncated', () => {
    assert.deepEqual(
      parseAnthropicUpstreamError(413, buf('<html>\n<body>413 Request Entity Too Large</body>\n</html>')),
      {
        message: '<html> <body>413 Request Entity Too Large</body> </html>',
      },
    );
    const long = parseAnthropicUpstreamError(500, buf('x'.repeat(2000)));
    assert.ok(long.message.length <= 501);
    assert.equal(long.type, undefined);
  });

  test('empty body names the status', () => {
    assert.match(parseAnthropicUpstreamError(503, buf('')).message, /HTTP 503/);
  });

  test('JSON that is not an error object falls back to the text', () => {
    assert.deepEqual(parseAnthropicUpstreamError(500, buf('[1,2]')), { message: '[1,2]' });
  });
});
