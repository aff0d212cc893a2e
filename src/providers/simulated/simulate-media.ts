// The simulator's answers to the media endpoints, deterministic and offline: rerank scores by
// word overlap, images as tiny solid-colour PNGs (the colour from the prompt's hash), a
// transcription that states the audio's length, and silent WAV speech (one second per 15
// characters, about the pace of speech).
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** share of the query's words each document contains (0–1), by document index */
export function simulateRerankScores(query: string, documents: string[]): number[] {
  const q = words(query);
  return documents.map((d) => {
    if (q.size === 0) return 0;
    const w = words(d);
    let hit = 0;
    for (const x of q) if (w.has(x)) hit++;
    return Math.round((hit / q.size) * 1e6) / 1e6;
  });
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** a valid size×size RGB PNG filled with one colour */
export function solidPng(rgb: [number, number, number], size = 8): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `n` PNGs for a prompt, each a different colour derived from the prompt */
export function simulateImages(prompt: string, n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => {
    const h = createHash('sha256').update(`${i}:${prompt}`).digest();
    return solidPng([h[0]!, h[1]!, h[2]!]);
  });
}

/** what the simulated transcriber hears */
export function simulateTranscriptText(seconds: number | undefined): string {
  return seconds === undefined
    ? 'Simulated transcription of an audio file of unknown length.'
    : `Simulated transcription of ${seconds.toFixed(2)} seconds of audio.`;
}

/** how long the simulated voice takes to say `characters` characters */
export function simulatedSpeechSeconds(characters: number): number {
  return Math.max(0.1, characters / 15);
}
