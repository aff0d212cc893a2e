// Provider-shaped ids that are deterministic per fake instance: the same sequence of requests gives the same
// ids, and no two ids from one counter repeat.
import { createHash } from 'node:crypto';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type FakeIdMaker = (prefix: string, length: number) => string;

export function createFakeIdMaker(seed: string): FakeIdMaker {
  let counter = 0;
  return (prefix, length) => {
    counter++;
    const digest = createHash('sha256').update(`${seed}:${prefix}:${counter}`).digest();
    let id = '';
    for (let i = 0; id.length < length; i++) id += base62[digest[i % digest.length] % 62];
    return prefix + id;
  };
}
