// Secrets never reach the audit log: fields that hold a secret are dropped from before/after
// snapshots (at any depth), and any string that looks like an API key is masked.

/** field names (lower case, without `_`/`-`) that always hold a secret */
const SECRET_NAMES = new Set([
  'key',
  'keyhash',
  'apikey',
  'providerkey',
  'masterkey',
  'encryptionkey',
  'privatekey',
  'password',
  'passwordhash',
  'newpassword',
  'secret',
  'clientsecret',
  'token',
  'tokenhash',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'sessiontoken',
  'code',
  'codehash',
  'codeverifier',
  'ciphertext',
  'iv',
  'authtag',
  'plaintext',
]);

/** a name ending like this is a secret too (`token` but not `tokens`: counts are not secrets) */
const SECRET_SUFFIX = /(hash|secret|password|token|ciphertext|privatekey|apikey)$/;

/** strings shaped like a gateway or provider key (`sk-…`, `sk-ant-…`, `sk-sy-…`) */
const KEY_LIKE = /^(sk|rk|pk)-[A-Za-z0-9_-]{16,}$/;

export function isSecretField(name: string): boolean {
  const n = name.toLowerCase().replace(/[_-]/g, '');
  return SECRET_NAMES.has(n) || SECRET_SUFFIX.test(n);
}

/** a copy of `value` without secret fields; plain data only (Dates become ISO strings) */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (depth > 20) return '[too deep]';
  if (typeof value === 'string') return KEY_LIKE.test(value) ? '[redacted]' : value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return '[binary]';
  if (value instanceof Set) return [...value].map((v) => redact(v, depth + 1));
  if (value instanceof Map) return redact(Object.fromEntries(value), depth + 1);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (isSecretField(k)) continue;
    const r = redact(v, depth + 1);
    if (r !== undefined) out[k] = r;
  }
  return out;
}
