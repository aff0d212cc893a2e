// Typed readers for client request fields. Each returns the field's value or throws a 400
// that names the field, worded the way OpenAI words its own validation errors.
import { invalidRequest } from '../../canonical/index.js';

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** 'a string', 'an array', 'null'… for error messages */
export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a decimal';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? 'a string' : typeof v === 'boolean' ? 'a boolean' : `a ${typeof v}`;
}

export const invalidType = (param: string, expected: string, got: unknown) =>
  invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${describeType(got)} instead.`,
    param,
  );

export const missingParam = (param: string) =>
  invalidRequest(`Missing required parameter: '${param}'.`, param);

export function invalidValue(param: string, got: unknown, allowed: readonly string[]) {
  const list = allowed.map((a) => `'${a}'`);
  const last = list.length > 1 ? `${list.slice(0, -1).join(', ')}, and ${list.at(-1)}` : list.join('');
  return invalidRequest(
    `Invalid value for '${param}': ${JSON.stringify(got)}. Supported values are: ${last}.`,
    param,
  );
}

/** `undefined` and `null` both mean "not given" for optional OpenAI parameters. */
const absent = (v: unknown): v is undefined | null => v === undefined || v === null;

export function requiredString(obj: JsonObject, key: string, param: string): string {
  const v = obj[key];
  if (absent(v)) throw missingParam(param);
  if (typeof v !== 'string') throw invalidType(param, 'a string', v);
  return v;
}

export function optionalString(obj: JsonObject, key: string, param: string): string | undefined {
  const v = obj[key];
  if (absent(v)) return undefined;
  if (typeof v !== 'string') throw invalidType(param, 'a string', v);
  return v;
}

export function optionalBoolean(obj: JsonObject, key: string, param: string): boolean | undefined {
  const v = obj[key];
  if (absent(v)) return undefined;
  if (typeof v !== 'boolean') throw invalidType(param, 'a boolean', v);
  return v;
}

export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
}

export function optionalNumber(
  obj: JsonObject,
  key: string,
  param: string,
  rule: NumberRule = {},
): number | undefined {
  const v = obj[key];
  if (absent(v)) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw invalidType(param, rule.integer ? 'an integer' : 'a number', v);
  }
  if (rule.integer && !Number.isInteger(v)) throw invalidType(param, 'an integer', v);
  if (rule.min !== undefined && v < rule.min) {
    throw invalidRequest(
      `Invalid '${param}': ${v} is below the minimum value. Expected a value >= ${rule.min}, but got ${v} instead.`,
      param,
    );
  }
  if (rule.max !== undefined && v > rule.max) {
    throw invalidRequest(
      `Invalid '${param}': ${v} is above the maximum value. Expected a value <= ${rule.max}, but got ${v} instead.`,
      param,
    );
  }
  return v;
}

export function optionalObject(obj: JsonObject, key: string, param: string): JsonObject | undefined {
  const v = obj[key];
  if (absent(v)) return undefined;
  if (!isObject(v)) throw invalidType(param, 'an object', v);
  return v;
}

export function optionalArray(obj: JsonObject, key: string, param: string): unknown[] | undefined {
  const v = obj[key];
  if (absent(v)) return undefined;
  if (!Array.isArray(v)) throw invalidType(param, 'an array', v);
  return v;
}

/** A value that must be one of a fixed set of strings. */
export function optionalEnum<T extends string>(
  obj: JsonObject,
  key: string,
  param: string,
  allowed: readonly T[],
): T | undefined {
  const v = optionalString(obj, key, param);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw invalidValue(param, v, allowed);
  return v as T;
}
