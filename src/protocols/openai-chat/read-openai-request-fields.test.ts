import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import {
  describeType,
  invalidValue,
  optionalArray,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredString,
} from './read-openai-request-fields.js';

function fails(fn: () => unknown, param: string, message: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof GatewayError);
    assert.equal(e.status, 400);
    assert.equal(e.param, param);
    assert.match(e.message, message);
    return true;
  });
}

describe('read-openai-request-fields', () => {
  test('describeType', () => {
    assert.equal(describeType('x'), 'a string');
    assert.equal(describeType(1), 'an integer');
    assert.equal(describeType(1.5), 'a decimal');
    assert.equal(describeType(null), 'null');
    assert.equal(describeType([]), 'an array');
    assert.equal(describeType({}), 'an object');
    assert.equal(describeType(true), 'a boolean');
  });

  test('requiredString', () => {
    assert.equal(requiredString({ a: 'x' }, 'a', 'p.a'), 'x');
    fails(() => requiredString({}, 'a', 'p.a'), 'p.a', /^Missing required parameter: 'p\.a'\.$/);
    fails(() => requiredString({ a: 1 }, 'a', 'p.a'), 'p.a', /expected a string, but got an integer instead/);
  });

  test('optional readers treat null and undefined as absent', () => {
    for (const read of [optionalString, optionalBoolean, optionalNumber, optionalObject, optionalArray]) {
      assert.equal(read({ a: null }, 'a', 'a'), undefined);
      assert.equal(read({}, 'a', 'a'), undefined);
    }
  });

  test('optionalNumber checks type, integers and range', () => {
    assert.equal(optionalNumber({ a: 1.5 }, 'a', 'a'), 1.5);
    fails(() => optionalNumber({ a: '1' }, 'a', 'a'), 'a', /expected a number/);
    fails(() => optionalNumber({ a: Number.NaN }, 'a', 'a'), 'a', /expected a number/);
    fails(
      () => optionalNumber({ a: 1.5 }, 'a', 'a', { integer: true }),
      'a',
      /expected an integer, but got a decimal/,
    );
    fails(() => optionalNumber({ a: 0 }, 'a', 'a', { min: 1 }), 'a', /Expected a value >= 1, but got 0/);
    fails(() => optionalNumber({ a: 3 }, 'a', 'a', { max: 2 }), 'a', /Expected a value <= 2, but got 3/);
  });

  test('optionalBoolean / optionalObject / optionalArray reject other types', () => {
    fails(() => optionalBoolean({ a: 'true' }, 'a', 'a'), 'a', /expected a boolean/);
    fails(() => optionalObject({ a: [] }, 'a', 'a'), 'a', /expected an object, but got an array/);
    fails(() => optionalArray({ a: {} }, 'a', 'a'), 'a', /expected an array, but got an object/);
  });

  test('optionalEnum lists the supported values', () => {
    assert.equal(optionalEnum({ a: 'x' }, 'a', 'a', ['x', 'y']), 'x');
    fails(
      () => optionalEnum({ a: 'z' }, 'a', 'a', ['x', 'y', 'w']),
      'a',
      /Supported values are: 'x', 'y', and 'w'\./,
    );
  });

  test('invalidValue with a single allowed value', () => {
    assert.match(invalidValue('t', 'b', ['a']).message, /Supported values are: 'a'\.$/);
  });
});
