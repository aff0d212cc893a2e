import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import {
  describeJsonType,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requireArray,
  requireOneOf,
  requireRecord,
  requireString,
} from './read-request-fields.js';

const fails = (fn: () => unknown, param: string, message: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof GatewayError);
    assert.equal(e.kind, 'invalid_request');
    assert.equal(e.status, 400);
    assert.equal(e.param, param);
    assert.match(e.message, message);
    return true;
  });

describe('read-request-fields', () => {
  test('describeJsonType tells null and arrays apart from objects', () => {
    assert.equal(describeJsonType(null), 'null');
    assert.equal(describeJsonType([]), 'array');
    assert.equal(describeJsonType({}), 'object');
    assert.equal(describeJsonType('x'), 'string');
  });

  test('requireRecord / requireArray', () => {
    assert.deepEqual(requireRecord({ a: 1 }, 'x'), { a: 1 });
    fails(() => requireRecord([], 'messages[0]'), 'messages[0]', /expected an object, got array/);
    assert.deepEqual(requireArray([1], 'x'), [1]);
    fails(() => requireArray('a', 'messages'), 'messages', /expected an array, got string/);
  });

  test('requireString names the joined path', () => {
    assert.equal(requireString({ a: 'b' }, 'a', 'p'), 'b');
    fails(() => requireString({}, 'model', ''), 'model', /model: field required/);
    fails(
      () => requireString({ text: 1 }, 'text', 'messages[0].content[1]'),
      'messages[0].content[1].text',
      /string/,
    );
  });

  test('optional readers accept absent and null', () => {
    assert.equal(optionalString({ a: null }, 'a', ''), undefined);
    assert.equal(optionalBoolean({}, 'a', ''), undefined);
    assert.equal(optionalNumber({ a: null }, 'a', ''), undefined);
    fails(() => optionalString({ a: 1 }, 'a', 'x'), 'x.a', /expected a string, got number/);
    fails(() => optionalBoolean({ a: 'yes' }, 'a', 'x'), 'x.a', /expected a boolean/);
  });

  test('optionalNumber enforces integer and range rules', () => {
    assert.equal(optionalNumber({ t: 0.5 }, 't', '', { min: 0, max: 1 }), 0.5);
    fails(() => optionalNumber({ t: 1.5 }, 't', '', { max: 1 }), 't', /must be <= 1, got 1.5/);
    fails(() => optionalNumber({ t: -1 }, 't', '', { min: 0 }), 't', /must be >= 0/);
    fails(() => optionalNumber({ n: 1.5 }, 'n', '', { integer: true }), 'n', /expected an integer/);
    fails(() => optionalNumber({ n: '3' }, 'n', ''), 'n', /expected a number, got string/);
  });

  test('requireOneOf lists the allowed values', () => {
    assert.equal(requireOneOf({ role: 'user' }, 'role', 'm', ['user', 'assistant']), 'user');
    fails(
      () => requireOneOf({ role: 'tool' }, 'role', 'm', ['user', 'assistant']),
      'm.role',
      /'user', 'assistant'.*'tool'/,
    );
  });
});
