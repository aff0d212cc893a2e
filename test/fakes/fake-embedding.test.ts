import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeFloat32Base64, fakeEmbedding } from './fake-embedding.js';

const norm = (values: number[]) => Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));

describe('fakeEmbedding', () => {
  test('is deterministic, unit length and input-dependent', () => {
    const a = fakeEmbedding('hello', 1536);
    assert.equal(a.length, 1536);
    assert.deepEqual(fakeEmbedding('hello', 1536), a);
    assert.notDeepEqual(fakeEmbedding('hello!', 1536), a);
    assert.ok(Math.abs(norm(a) - 1) < 1e-4);
  });

  test('a shortened vector is the renormalised prefix of the full one', () => {
    const full = fakeEmbedding('hello', 1536);
    const short = fakeEmbedding('hello', 1536, 8);
    assert.equal(short.length, 8);
    assert.ok(Math.abs(norm(short) - 1) < 1e-4);
    const scale = short[0] / full[0];
    short.forEach((v, i) => {
      assert.ok(Math.abs(v - full[i] * scale) < 1e-5);
    });
  });
});

describe('encodeFloat32Base64', () => {
  test('writes little-endian float32', () => {
    const encoded = encodeFloat32Base64([1, -2.5]);
    const bytes = Buffer.from(encoded, 'base64');
    assert.equal(bytes.length, 8);
    assert.equal(bytes.readFloatLE(0), 1);
    assert.equal(bytes.readFloatLE(4), -2.5);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x00, 0x80, 0x3f]);
  });
});
