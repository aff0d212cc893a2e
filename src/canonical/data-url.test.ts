import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDataUrl, toDataUrl } from './data-url.js';

describe('parseDataUrl', () => {
  test('reads a base64 image URL', () => {
    assert.deepEqual(parseDataUrl('data:image/png;base64,iVBORw0KGgo='), {
      mediaType: 'image/png',
      data: 'iVBORw0KGgo=',
    });
  });

  test('keeps extra parameters out of the media type', () => {
    assert.deepEqual(parseDataUrl('data:application/pdf;name=a.pdf;base64,JVBERi0='), {
      mediaType: 'application/pdf',
      data: 'JVBERi0=',
    });
  });

  test('re-encodes a percent-encoded payload as base64', () => {
    const r = parseDataUrl('data:text/plain,hello%20world');
    assert.equal(r?.mediaType, 'text/plain');
    assert.equal(Buffer.from(r!.data, 'base64').toString('utf8'), 'hello world');
  });

  test('defaults the media type to text/plain', () => {
    assert.equal(parseDataUrl('data:;base64,aGk=')?.mediaType, 'text/plain');
  });

  test('returns undefined for http URLs', () => {
    assert.equal(parseDataUrl('https://example.com/a.png'), undefined);
  });

  test('toDataUrl is the inverse', () => {
    assert.deepEqual(parseDataUrl(toDataUrl('image/jpeg', 'AAAA')), {
      mediaType: 'image/jpeg',
      data: 'AAAA',
    });
  });
});
