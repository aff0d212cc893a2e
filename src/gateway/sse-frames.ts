// Splits a raw SSE byte stream (as text) into whole frames without re-encoding them, so a
// passthrough stream can be forwarded event by event exactly as the provider wrote it.
const BOUNDARY = /\r\n\r\n|\n\n|\r\r/g;

export interface FrameSplitter {
  /** the complete frames (each with its trailing blank line) that this text finished */
  push(text: string): string[];
  /** whatever is left when the stream ends (an unterminated last frame), or '' */
  rest(): string;
}

export function createFrameSplitter(): FrameSplitter {
  let buf = '';
  return {
    push(text) {
      buf += text;
      const frames: string[] = [];
      let start = 0;
      BOUNDARY.lastIndex = 0;
      for (let m = BOUNDARY.exec(buf); m; m = BOUNDARY.exec(buf)) {
        const end = m.index + m[0].length;
        frames.push(buf.slice(start, end));
        start = end;
      }
      buf = start === 0 ? buf : buf.slice(start);
      return frames;
    },
    rest() {
      const r = buf;
      buf = '';
      return r;
    },
  };
}

/** the `data:` payload of a frame (multi-line data joined with \n), or undefined */
export function frameData(frame: string): string | undefined {
  let data: string | undefined;
  for (const line of frame.split(/\r\n|\n|\r/)) {
    if (!line.startsWith('data:')) continue;
    const v = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    data = data === undefined ? v : `${data}\n${v}`;
  }
  return data;
}
