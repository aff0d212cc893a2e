import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseGeminiUpstreamError } from './parse-gemini-upstream-error.js';

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('parseGeminiUpstreamError', () => {
  test("Google's error object", () => {
    assert.deepEqual(
      parseGeminiUpstreamError(
        400,
        buf({
          error: {
            code: 400,
            message: 'Function call is missing a thought_signature in functionCall parts.',
            status: 'INVALID_ARGUMENT',
          },
        }),
      ),
      {
        message: 'Function call is missing a thought_signature in functionCall parts.',
        type: 'INVALID_ARGUMENT',
      },
    );
  });

  test('the array form', () => {
    assert.deepEqual(
      parseGeminiUpstreamError(
        429,
        buf([{ error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } }]),
      ),
      { message: 'Resource has been exhausted', type: 'RESOURCE_EXHAUSTED' },
    );
  });

  test('non-JSON and odd bodies', () => {
    assert.deepEqual(parseGeminiUpstreamError(502, buf('<html>Bad Gateway</html>')), {
      message: '<html>Bad Gateway</html>',
    });
    assert.deepEqual(parseGeminiUpstreamError(500, buf('')), {
      message: 'Gemini returned HTTP 500 with an empty body',
    });
    assert.deepEqual(parseGeminiUpstreamError(500, buf({ error: {} })), {
      message: 'Gemini returned HTTP 500',
    });
    assert.deepEqual(parseGeminiUpstreamError(400, buf({ error: 'bad key' })), { message: 'bad key' });
    const long = parseGeminiUpstreamError(500, buf('x'.repeat(2000)));
    assert.equal(long.message.length, 501);
  });
});
