// Reads an upstream's "retry-after" header (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) and
// the non-standard "retry-after-ms" (plain milliseconds, sent by OpenAI and Azure OpenAI) into a
// wait in milliseconds. Anything unreadable is undefined: a bad header must not stall a request.

// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT",
// asctime "Sun Nov  6 08:49:37 1994" (always UTC, but carries no zone: Date.parse would read it as local)
const IMF_OR_RFC850 = /^[A-Za-z]{3,9}, \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]?\d \d{2}:\d{2}:\d{2} \d{4}$/;
const NUMBER = /^\d+(\.\d+)?$/;

/** ms to wait from now; seconds (decimals tolerated) or an HTTP-date (a date in the past is 0) */
export function parseRetryAfter(value: string | undefined, now: () => number = Date.now): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (NUMBER.test(v)) return Math.round(Number(v) * 1000);
  let at = Number.NaN;
  if (IMF_OR_RFC850.test(v)) at = Date.parse(v);
  else if (ASCTIME.test(v)) at = Date.parse(`${v} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now());
}

/** "retry-after-ms": milliseconds to wait */
export function parseRetryAfterMs(value: string | undefined): number | undefined {
  const v = value?.trim();
  if (!v || !NUMBER.test(v)) return undefined;
  return Math.round(Number(v));
}
