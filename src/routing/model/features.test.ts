import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyTask } from './classify-task.js';
import { featurize, slotOf } from './features.js';
import { hashPair, hashWord, NUMBER_HASH, scanText } from './text-scan.js';
import { inputOf } from './train.js';

describe('feature hashing', () => {
  it('the scanner hashes words as hashWord does, lower-cased, numbers as one marker', () => {
    const s = scanText('Hello, WORLD 42 snake_case Élan');
    assert.deepEqual(Array.from(s.hashes.subarray(0, s.count)), [
      hashWord('hello'),
      hashWord('world'),
      NUMBER_HASH,
      hashWord('snake_case'),
      hashWord('élan'),
    ]);
  });

  it('ideographs: every character and every adjacent pair is a word', () => {
    const s = scanText('翻译');
    assert.deepEqual(Array.from(s.hashes.subarray(0, s.count)), [
      hashWord('翻'),
      hashWord('译'),
      hashWord('翻译'),
    ]);
  });

  it('slots fall inside the table, and pairs depend on order', () => {
    for (const w of ['a', 'code', 'translate', '翻译']) {
      const slot = slotOf(hashWord(w), 12);
      assert.ok(Number.isInteger(slot) && slot >= 0 && slot < 4096);
    }
    assert.notEqual(hashPair(hashWord('how'), hashWord('many')), hashPair(hashWord('many'), hashWord('how')));
  });

  it('a vector holds one entry per word, per pair, and the profile features, weighted 1/√words', () => {
    const input = inputOf('sort this list', 3);
    const f = featurize(input, classifyTask(input), { bits: 16, pairs: true });
    // 3 words + 2 pairs + 8 task scores + difficulty + log tokens + language
    assert.equal(f.n, 3 + 2 + 8 + 3);
    assert.ok(Math.abs(f.val[0]! - 1 / Math.sqrt(3)) < 1e-6);
    assert.equal(f.idx[0], slotOf(hashWord('sort'), 16));
    const noPairs = featurize(inputOf('sort this list', 3), classifyTask(input), { bits: 16, pairs: false });
    assert.equal(noPairs.n, 3 + 8 + 3);
  });

  it('buckets: one entry per counted quantity, the same bucket for counts of the same size', () => {
    const spec = { bits: 16, pairs: false, buckets: true };
    const slots = (prompt: string) => {
      const input = inputOf(prompt, 10);
      const f = featurize(input, classifyTask(input), spec);
      return { n: f.n, tail: Array.from(f.idx.subarray(f.n - 8, f.n - 2)) };
    };
    const words = (p: string) => p.split(' ').length;
    // words + 8 task scores + difficulty + 6 buckets + log tokens + language
    const a = slots('Tom has 3 apples and buys 5 more. How many now?');
    assert.equal(a.n, words('Tom has 3 apples and buys 5 more. How many now?') + 9 + 6 + 2);
    // same counts (2 numbers of one digit, 10 words, one question): same buckets
    assert.deepEqual(slots('Ann has 4 pears and eats 2 more. How many left?').tail, a.tail);
    // more numbers with more digits: the numbers and digits buckets differ
    const b = slots('Tom has 3120 apples and 5120 pears, 71 more. 9 How many now?');
    assert.notEqual(b.tail[0], a.tail[0]);
    assert.notEqual(b.tail[2], a.tail[2]);
  });

  it('different words land in different slots (no systematic collisions)', () => {
    const words =
      'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma'.split(
        ' ',
      );
    const slots = new Set(words.map((w) => slotOf(hashWord(w), 18)));
    assert.equal(slots.size, words.length);
  });
});
