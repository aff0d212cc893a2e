// Routing policies: the config file's (instance-wide, also for config keys and the master key)
// and each org's (table routing_policies), held in memory for the request path and reloaded on
// every instance when any of them changes one (pub/sub). Also answers "which policy applies":
// a named one (`auto:<name>`), else the most specific default (key > project > team > org >
// the config's key_policies > the config's default_policy).

import type { Principal } from '../auth/index.js';
import { GatewayError, invalidRequest } from '../canonical/index.js';
import type { SharedState } from '../shared-state/index.js';
import { newId } from '../store/index.js';
import { builtinPolicy, compilePolicy, type Policy } from './policy.js';
import type { PolicySpec, RoutingConfig } from './policy-schema.js';
import type { RoutingDb } from './routing-tables.js';

export const POLICIES_CHANNEL = 'routing.policies';

export type TargetScope = 'org' | 'team' | 'project' | 'key';
export interface PolicyTarget {
  scope: TargetScope;
  id: string;
}

export interface StoredPolicy {
  id: string;
  orgId: string;
  name: string;
  spec: PolicySpec;
  defaultFor: PolicyTarget[];
  createdAt: number;
  updatedAt: number;
}

interface OrgPolicies {
  byName: Map<string, Policy>;
  /** `<scope>:<id>` → policy */
  defaults: Map<string, Policy>;
}

const unknownPolicy = (name: string) =>
  new GatewayError('invalid_request', `Unknown routing policy \`${name}\` (model \`auto:${name}\`)`, {
    code: 'unknown_routing_policy',
    param: 'model',
  });

export class PolicyStore {
  readonly #db: RoutingDb;
  readonly #shared: SharedState;
  readonly #config: Map<string, Policy>;
  readonly #configDefault?: string;
  readonly #keyPolicies: Record<string, string>;
  #orgs = new Map<string, OrgPolicies>();
  #generation = 0;
  #unsubscribe?: () => Promise<void>;

  /** throws when nothing serves a model name (checked when an admin writes a policy) */
  readonly #checkModel: (name: string) => void;

