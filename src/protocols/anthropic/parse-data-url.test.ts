import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDataUrl } from './parse-data-url.js';

describe('parseDataUrl', () => {
  test('base64 data URL', () => {
    assert.deepEqual(parseDataUrl('data:image/png;base64,iVBORw0KGgo='), {
      mediaType: 'image/png',
      data: 'iVBORw0KGgo=',
    });
  });
  test('parameters before ;base64 are skipped', () => {
    assert.deepEqual(parseDataUrl('data:text/plain;charset=utf-8;base64,aGk='), {
      mediaType: 'text/plain',
      data: 'aGk=',
    });
  });
  test('percent-encoded data URL is re-encoded as base64', () => {
    assert.deepEqual(parseDataUrl('data:text/plain,hello%20world'), {
      mediaType: 'text/plain',
      data: Buffer.from('hello world').toString('base64'),
    });
  });
  test('no media type defaults to text/plain', () => {
    assert.equal(parseDataUrl('data:,x')?.mediaType, 'text/plain');
  });
  test('http URLs and malformed data URLs are not data', () => {
    assert.equal(parseDataUrl('https://example.com/a.png'), undefined);
    assert.equal(parseDataUrl('data:image/png;base64'), undefined);
    assert.equal(parseDataUrl('data:text/plain,%E0%A4%A'), undefined);
  });
});
