import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeFloat32Base64, encodeFloat32Base64 } from './float32-base64.js';

describe('float32 base64', () => {
  test('little-endian float32 bytes', () => {
    // 1.0f = 0x3f800000 -> bytes 00 00 80 3f; -2.0f = 0xc0000000 -> 00 00 00 c0
    assert.equal(
      encodeFloat32Base64([1, -2]),
      Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]).toString('base64'),
    );
  });

  test('round-trips at float32 precision', () => {
    const v = [0.1, -0.25, 3.5e-8, 12345.678];
    const back = decodeFloat32Base64(encodeFloat32Base64(v));
    assert.deepEqual(
      back,
      v.map((x) => Math.fround(x)),
    );
  });

  test('empty vector', () => assert.deepEqual(decodeFloat32Base64(encodeFloat32Base64([])), []));
});
