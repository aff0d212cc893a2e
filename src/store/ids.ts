// Ids for governance rows: `<prefix>_` + 26 characters of Crockford base32 (lower case):
// 48 bits of milliseconds since the epoch, then 80 random bits (the ULID layout). They sort by
// creation time, are URL-safe, and collide with probability ~2^-40 among a million ids made in
// the same millisecond.
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TIME_CHARS = 10;
const MAX_TIME = 2 ** 48 - 1;

// random bytes drawn in blocks: one syscall per 256 ids
const POOL_IDS = 256;
const pool = Buffer.alloc(10 * POOL_IDS);
let poolOffset = pool.length;

export function newId(prefix: string): string {
  return `${prefix}_${encodeTime(Date.now())}${encodeRandom()}`;
}

/** the creation time (ms) written into an id made by newId */
export function idTime(id: string): number {
  const body = id.slice(id.lastIndexOf('_') + 1);
  let t = 0;
  for (let i = 0; i < TIME_CHARS; i++) {
    const v = ALPHABET.indexOf(body[i] ?? '');
    if (v < 0) throw new Error(`not an id: ${id}`);
    t = t * 32 + v;
  }
  return t;
}

function encodeTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME) throw new RangeError(`time out of range: ${ms}`);
  let out = '';
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function encodeRandom(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  // two 40-bit halves, 8 characters each (40 bits fit a double exactly)
  const out = encode40(pool, poolOffset) + encode40(pool, poolOffset + 5);
  poolOffset += 10;
  return out;
}

function encode40(buf: Buffer, at: number): string {
  let v = buf.readUIntBE(at, 5);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[v % 32] + out;
    v = Math.floor(v / 32);
  }
  return out;
}
