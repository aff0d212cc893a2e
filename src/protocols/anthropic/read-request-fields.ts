// Typed readers for untrusted JSON: each returns the field in the expected shape or throws
// GatewayError('invalid_request') naming the field path (e.g. `messages[1].content[0].type`).
import { invalidRequest } from '../../canonical/index.js';

export type JsonObject = Record<string, unknown>;

export const isRecord = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `null`, `array`, `object`, `string`… for error messages. */
export function describeJsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function requireRecord(v: unknown, path: string): JsonObject {
  if (!isRecord(v)) throw invalidRequest(`${path}: expected an object, got ${describeJsonType(v)}`, path);
  return v;
}

export function requireArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw invalidRequest(`${path}: expected an array, got ${describeJsonType(v)}`, path);
  return v;
}

export function requireString(obj: JsonObject, key: string, path: string): string {
  const p = join(path, key);
  const v = obj[key];
  if (v === undefined) throw invalidRequest(`${p}: field required`, p);
  if (typeof v !== 'string') throw invalidRequest(`${p}: expected a string, got ${describeJsonType(v)}`, p);
  return v;
}

/** A string field that may be absent or null. */
export function optionalString(obj: JsonObject, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    const p = join(path, key);
    throw invalidRequest(`${p}: expected a string, got ${describeJsonType(v)}`, p);
  }
  return v;
}

export function optionalBoolean(obj: JsonObject, key: string, path: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') {
    const p = join(path, key);
    throw invalidRequest(`${p}: expected a boolean, got ${describeJsonType(v)}`, p);
  }
  return v;
}

export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
}

/** A number field that may be absent or null, checked against `rule`. */
export function optionalNumber(
  obj: JsonObject,
  key: string,
  path: string,
  rule: NumberRule = {},
): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  const p = join(path, key);
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw invalidRequest(`${p}: expected a number, got ${describeJsonType(v)}`, p);
  }
  if (rule.integer && !Number.isInteger(v)) throw invalidRequest(`${p}: expected an integer, got ${v}`, p);
  if (rule.min !== undefined && v < rule.min)
    throw invalidRequest(`${p}: must be >= ${rule.min}, got ${v}`, p);
  if (rule.max !== undefined && v > rule.max)
    throw invalidRequest(`${p}: must be <= ${rule.max}, got ${v}`, p);
  return v;
}

/** A field whose value must be one of `allowed`. */
export function requireOneOf<T extends string>(
  obj: JsonObject,
  key: string,
  path: string,
  allowed: readonly T[],
): T {
  const v = requireString(obj, key, path);
  if (!(allowed as readonly string[]).includes(v)) {
    const p = join(path, key);
    throw invalidRequest(`${p}: expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got '${v}'`, p);
  }
  return v as T;
}
