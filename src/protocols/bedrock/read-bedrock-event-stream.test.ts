import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { readBedrockEventStream } from './read-bedrock-event-stream.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });
const frame = (type: string, payload: unknown, kind: 'event' | 'exception' = 'event') =>
  Buffer.from(
    codec.encode({
      headers: {
        ':message-type': str(kind),
        [kind === 'event' ? ':event-type' : ':exception-type']: str(type),
        ':content-type': str('application/json'),
      },
      body: fromUtf8(JSON.stringify(payload)),
    }),
  );

async function* chunks(bufs: Buffer[]) {
  yield* bufs;
}

async function collect(bufs: Buffer[]) {
  const out = [];
  for await (const ev of readBedrockEventStream(chunks(bufs))) out.push(ev);
  return out;
}

test('messages split across chunks, or several in one chunk, come out whole and in order', async () => {
  const all = Buffer.concat([
    frame('messageStart', { role: 'assistant' }),
    frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }),
    frame('throttlingException', { message: 'slow down' }, 'exception'),
  ]);
  const pieces = [all.subarray(0, 7), all.subarray(7, 60), all.subarray(60)];
  assert.deepEqual(await collect(pieces), [
    { event: 'messageStart', data: '{"role":"assistant"}' },
    { event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Hi"}}' },
    { event: 'throttlingException', data: '{"message":"slow down"}' },
  ]);
});

test('a corrupted message fails its CRC check; a cut one is an error', async () => {
  const f = frame('messageStart', { role: 'assistant' });
  const bad = Buffer.from(f);
  bad[bad.length - 6] = bad[bad.length - 6]! ^ 0xff;
  await assert.rejects(collect([bad]), /checksum/i);
  await assert.rejects(collect([f.subarray(0, f.length - 3)]), /middle of a message/);
});
