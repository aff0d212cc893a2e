// Deterministic unit-length embedding vectors from a hash of the input, and OpenAI's base64 encoding
// (little-endian float32). A shortened vector is the prefix of the full one, renormalised, which is how
// OpenAI's `dimensions` and Gemini's `outputDimensionality` behave.
import { createHash } from 'node:crypto';

export function fakeEmbedding(input: string, fullDimensions: number, dimensions = fullDimensions): number[] {
  const seed = createHash('sha256').update(input).digest();
  let state = seed.readUInt32LE(0) || 1;
  const values: number[] = [];
  for (let i = 0; i < Math.min(dimensions, fullDimensions); i++) {
    // xorshift32: cheap and deterministic.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    values.push(state / 0xffffffff - 0.5);
  }
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  // Round through float32 so the float and base64 encodings carry the same numbers.
  return values.map((v) => Math.fround(v / norm));
}

export function encodeFloat32Base64(values: number[]): string {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => {
    buffer.writeFloatLE(value, i * 4);
  });
  return buffer.toString('base64');
}
