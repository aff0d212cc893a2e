import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  credentialAad,
  IV_BYTES,
  openSecret,
  type SealingKey,
  sealSecret,
  TAG_BYTES,
  UnsealError,
} from './sealed-secret.js';

const key = (id = 'k1'): SealingKey => ({ id, bytes: randomBytes(32) });
const SECRET = 'sk-proj-very-secret-provider-key-1234';

test('seal then open gives the plaintext back; the sealed form holds no plaintext', () => {
  const k = key();
  const aad = credentialAad('org_a', 'openai');
  const sealed = sealSecret(SECRET, k, aad);
  assert.equal(sealed.keyId, 'k1');
  assert.equal(Buffer.from(sealed.iv, 'base64').length, IV_BYTES);
  assert.equal(Buffer.from(sealed.authTag, 'base64').length, TAG_BYTES);
  assert.equal(Buffer.from(sealed.ciphertext, 'base64').length, Buffer.byteLength(SECRET));
  assert.ok(!JSON.stringify(sealed).includes('very-secret'));
  assert.ok(!Buffer.from(sealed.ciphertext, 'base64').toString('latin1').includes('very-secret'));
  assert.equal(openSecret(sealed, k, aad), SECRET);
});

test('every seal uses a fresh IV: the same secret seals differently each time', () => {
  const k = key();
  const aad = credentialAad('org_a', 'openai');
  const a = sealSecret(SECRET, k, aad);
  const b = sealSecret(SECRET, k, aad);
  assert.notEqual(a.iv, b.iv);
  assert.notEqual(a.ciphertext, b.ciphertext);
});

test('a flipped bit in the ciphertext, IV or tag fails authentication', () => {
  const k = key();
  const aad = credentialAad('org_a', 'openai');
  const sealed = sealSecret(SECRET, k, aad);
  const flip = (b64: string, at: number) => {
    const buf = Buffer.from(b64, 'base64');
    buf[at] ^= 0x01;
    return buf.toString('base64');
  };
  for (const field of ['ciphertext', 'iv', 'authTag'] as const) {
    const tampered = { ...sealed, [field]: flip(sealed[field], 3) };
    assert.throws(() => openSecret(tampered, k, aad), UnsealError, field);
  }
});

test('another org or provider (AAD) does not open it: a row copied elsewhere is useless', () => {
  const k = key();
  const sealed = sealSecret(SECRET, k, credentialAad('org_a', 'openai'));
  assert.throws(() => openSecret(sealed, k, credentialAad('org_b', 'openai')), UnsealError);
  assert.throws(() => openSecret(sealed, k, credentialAad('org_a', 'anthropic')), UnsealError);
  // the separator keeps ("org_a", "xopenai") apart from ("org_ax", "openai")
  assert.notEqual(credentialAad('org_a', 'xopenai'), credentialAad('org_ax', 'openai'));
});

test('another key does not open it', () => {
  const aad = credentialAad('org_a', 'openai');
  const sealed = sealSecret(SECRET, key(), aad);
  assert.throws(() => openSecret(sealed, key(), aad), UnsealError);
});

test('IV or tag of the wrong length is refused as malformed', () => {
  const k = key();
  const aad = credentialAad('org_a', 'openai');
  const sealed = sealSecret(SECRET, k, aad);
  assert.throws(
    () => openSecret({ ...sealed, authTag: Buffer.alloc(8).toString('base64') }, k, aad),
    /malformed/,
  );
  assert.throws(
    () => openSecret({ ...sealed, iv: Buffer.alloc(16).toString('base64') }, k, aad),
    /malformed/,
  );
});

test('a key that is not 32 bytes is refused', () => {
  assert.throws(() => sealSecret(SECRET, { id: 'short', bytes: randomBytes(16) }, 'x'), /32 bytes/);
});

test('unicode secrets round-trip', () => {
  const k = key();
  assert.equal(openSecret(sealSecret('clé-ünïcødé-🔑', k, 'aad'), k, 'aad'), 'clé-ünïcødé-🔑');
});
