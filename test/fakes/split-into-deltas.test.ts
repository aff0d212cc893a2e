import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitJsonIntoFragments, splitTextIntoDeltas } from './split-into-deltas.js';

describe('splitTextIntoDeltas', () => {
  test('gives one word per delta with its leading whitespace', () => {
    assert.deepEqual(splitTextIntoDeltas('Echo: hello  world'), ['Echo:', ' hello', '  world']);
  });

  test('keeps leading and trailing whitespace so the pieces join back to the text', () => {
    for (const text of ['  a b\n', 'x', '   ', '', 'Tool result received: {"a":1}']) {
      assert.equal(splitTextIntoDeltas(text).join(''), text);
    }
  });
});

describe('splitJsonIntoFragments', () => {
  test('cuts JSON into fixed-size fragments that join back', () => {
    const json = JSON.stringify({ city: 'Paris', days: 3 });
    const fragments = splitJsonIntoFragments(json, 7);
    assert.ok(fragments.length > 2);
    assert.ok(fragments.every((fragment) => fragment.length <= 7));
    assert.equal(fragments.join(''), json);
  });
});
