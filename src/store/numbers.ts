// BIGINT columns come back as number from SQLite and as string from PostgreSQL (pg keeps
// them as text so nothing is lost). These turn either into a number or a bigint, exactly.

/** what a BIGINT column reads as (the select type of tables.ts's Int8) */
type Int8Value = number | string | bigint;

const INTEGER_TEXT = /^-?\d+$/;

/** a BIGINT value as a number; throws when it is not an integer or not exactly representable */
export function int8ToNumber(v: Int8Value): number {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : parseIntegerText(v);
  if (!Number.isSafeInteger(n) || (typeof v === 'bigint' && BigInt(n) !== v))
    throw new RangeError(`BIGINT value ${String(v)} is not a safe integer`);
  return n;
}

/** a BIGINT value as a bigint (sums of money beyond 2^53) */
export function int8ToBigInt(v: Int8Value): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new RangeError(`BIGINT value ${v} is not an integer`);
    return BigInt(v);
  }
  if (typeof v !== 'string' || !INTEGER_TEXT.test(v))
    throw new RangeError(`not a BIGINT value: ${String(v)}`);
  return BigInt(v);
}

/** a nullable BIGINT value as a number or null */
export function int8ToNumberOrNull(v: Int8Value | null | undefined): number | null {
  return v === null || v === undefined ? null : int8ToNumber(v);
}

function parseIntegerText(v: unknown): number {
  if (typeof v !== 'string' || !INTEGER_TEXT.test(v))
    throw new RangeError(`not a BIGINT value: ${String(v)}`);
  return Number(v);
}
