// Incremental SSE parsing over arbitrary network chunk boundaries (eventsource-parser does
// the spec work: multi-line data, CRLF, comments, BOM).
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { SseEvent } from '../../canonical/index.js';

export interface SseReader {
  /** feeds raw text; returns the events completed by it */
  push(text: string): SseEvent[];
  /** flushes a trailing event that had no blank line after it */
  end(): SseEvent[];
}

export function createSseReader(): SseReader {
  let out: SseEvent[] = [];
  const parser = createParser({
    onEvent(msg: EventSourceMessage) {
      out.push(msg.event ? { event: msg.event, data: msg.data } : { data: msg.data });
    },
  });
  return {
    push(text) {
      parser.feed(text);
      const done = out;
      out = [];
      return done;
    },
    end() {
      // a final blank line completes any event still buffered
      parser.feed('\n\n');
      const done = out;
      out = [];
      return done;
    },
  };
}

/** Serialises one SSE event. */
export function formatSse(data: string, event?: string): string {
  return event ? `event: ${event}\ndata: ${data}\n\n` : `data: ${data}\n\n`;
}
