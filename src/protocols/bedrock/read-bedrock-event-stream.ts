// Bedrock's ConverseStream body: the binary `application/vnd.amazon.eventstream` framing (each
// message: total length, headers length, prelude CRC, headers, payload, message CRC). Messages
// are cut out of the byte chunks as they arrive and decoded (CRCs checked) by Smithy's codec;
// each becomes { event: its :event-type (or :exception-type), data: its JSON payload }.
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { SseEvent } from '../../canonical/index.js';

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const MAX_MESSAGE = 16 * 1024 * 1024;

const headerText = (v: { type: string; value: unknown } | undefined) =>
  v && v.type === 'string' ? String(v.value) : undefined;

/** one decoded message as an event; `undefined` for message types the gateway does not use */
export function eventStreamMessageToEvent(bytes: Uint8Array): SseEvent | undefined {
  const msg = codec.decode(bytes);
  const messageType = headerText(msg.headers[':message-type']);
  const data = toUtf8(msg.body);
  if (messageType === 'event') {
    const event = headerText(msg.headers[':event-type']);
    return event ? { event, data } : undefined;
  }
  if (messageType === 'exception')
    return { event: headerText(msg.headers[':exception-type']) ?? 'internalServerException', data };
  if (messageType === 'error') {
    // a transport-level error message: code and message are headers
    const code = headerText(msg.headers[':error-code']) ?? 'internalServerException';
    return {
      event: code,
      data: JSON.stringify({ message: headerText(msg.headers[':error-message']) ?? code }),
    };
  }
  return undefined;
}

export async function* readBedrockEventStream(body: AsyncIterable<Buffer>): AsyncGenerator<SseEvent> {
  let buf: Buffer = Buffer.alloc(0);
  for await (const chunk of body) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    while (buf.length >= 4) {
      const total = buf.readUInt32BE(0);
      if (total < 16 || total > MAX_MESSAGE) throw new Error(`an event-stream message of ${total} bytes`);
      if (buf.length < total) break;
      const ev = eventStreamMessageToEvent(buf.subarray(0, total));
      buf = buf.subarray(total);
      if (ev) yield ev;
    }
  }
  if (buf.length) throw new Error('the event stream ended in the middle of a message');
}
