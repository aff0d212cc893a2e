// Gemini's streamGenerateContent without `?alt=sse` answers with one JSON array, written element
// by element. The gateway's own streams (translated, simulated) are SSE: for such a request this
// adapter turns the `data:` events written to the response into the array's elements (comments
// such as keep-alives are dropped) and sets the JSON content type. A body that is not SSE (a
// Gemini provider's own array, passed through) is left alone.
import type { ServerResponse } from 'node:http';

/** the elements of the complete SSE events in `text`, and what is left after the last one */
function elements(text: string): { items: string[]; rest: string } {
  const items: string[] = [];
  const events = text.split(/\r\n\r\n|\n\n/);
  const rest = events.pop() ?? '';
  for (const ev of events) {
    const data = ev
      .split(/\r\n|\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trim())
      .join('\n');
    if (data) items.push(data);
  }
  return { items, rest };
}

export function adaptSseToJsonArray(res: ServerResponse): void {
  let active = false;
  let opened = false;
  let pending = '';
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (chunk: unknown, ...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;

  const convert = (chunk: unknown): string => {
    const { items, rest } = elements(pending + String(chunk ?? ''));
    pending = rest;
    let out = '';
    for (const item of items) {
      out += opened ? `,\r\n${item}` : `[${item}`;
      opened = true;
    }
    return out;
  };

  res.writeHead = ((status: number, headers?: Record<string, string>) => {
    const type = headers?.['content-type'] ?? '';
    if (type.includes('text/event-stream') && headers) {
      active = true;
      return writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    }
    return writeHead(status, headers);
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!active) return write(chunk, ...rest);
    const out = convert(chunk);
    return out ? write(out) : true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (!active || typeof chunk === 'function') return end(chunk, ...rest);
    const out = convert(chunk) + (opened ? ']' : '[]');
    return end(out);
  }) as typeof res.end;
}
