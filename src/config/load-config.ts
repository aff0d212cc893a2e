// Loads the YAML file (if any), substitutes ${VAR} / ${VAR:-default} from the environment,
// validates it against the schema and applies the SWITCHYARD_* environment overrides.
// Errors name the setting and the problem.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import type { BreakerOptions } from '../reliability/index.js';
import { type ConfigFile, ConfigSchema, type TimeoutsConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ResolvedConfig {
  file: ConfigFile;
  /** where the file came from, if any */
  path?: string;
  host: string;
  port: number;
  dataDir: string;
  bodyLimitBytes: number;
  logLevel: string;
  masterKey?: string;
  simulator: { enabled: boolean; chunkDelayMs: number; firstTokenDelayMs: number };
  upstream: { connections: number };
  timeouts: Timeouts;
  retries: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; maxRetryAfterMs: number };
  breaker: BreakerOptions;
  loadBalancing: 'weighted' | 'least_outstanding' | 'latency';
  keepAliveMs: number;
  /** PostgreSQL URL; undefined = the embedded SQLite file in dataDir */
  databaseUrl?: string;
  databasePoolSize: number;
  /** Redis URL; undefined = in-process counters (one instance) */
  redisUrl?: string;
  redisKeyPrefix: string;
  metering: { flushIntervalMs: number; batchSize: number; reservationGraceMs: number };
  encryption: { key?: string; previousKey?: string; keyFile: string };
  sessionTtlMs: number;
}

export interface Timeouts {
  connectMs: number;
  firstByteMs: number;
  responseMs: number;
  idleMs: number;
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 10_000,
  firstByteMs: 120_000,
  responseMs: 600_000,
  idleMs: 90_000,
  totalMs: 900_000,
};

/** `base` with the settings `t` gives (per provider, per model) */
export function overlayTimeouts(base: Timeouts, t: TimeoutsConfig | undefined): Timeouts {
  if (!t) return base;
  return {
    connectMs: t.connect_ms ?? base.connectMs,
    firstByteMs: t.first_byte_ms ?? base.firstByteMs,
    responseMs: t.response_ms ?? base.responseMs,
    idleMs: t.idle_ms ?? base.idleMs,
    totalMs: t.total_ms ?? base.totalMs,
  };
}

type Env = Record<string, string | undefined>;

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(ConfigSchema);

function describe(err: ErrorObject): string {
  const path = err.instancePath
    .split('/')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('')
    .replace(/^\./, '');
  if (err.keyword === 'additionalProperties') {
    const extra = (err.params as { additionalProperty: string }).additionalProperty;
    return `${path ? `${path}.` : ''}${extra}: unknown setting`;
  }
  return `${path || '(top level)'}: ${err.message}`;
}

/** Replaces ${VAR} and ${VAR:-default} in every string of a parsed YAML tree. */
function interpolate(value: unknown, env: Env, where: string): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
      (_, name: string, dflt?: string) => {
        const v = env[name];
        if (v !== undefined && v !== '') return v;
        if (dflt !== undefined) return dflt;
        return '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${where}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, env, where ? `${where}.${k}` : k);
    return out;
  }
  return value;
}

/** Drops settings whose value became empty after interpolation (an unset ${VAR}). */
function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === '' || v === null) continue;
      out[k] = dropEmpty(v);
    }
    return out;
  }
  return value;
}

