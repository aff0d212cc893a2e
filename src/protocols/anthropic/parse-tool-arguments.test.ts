import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseToolArguments } from './parse-tool-arguments.js';

describe('parseToolArguments', () => {
  test('parses a JSON object', () => {
    assert.deepEqual(parseToolArguments('{"city":"Paris","days":[1,2]}'), { city: 'Paris', days: [1, 2] });
  });
  test('empty text → {}', () => {
    assert.deepEqual(parseToolArguments(''), {});
    assert.deepEqual(parseToolArguments('  '), {});
  });
  test('invalid JSON → {}', () => {
    assert.deepEqual(parseToolArguments('{"city": "Par'), {});
  });
  test('JSON that is not an object → {}', () => {
    assert.deepEqual(parseToolArguments('[1,2]'), {});
    assert.deepEqual(parseToolArguments('"x"'), {});
    assert.deepEqual(parseToolArguments('null'), {});
  });
});
