// Splits a raw SSE byte stream into whole frames without decoding or re-encoding them, so a
// passthrough stream is forwarded event by event exactly as the provider wrote it, and the
// gateway only turns a frame into text when it needs to read it (usage).
const LF2 = Buffer.from('\n\n');
const CRLF2 = Buffer.from('\r\n\r\n');
const CR2 = Buffer.from('\r\r');

export interface FrameSplitter {
  /** the complete frames (each with its trailing blank line) that this chunk finished */
  push(chunk: Buffer): Buffer[];
  /** whatever is left when the stream ends (an unterminated last frame), possibly empty */
  rest(): Buffer;
}

/** end of the first frame in `buf` at or after `from` (just past its blank line), or -1 */
function frameEnd(buf: Buffer, from: number): number {
  let best = -1;
  for (const sep of [LF2, CRLF2, CR2]) {
    const i = buf.indexOf(sep, from);
    if (i >= 0 && (best < 0 || i + sep.length < best)) best = i + sep.length;
  }
  return best;
}

export function createFrameSplitter(): FrameSplitter {
  let pending: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      const buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const frames: Buffer[] = [];
      let start = 0;
      // a separator may straddle the previous chunk's end: search from a little before it
      for (let end = frameEnd(buf, 0); end >= 0; end = frameEnd(buf, start)) {
        frames.push(buf.subarray(start, end));
        start = end;
      }
      pending = start === 0 ? buf : buf.subarray(start);
      return frames;
    },
    rest() {
      const r = pending;
      pending = Buffer.alloc(0);
      return r;
    },
  };
}

/** the `data:` payload of a frame (multi-line data joined with \n), or undefined */
export function frameData(frame: Buffer | string): string | undefined {
  let data: string | undefined;
  for (const line of frame.toString().split(/\r\n|\n|\r/)) {
    if (!line.startsWith('data:')) continue;
    const v = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    data = data === undefined ? v : `${data}\n${v}`;
  }
  return data;
}
