import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createPartialArgsAccumulator, parseGeminiJsonPath } from './accumulate-gemini-partial-args.js';

describe('parseGeminiJsonPath', () => {
  test('dotted names and indexes', () => {
    assert.deepEqual(parseGeminiJsonPath('$.recipe.ingredients[10].name'), [
      'recipe',
      'ingredients',
      10,
      'name',
    ]);
    assert.deepEqual(parseGeminiJsonPath('$.steps[0]'), ['steps', 0]);
    assert.deepEqual(parseGeminiJsonPath('$.a[1][2]'), ['a', 1, 2]);
  });

  test('bracketed quoted names', () => {
    assert.deepEqual(parseGeminiJsonPath("$['a b'].c"), ['a b', 'c']);
    assert.deepEqual(parseGeminiJsonPath('$["x\\"y"]'), ['x"y']);
  });

  test('malformed paths', () => {
    for (const p of ['location', '$.', '$[x]', '$.a[1', "$['a"])
      assert.equal(parseGeminiJsonPath(p), undefined, p);
    assert.deepEqual(parseGeminiJsonPath('$'), []);
  });
});

describe('createPartialArgsAccumulator', () => {
  test('a string continued over several entries, closed by an empty one', () => {
    const acc = createPartialArgsAccumulator();
    acc.add([{ jsonPath: '$.location', stringValue: 'San ', willContinue: true }]);
    acc.add([{ jsonPath: '$.location', stringValue: 'Francisco', willContinue: true }]);
    acc.add([{ jsonPath: '$.location', stringValue: '' }]);
    assert.equal(acc.json(), '{"location":"San Francisco"}');
  });

  test('a new value for a path whose string was closed replaces it', () => {
    const acc = createPartialArgsAccumulator();
    acc.add([{ jsonPath: '$.a', stringValue: 'x' }]);
    acc.add([{ jsonPath: '$.a', stringValue: 'y' }]);
    assert.equal(acc.json(), '{"a":"y"}');
  });

  test('nested objects and arrays, numbers, booleans, nulls', () => {
    const acc = createPartialArgsAccumulator();
    acc.add([
      { jsonPath: '$.ops[0].name', stringValue: 'apple' },
      { jsonPath: '$.ops[0].price', numberValue: 0.5 },
      { jsonPath: '$.ops[1].ok', boolValue: false },
      { jsonPath: '$.ops[1].note', nullValue: 'NULL_VALUE' },
      { jsonPath: '$.tags[0]', stringValue: 'fruit' },
    ]);
    assert.deepEqual(JSON.parse(acc.json()), {
      ops: [
        { name: 'apple', price: 0.5 },
        { ok: false, note: null },
      ],
      tags: ['fruit'],
    });
  });

  test('seeded whole args are extended, not mutated', () => {
    const args = { a: 1 };
    const acc = createPartialArgsAccumulator();
    acc.seed(args);
    acc.add([{ jsonPath: '$.b', numberValue: 2 }]);
    assert.equal(acc.json(), '{"a":1,"b":2}');
    assert.deepEqual(args, { a: 1 });
  });

  test('entries without a value or with a bad path are ignored; __proto__ stays data', () => {
    const acc = createPartialArgsAccumulator();
    acc.add([
      { jsonPath: '$.a' },
      { jsonPath: 'nope', stringValue: 'x' },
      { jsonPath: '$.__proto__.polluted', boolValue: true },
    ]);
    assert.deepEqual(JSON.parse(acc.json()), JSON.parse('{"__proto__":{"polluted":true}}'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('nothing streamed → {}', () => {
    assert.equal(createPartialArgsAccumulator().json(), '{}');
  });
});
