import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { carryRedacted, carrySignature, readCarried } from './reasoning-carrier.js';

test("OpenAI's own state goes as it is; others' are wrapped and read back with their origin", () => {
  assert.equal(carrySignature({ signature: 'gAAAA1', signatureOrigin: 'openai' }), 'gAAAA1');
  assert.equal(carrySignature({ signature: undefined }), undefined);
  const wrapped = carrySignature({ signature: 'abc.def', signatureOrigin: 'gemini' })!;
  assert.equal(wrapped, 'sy1.gemini.abc.def');
  assert.deepEqual(readCarried(wrapped, 'p'), { kind: 'signature', signature: 'abc.def', origin: 'gemini' });
  assert.deepEqual(readCarried('gAAAA1', 'p'), { kind: 'signature', signature: 'gAAAA1', origin: 'openai' });
  const redacted = carryRedacted({ type: 'redacted_reasoning', data: 'D', origin: 'anthropic' });
  assert.deepEqual(readCarried(redacted, 'p'), { kind: 'redacted', data: 'D', origin: 'anthropic' });
});

test('a wrapped value that was tampered with is a 400 naming the field', () => {
  assert.throws(
    () => readCarried('sy1.someone.x', 'input[2].encrypted_content'),
    (e: unknown) => e instanceof GatewayError && e.status === 400 && e.param === 'input[2].encrypted_content',
  );
  assert.throws(() => readCarried('sy1.anthropic.', 'p'), GatewayError);
});
