import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFrameSplitter, frameData } from './sse-frames.js';

test('frames are split at blank lines across arbitrary chunk boundaries, bytes unchanged', () => {
  const wire = 'event: a\ndata: {"x":1}\n\ndata: {"y":2}\r\n\r\n: comment\n\ndata: [DONE]\n\n';
  for (let size = 1; size <= wire.length; size++) {
    const s = createFrameSplitter();
    const frames: string[] = [];
    for (let i = 0; i < wire.length; i += size) frames.push(...s.push(wire.slice(i, i + size)));
    assert.equal(frames.join(''), wire);
    assert.equal(frames.length, 4);
    assert.equal(s.rest(), '');
  }
});

test('frameData joins multi-line data and strips one optional space', () => {
  assert.equal(frameData('event: x\ndata: {"a":\ndata:1}\n\n'), '{"a":\n1}');
  assert.equal(frameData(': keep-alive\n\n'), undefined);
});

test('an unterminated final frame is returned by rest()', () => {
  const s = createFrameSplitter();
  assert.deepEqual(s.push('data: 1\n\ndata: 2'), ['data: 1\n\n']);
  assert.equal(s.rest(), 'data: 2');
});
