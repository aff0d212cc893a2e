// A key row → the Principal the data plane sees (with its KeyGrant). Built once per cache fill.
import { modelMatcher } from '../auth/config-key-authenticator.js';
import type { KeyGrant, Principal } from '../auth/principal.js';
import { int8ToNumberOrNull } from '../store/index.js';
import { parseJson } from './key-record.js';

/** the columns the authenticator reads */
export interface KeyGrantRow {
  id: string;
  org_id: string;
  team_id: string | null;
  project_id: string | null;
  user_id: string | null;
  name: string;
  models: string | null;
  providers: string | null;
  endpoints: string | null;
  ip_allowlist: string | null;
  tags: string | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
  max_concurrency: number | null;
  expires_at: number | string | bigint | null;
}

const setOrNull = (s: string | null): ReadonlySet<string> | null => {
  const list = parseJson<string[]>(s);
  return list ? new Set(list) : null;
};

export function toPrincipal(r: KeyGrantRow): Principal {
  const providers = setOrNull(r.providers);
  const grant: KeyGrant = {
    keyId: r.id,
    orgId: r.org_id,
    teamId: r.team_id,
    projectId: r.project_id,
    userId: r.user_id,
    providers,
    endpoints: setOrNull(r.endpoints),
    ipAllowlist: parseJson<string[]>(r.ip_allowlist),
    expiresAt: int8ToNumberOrNull(r.expires_at),
    rpmLimit: r.rpm_limit,
    tpmLimit: r.tpm_limit,
    maxConcurrency: r.max_concurrency,
    tags: parseJson<string[]>(r.tags) ?? [],
  };
  const models = parseJson<string[]>(r.models);
  const modelOk = modelMatcher(models ?? undefined);
  const canUseModel = providers
    ? (id: string) => providers.has(id.slice(0, id.indexOf('/'))) && modelOk(id)
    : modelOk;
  return { id: r.id, name: r.name, kind: 'virtual', canUseModel, grant };
}
