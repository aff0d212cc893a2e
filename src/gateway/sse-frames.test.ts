import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFrameSplitter, frameData } from './sse-frames.js';

test('frames are split at blank lines across arbitrary chunk boundaries, bytes unchanged', () => {
  const wire = Buffer.from('event: a\ndata: {"x":"é"}\n\ndata: {"y":2}\r\n\r\n: comment\n\ndata: [DONE]\n\n');
  for (let size = 1; size <= wire.length; size++) {
    const s = createFrameSplitter();
    const frames: Buffer[] = [];
    for (let i = 0; i < wire.length; i += size) frames.push(...s.push(wire.subarray(i, i + size)));
    assert.ok(Buffer.concat(frames).equals(wire), `chunk size ${size}`);
    assert.equal(frames.length, 4);
    assert.equal(s.rest().length, 0);
  }
});

test('frameData joins multi-line data and strips one optional space', () => {
  assert.equal(frameData(Buffer.from('event: x\ndata: {"a":\ndata:1}\n\n')), '{"a":\n1}');
  assert.equal(frameData(': keep-alive\n\n'), undefined);
});

test('an unterminated final frame is returned by rest()', () => {
  const s = createFrameSplitter();
  assert.deepEqual(
    s.push(Buffer.from('data: 1\n\ndata: 2')).map((b) => b.toString()),
    ['data: 1\n\n'],
  );
  assert.equal(s.rest().toString(), 'data: 2');
});
