// A small, strict SSE parser for tests (WHATWG rules: LF, CR or CRLF line ends; `event:`, `data:` fields;
// comment lines; one event per blank line). Used to check the fakes' streams line by line, and by e2e tests.

export interface SseEvent {
  /** The `event:` name, or undefined for data-only events. */
  event?: string;
  /** The `data:` lines joined with "\n". */
  data: string;
}

export function parseSseText(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let event: string | undefined;
  let data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0 || event !== undefined) events.push({ event, data: data.join('\n') });
      event = undefined;
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return events;
}
