import assert from 'node:assert/strict';
import { test } from 'node:test';
import { int8ToBigInt, int8ToNumber, int8ToNumberOrNull } from './numbers.js';

test('int8ToNumber: numbers (SQLite), strings (PostgreSQL) and bigints, exactly', () => {
  assert.equal(int8ToNumber(5), 5);
  assert.equal(int8ToNumber('1099511627783'), 1099511627783);
  assert.equal(int8ToNumber('-42'), -42);
  assert.equal(int8ToNumber(9007199254740991n), Number.MAX_SAFE_INTEGER);
});

test('int8ToNumber: refuses what a number cannot hold exactly, and non-integers', () => {
  assert.throws(() => int8ToNumber('9007199254740993'), RangeError);
  assert.throws(() => int8ToNumber(9007199254740993n), RangeError);
  assert.throws(() => int8ToNumber(1.5), RangeError);
  assert.throws(() => int8ToNumber('12a'), RangeError);
  assert.throws(() => int8ToNumber(''), RangeError);
});

test('int8ToBigInt: beyond 2^53 without loss', () => {
  assert.equal(int8ToBigInt('9223372036854775807'), 9223372036854775807n);
  assert.equal(int8ToBigInt(-7), -7n);
  assert.equal(int8ToBigInt(3n), 3n);
  assert.throws(() => int8ToBigInt(0.5), RangeError);
  assert.throws(() => int8ToBigInt('1e3'), RangeError);
});

test('int8ToNumberOrNull', () => {
  assert.equal(int8ToNumberOrNull(null), null);
  assert.equal(int8ToNumberOrNull(undefined), null);
  assert.equal(int8ToNumberOrNull('7'), 7);
});
