import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBedrockUpstreamError } from './parse-bedrock-upstream-error.js';

test("Bedrock's message (and __type when present) is read", () => {
  assert.deepEqual(parseBedrockUpstreamError(400, Buffer.from('{"message":"Malformed input request"}')), {
    message: 'Malformed input request',
  });
  assert.deepEqual(
    parseBedrockUpstreamError(
      403,
      Buffer.from(
        '{"Message":"Signature mismatch","__type":"com.amazon.coral.service#InvalidSignatureException"}',
      ),
    ),
    { message: 'Signature mismatch', type: 'InvalidSignatureException' },
  );
});

test('other bodies give their text, or the status when empty', () => {
  assert.equal(parseBedrockUpstreamError(502, Buffer.from('Bad Gateway')).message, 'Bad Gateway');
  assert.match(parseBedrockUpstreamError(500, Buffer.alloc(0)).message, /HTTP 500 with an empty body/);
});
