// A key row as the admin API shows it: everything but the hash (which never leaves the database).
import type { Selectable } from 'kysely';
import { int8ToNumber, int8ToNumberOrNull } from '../store/index.js';
import type { ApiKeysTable } from '../store/tables.js';

export interface KeyRecord {
  object: 'api_key';
  id: string;
  org_id: string;
  team_id: string | null;
  project_id: string | null;
  user_id: string | null;
  name: string;
  /** the first 12 characters of the key, for recognising it */
  prefix: string;
  models: string[] | null;
  providers: string[] | null;
  endpoints: string[] | null;
  ip_allowlist: string[] | null;
  tags: string[];
  metadata: Record<string, unknown>;
  rpm_limit: number | null;
  tpm_limit: number | null;
  max_concurrency: number | null;
  /** days its Responses API answers are kept; null = the org's setting */
  retention_days: number | null;
  expires_at: number | null;
  revoked_at: number | null;
  rotated_from: string | null;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  status: 'active' | 'expired' | 'revoked';
}

export const parseJson = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));
export const toJson = (v: unknown): string | null =>
  v === null || v === undefined ? null : JSON.stringify(v);

export function toKeyRecord(r: Selectable<ApiKeysTable>, now = Date.now()): KeyRecord {
  const expiresAt = int8ToNumberOrNull(r.expires_at);
  const revokedAt = int8ToNumberOrNull(r.revoked_at);
  return {
    object: 'api_key',
    id: r.id,
    org_id: r.org_id,
    team_id: r.team_id,
    project_id: r.project_id,
    user_id: r.user_id,
    name: r.name,
    prefix: r.prefix,
    models: parseJson<string[]>(r.models),
    providers: parseJson<string[]>(r.providers),
    endpoints: parseJson<string[]>(r.endpoints),
    ip_allowlist: parseJson<string[]>(r.ip_allowlist),
    tags: parseJson<string[]>(r.tags) ?? [],
    metadata: parseJson<Record<string, unknown>>(r.metadata) ?? {},
    rpm_limit: r.rpm_limit,
    tpm_limit: r.tpm_limit,
    max_concurrency: r.max_concurrency,
    retention_days: r.retention_days ?? null,
    expires_at: expiresAt,
    revoked_at: revokedAt,
    rotated_from: r.rotated_from,
    created_by: r.created_by,
    created_at: int8ToNumber(r.created_at),
    last_used_at: int8ToNumberOrNull(r.last_used_at),
    status: revokedAt !== null ? 'revoked' : expiresAt !== null && expiresAt <= now ? 'expired' : 'active',
  };
}
