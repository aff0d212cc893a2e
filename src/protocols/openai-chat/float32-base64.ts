// Embeddings as OpenAI's `encoding_format: "base64"` sends them: the vector's float32 values,
// little-endian, base64-encoded.

export function encodeFloat32Base64(values: readonly number[]): string {
  const buf = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) buf.writeFloatLE(values[i]!, i * 4);
  return buf.toString('base64');
}

export function decodeFloat32Base64(b64: string): number[] {
  const buf = Buffer.from(b64, 'base64');
  const out = new Array<number>(Math.floor(buf.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}
