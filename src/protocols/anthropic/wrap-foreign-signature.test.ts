import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import {
  FOREIGN_SIGNATURE_PREFIX,
  isWrappedForeignSignature,
  unwrapForeignSignature,
  wrapForeignSignature,
} from './wrap-foreign-signature.js';

// a real Anthropic thinking signature (base64) and a real Gemini thoughtSignature, both from fixtures
const CLAUDE = 'CAISqwQKhwEIEBgCKkAciZInI2gcLrwOU5o9XFlIxHw9HaLIY6V9wHoK2E0w9TFrU5619C4CclxQ==';
const GEMINI = 'EswFCskFAb4+9vu5+eCedpmcjHHK+yjyrSAIGVBHj03GrObE+hduQ213f7FDz0UD+aLw3SDPDBkaK69O';

describe('wrapForeignSignature', () => {
  test("another provider's value is wrapped with its origin", () => {
    assert.equal(wrapForeignSignature(GEMINI, 'gemini'), `sy1.gemini.${GEMINI}`);
  });

  test("Anthropic's own, unknown-origin and empty values are left as they are", () => {
    assert.equal(wrapForeignSignature(CLAUDE, 'anthropic'), CLAUDE);
    assert.equal(wrapForeignSignature(CLAUDE, undefined), CLAUDE);
    assert.equal(wrapForeignSignature('', 'gemini'), '');
  });
});

describe('unwrapForeignSignature', () => {
  test('round trip: a wrapped value comes back as the original and its origin', () => {
    assert.deepEqual(unwrapForeignSignature(wrapForeignSignature(GEMINI, 'gemini'), 'p'), {
      value: GEMINI,
      origin: 'gemini',
    });
    assert.deepEqual(unwrapForeignSignature('sy1.anthropic.abc', 'p'), { value: 'abc', origin: 'anthropic' });
  });

  test('an unprefixed value is Anthropic-native: unchanged, no origin', () => {
    assert.deepEqual(unwrapForeignSignature(CLAUDE, 'p'), { value: CLAUDE });
  });

  test('a malformed wrapped value is a client error naming the field', () => {
    for (const bad of ['sy1.', 'sy1.gemini', 'sy1.gemini.', 'sy1.mistral.abc', 'sy1..abc']) {
      assert.throws(
        () => unwrapForeignSignature(bad, 'messages[1].content[0].signature'),
        (e: unknown) =>
          e instanceof GatewayError &&
          e.kind === 'invalid_request' &&
          e.param === 'messages[1].content[0].signature' &&
          e.message.startsWith('messages[1].content[0].signature: '),
        bad,
      );
    }
  });
});

describe('isWrappedForeignSignature', () => {
  test('true only for strings with the prefix', () => {
    assert.equal(FOREIGN_SIGNATURE_PREFIX, 'sy1.');
    assert.equal(isWrappedForeignSignature(`sy1.gemini.${GEMINI}`), true);
    assert.equal(isWrappedForeignSignature(CLAUDE), false);
    assert.equal(isWrappedForeignSignature(undefined), false);
    assert.equal(isWrappedForeignSignature(42), false);
  });
});
