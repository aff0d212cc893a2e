import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSseText } from './parse-sse-text.js';

describe('parseSseText', () => {
  test('reads event names, data-only events, comments and multi-line data', () => {
    const text = 'event: ping\ndata: {"type":"ping"}\n\n: keep-alive\n\ndata: a\ndata: b\n\ndata: [DONE]\n\n';
    assert.deepEqual(parseSseText(text), [
      { event: 'ping', data: '{"type":"ping"}' },
      { event: undefined, data: 'a\nb' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  test('accepts CRLF line ends and drops an unterminated last event', () => {
    assert.deepEqual(parseSseText('data: 1\r\n\r\ndata: 2\r\n\r\ndata: 3'), [
      { event: undefined, data: '1' },
      { event: undefined, data: '2' },
    ]);
  });
});