  constructor(
    db: RoutingDb,
    shared: SharedState,
    config: RoutingConfig = {},
    checkModel: (name: string) => void = () => undefined,
  ) {
    this.#checkModel = checkModel;
    this.#db = db;
    this.#shared = shared;
    this.#config = new Map(
      Object.entries(config.policies ?? {}).map(([name, spec]) => [
        name,
        compilePolicy(name, spec, { source: 'config', orgId: null }),
      ]),
    );
    this.#configDefault = config.default_policy;
    this.#keyPolicies = config.key_policies ?? {};
    for (const name of [config.default_policy, ...Object.values(this.#keyPolicies)])
      if (name !== undefined && !this.#config.has(name))
        throw new Error(`routing: the policy ${name} is not defined under routing.policies`);
  }

  async start(): Promise<void> {
    this.#unsubscribe ??= await this.#shared.subscribe(POLICIES_CHANNEL, () => {
      this.load().catch(() => {
        // keep the last good policies; the next change reloads
      });
    });
    await this.load();
  }

  async close(): Promise<void> {
    const u = this.#unsubscribe;
    this.#unsubscribe = undefined;
    if (u) await u();
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    const rows = await this.#db.selectFrom('routing_policies').selectAll().execute();
    if (generation !== this.#generation) return;
    const orgs = new Map<string, OrgPolicies>();
    for (const r of rows) {
      const stored = rowToStored(r);
      let policy: Policy;
      try {
        policy = compilePolicy(stored.name, stored.spec, {
          source: 'org',
          orgId: stored.orgId,
          id: stored.id,
        });
      } catch {
        continue; // validated when written; a row that no longer compiles is skipped
      }
      let o = orgs.get(stored.orgId);
      if (!o) {
        o = { byName: new Map(), defaults: new Map() };
        orgs.set(stored.orgId, o);
      }
      o.byName.set(stored.name, policy);
      for (const t of stored.defaultFor) o.defaults.set(`${t.scope}:${t.id}`, policy);
    }
    this.#orgs = orgs;
  }

  /** the policy a request is routed by: `name` given (auto:<name>), else the caller's default */
  resolve(principal: Principal, name: string | undefined): Policy | undefined {
    const grant = principal.grant;
    const org = grant ? this.#orgs.get(grant.orgId) : undefined;
    if (name !== undefined) {
      const p = org?.byName.get(name) ?? this.#config.get(name);
      if (!p) throw unknownPolicy(name);
      return p;
    }
    if (grant && org) {
      const d = org.defaults;
      const found =
        d.get(`key:${grant.keyId}`) ??
        (grant.projectId ? d.get(`project:${grant.projectId}`) : undefined) ??
        (grant.teamId ? d.get(`team:${grant.teamId}`) : undefined) ??
        d.get(`org:${grant.orgId}`);
      if (found) return found;
    }
    if (!grant) {
      const own = this.#keyPolicies[principal.name] ?? this.#keyPolicies[principal.id];
      if (own) return this.#config.get(own);
    }
    return this.#configDefault !== undefined ? this.#config.get(this.#configDefault) : undefined;
  }

  /** the policy of a bare `auto`: the caller's default, else the built-in balanced one */
  resolveAuto(principal: Principal): Policy {
    return this.resolve(principal, undefined) ?? this.#builtin;
  }
  readonly #builtin: Policy = builtinPolicy();

  configPolicies(): Policy[] {
    return [...this.#config.values()];
  }

  // --- admin ---

  async list(orgId: string): Promise<StoredPolicy[]> {
    const rows = await this.#db
      .selectFrom('routing_policies')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('name')
      .execute();
    return rows.map(rowToStored);
  }

  async get(orgId: string, id: string): Promise<StoredPolicy | undefined> {
    const r = await this.#db
      .selectFrom('routing_policies')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? rowToStored(r) : undefined;
  }

  async create(
    orgId: string,
    name: string,
    spec: PolicySpec,
    defaultFor: PolicyTarget[],
  ): Promise<StoredPolicy> {
    this.#validate(name, spec, orgId);
    await this.#checkTargets(orgId, defaultFor, undefined);
    const exists = await this.#db
      .selectFrom('routing_policies')
      .select('id')
      .where('org_id', '=', orgId)
      .where('name', '=', name)
      .executeTakeFirst();
    if (exists)
      throw new GatewayError('invalid_request', `A routing policy named ${name} already exists in this org`, {
        status: 409,
        code: 'conflict',
        param: 'name',
      });
    const now = Date.now();
    const row = {
      id: newId('rpol'),
      org_id: orgId,
      name,
      spec: JSON.stringify(spec),
      default_for: JSON.stringify(defaultFor),
      created_at: now,
      updated_at: now,
    };
    await this.#db.insertInto('routing_policies').values(row).execute();
    await this.#changed();
    return rowToStored(row);
  }

  async update(
    orgId: string,
    id: string,
    change: { spec?: PolicySpec; defaultFor?: PolicyTarget[] },
  ): Promise<{ before: StoredPolicy; after: StoredPolicy } | undefined> {
    const before = await this.get(orgId, id);
    if (!before) return undefined;
    const spec = change.spec ?? before.spec;
    const defaultFor = change.defaultFor ?? before.defaultFor;
    this.#validate(before.name, spec, orgId);
    await this.#checkTargets(orgId, defaultFor, id);
    const updatedAt = Date.now();
    await this.#db
      .updateTable('routing_policies')
      .set({ spec: JSON.stringify(spec), default_for: JSON.stringify(defaultFor), updated_at: updatedAt })
      .where('id', '=', id)
      .execute();
    await this.#changed();
    return { before, after: { ...before, spec, defaultFor, updatedAt } };
  }

  async remove(orgId: string, id: string): Promise<StoredPolicy | undefined> {
    const before = await this.get(orgId, id);
    if (!before) return undefined;
    await this.#db.deleteFrom('routing_policies').where('id', '=', id).execute();
    await this.#changed();
    return before;
  }

  /** the spec compiles and every model it names is served (a typo is a 400, not a silent drop) */
  #validate(name: string, spec: PolicySpec, orgId: string): void {
    compilePolicy(name, spec, { source: 'org', orgId });
    const named: [string, string][] = (spec.models ?? []).map((m, i) => [m, `policy.models[${i}]`]);
    for (const [i, r] of (spec.rules ?? []).entries())
      for (const m of typeof r.route === 'string' ? [r.route] : r.route)
        named.push([m, `policy.rules[${i}].route`]);
    for (const [m, param] of named) {
      try {
        this.#checkModel(m);
      } catch (e) {
        throw invalidRequest(`${param}: ${(e as Error).message}`, param);
      }
    }
  }

  async #changed(): Promise<void> {
    await this.load();
    await this.#shared.publish(POLICIES_CHANNEL, 'changed');
  }

  /** every target is in the org, and no other policy of the org is already its default */
  async #checkTargets(orgId: string, targets: PolicyTarget[], selfId: string | undefined): Promise<void> {
    const db = this.#db;
    for (const [i, t] of targets.entries()) {
      const param = `default_for[${i}].id`;
      let found: unknown;
      if (t.scope === 'org') found = t.id === orgId ? t : undefined;
      else if (t.scope === 'team')
        found = await db
          .selectFrom('teams')
          .select('id')
          .where('id', '=', t.id)
          .where('org_id', '=', orgId)
          .executeTakeFirst();
      else if (t.scope === 'project')
        found = await db
          .selectFrom('projects')
          .select('id')
          .where('id', '=', t.id)
          .where('org_id', '=', orgId)
          .executeTakeFirst();
      else
        found = await db
          .selectFrom('api_keys')
          .select('id')
          .where('id', '=', t.id)
          .where('org_id', '=', orgId)
          .executeTakeFirst();
      if (!found) throw invalidRequest(`No ${t.scope} ${t.id} in this org`, param);
    }
    const others = (await this.list(orgId)).filter((p) => p.id !== selfId);
    for (const t of targets) {
      const taken = others.find((p) => p.defaultFor.some((x) => x.scope === t.scope && x.id === t.id));
      if (taken)
        throw new GatewayError(
          'invalid_request',
          `The policy ${taken.name} is already the default for ${t.scope} ${t.id}; change that one first`,
          { status: 409, code: 'conflict', param: 'default_for' },
        );
    }
  }
}

function rowToStored(r: {
  id: string;
  org_id: string;
  name: string;
  spec: string;
  default_for: string;
  created_at: unknown;
  updated_at: unknown;
}): StoredPolicy {
  return {
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    spec: JSON.parse(r.spec) as PolicySpec,
    defaultFor: JSON.parse(r.default_for) as PolicyTarget[],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