function envInt(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name}: must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** Parses and validates a config object (already read from YAML). */
export function resolveConfig(raw: unknown, env: Env, path?: string): ResolvedConfig {
  const file = dropEmpty(interpolate(raw ?? {}, env, '')) as ConfigFile;
  if (!validate(file)) {
    const msgs = (validate.errors ?? []).map(describe);
    throw new ConfigError(
      `invalid configuration${path ? ` in ${path}` : ''}:\n  - ${[...new Set(msgs)].join('\n  - ')}`,
    );
  }
  for (const [i, k] of (file.keys ?? []).entries()) {
    if (!k.key && !k.key_sha256)
      throw new ConfigError(`keys[${i}] (${k.name}): set either key or key_sha256`);
  }
  const server = file.server ?? {};
  const masterKey = env.SWITCHYARD_MASTER_KEY || file.master_key;
  if (masterKey !== undefined && masterKey.length < 8)
    throw new ConfigError('SWITCHYARD_MASTER_KEY: must be at least 8 characters');
  return {
    file,
    path,
    host: env.SWITCHYARD_HOST || server.host || '127.0.0.1',
    port: envInt(env, 'SWITCHYARD_PORT', 0, 65535) ?? server.port ?? 4000,
    dataDir: resolve(env.SWITCHYARD_DATA_DIR || server.data_dir || '.data'),
    bodyLimitBytes: Math.round((server.body_limit_mb ?? 32) * 1024 * 1024),
    logLevel: env.SWITCHYARD_LOG_LEVEL || server.log_level || 'info',
    masterKey,
    simulator: {
      enabled: file.simulator?.enabled ?? true,
      chunkDelayMs: file.simulator?.chunk_delay_ms ?? 20,
      firstTokenDelayMs: file.simulator?.first_token_delay_ms ?? 150,
    },
    upstream: { connections: file.upstream?.connections ?? 256 },
    timeouts: overlayTimeouts(DEFAULT_TIMEOUTS, file.timeouts),
    retries: {
      maxAttempts: file.retries?.max_attempts ?? 3,
      baseDelayMs: file.retries?.base_delay_ms ?? 250,
      maxDelayMs: file.retries?.max_delay_ms ?? 8_000,
      maxRetryAfterMs: file.retries?.max_retry_after_ms ?? 60_000,
    },
    breaker: {
      consecutiveFailures: file.breaker?.consecutive_failures ?? 5,
      errorRate: file.breaker?.error_rate ?? 0.5,
      minRequests: file.breaker?.min_requests ?? 20,
      windowMs: file.breaker?.window_ms ?? 30_000,
      cooldownMs: file.breaker?.cooldown_ms ?? 15_000,
      maxCooldownMs: file.breaker?.max_cooldown_ms ?? 120_000,
      halfOpenProbes: file.breaker?.half_open_probes ?? 1,
    },
    loadBalancing: file.load_balancing ?? 'latency',
    keepAliveMs: file.stream?.keepalive_ms ?? 15_000,
    databaseUrl: env.DATABASE_URL || file.database?.url || undefined,
    databasePoolSize: file.database?.pool_size ?? 10,
    redisUrl: env.REDIS_URL || file.redis?.url || undefined,
    redisKeyPrefix: env.SWITCHYARD_REDIS_PREFIX ?? file.redis?.key_prefix ?? 'sy:',
    metering: {
      flushIntervalMs: file.metering?.flush_interval_ms ?? 500,
      batchSize: file.metering?.batch_size ?? 1000,
      reservationGraceMs: file.metering?.reservation_grace_ms ?? 30_000,
    },
    encryption: {
      key: env.SWITCHYARD_ENCRYPTION_KEY || file.encryption?.key || undefined,
      previousKey: env.SWITCHYARD_ENCRYPTION_KEY_PREVIOUS || file.encryption?.previous_key || undefined,
      keyFile: resolve(
        env.SWITCHYARD_DATA_DIR || server.data_dir || '.data',
        file.encryption?.key_file ?? 'encryption-key',
      ),
    },
    sessionTtlMs: Math.round((file.auth?.session_ttl_hours ?? 12) * 3_600_000),
  };
}

/**
 * Reads the configuration: the YAML file named by SWITCHYARD_CONFIG (or ./switchyard.yaml when
 * present), else defaults; then the environment.
 */
export async function loadConfig(env: Env = process.env): Promise<ResolvedConfig> {
  const explicit = env.SWITCHYARD_CONFIG;
  const path = explicit
    ? resolve(explicit)
    : existsSync('switchyard.yaml')
      ? resolve('switchyard.yaml')
      : undefined;
  if (!path) return resolveConfig({}, env);
  if (!existsSync(path)) throw new ConfigError(`SWITCHYARD_CONFIG: no file at ${path}`);
  let raw: unknown;
  try {
    // the YAML parser is loaded only when there is a file to read
    const { parse } = await import('yaml');
    raw = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${path}: not valid YAML: ${(e as Error).message}`);
  }
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw)))
    throw new ConfigError(`${path}: the top level must be a mapping of settings`);
  return resolveConfig(raw, env, path);
}
