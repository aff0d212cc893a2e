// Organizations: the top of the tree (org → teams → projects) and the unit of isolation.
import type { Kysely, Selectable, Updateable } from 'kysely';
import { conflict, notFound } from '../admin/register-admin-api.js';
import { invalidRequest } from '../canonical/index.js';
import { int8ToNumber, newId } from '../store/index.js';
import type { Database, OrgsTable } from '../store/tables.js';

export interface Org {
  id: string;
  name: string;
  slug: string;
  retention_days: number | null;
  byok_fee_bps: number;
  discount_bps: number;
  prepaid: boolean;
  created_at: number;
}

export interface OrgInput {
  name: string;
  slug?: string;
  retention_days?: number | null;
  byok_fee_bps?: number;
  discount_bps?: number;
  prepaid?: boolean;
}

export type OrgPatch = Partial<OrgInput>;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** `Acme Corp.` → `acme-corp` */
export function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return s || 'org';
}

export function toOrg(r: Selectable<OrgsTable>): Org {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    retention_days: r.retention_days,
    byok_fee_bps: r.byok_fee_bps,
    discount_bps: r.discount_bps,
    prepaid: r.prepaid === 1,
    created_at: int8ToNumber(r.created_at),
  };
}

function checkTerms(p: OrgPatch): void {
  if (p.slug !== undefined && !SLUG.test(p.slug))
    throw invalidRequest('slug: lower-case letters, digits and inner dashes, 1 to 64 characters', 'slug');
  for (const f of ['byok_fee_bps', 'discount_bps'] as const) {
    const v = p[f];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 10_000))
      throw invalidRequest(`${f}: an integer number of basis points, 0 to 10000`, f);
  }
  if (p.retention_days != null && (!Number.isInteger(p.retention_days) || p.retention_days < 1))
    throw invalidRequest(
      'retention_days: a positive number of days, or null for no retention',
      'retention_days',
    );
}

export class OrgService {
  constructor(
    private readonly db: Kysely<Database>,
    /** where term changes are announced: the request path caches them on every instance */
    private readonly onTermsChanged: (orgId: string) => Promise<void> = async () => {},
  ) {}

  async create(input: OrgInput): Promise<Org> {
    checkTerms(input);
    const slug = input.slug ?? (await this.freeSlug(slugify(input.name)));
    if (await this.getBySlug(slug)) throw conflict(`The slug "${slug}" is taken`);
    const row = {
      id: newId('org'),
      name: input.name,
      slug,
      retention_days: input.retention_days ?? null,
      byok_fee_bps: input.byok_fee_bps ?? 0,
      discount_bps: input.discount_bps ?? 0,
      prepaid: (input.prepaid ?? true) ? 1 : 0,
      created_at: Date.now(),
    };
    try {
      await this.db.insertInto('orgs').values(row).execute();
    } catch (e) {
      if (await this.getBySlug(slug)) throw conflict(`The slug "${slug}" is taken`);
      throw e;
    }
    return toOrg(row);
  }

  /** a slug not yet taken: `acme`, else `acme-2`, `acme-3`, … */
  private async freeSlug(base: string): Promise<string> {
    const taken = new Set(
      (
        await this.db
          .selectFrom('orgs')
          .select('slug')
          .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
          .execute()
      ).map((r) => r.slug),
    );
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  }

  async get(id: string): Promise<Org | null> {
    const r = await this.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toOrg(r) : null;
  }

  async getBySlug(slug: string): Promise<Org | null> {
    const r = await this.db.selectFrom('orgs').selectAll().where('slug', '=', slug).executeTakeFirst();
    return r ? toOrg(r) : null;
  }

  /** by id (`org_…`) or by slug */
  async find(idOrSlug: string): Promise<Org | null> {
    return (await this.get(idOrSlug)) ?? (await this.getBySlug(idOrSlug));
  }

  async require(id: string): Promise<Org> {
    const org = await this.get(id);
    if (!org) throw notFound('organization');
    return org;
  }

  /** every org, or only these ids */
  async list(ids?: Iterable<string>): Promise<Org[]> {
    let q = this.db.selectFrom('orgs').selectAll().orderBy('created_at').orderBy('id');
    if (ids) {
      const list = [...ids];
      if (list.length === 0) return [];
      q = q.where('id', 'in', list);
    }
    return (await q.execute()).map(toOrg);
  }

  async update(id: string, patch: OrgPatch): Promise<{ before: Org; after: Org }> {
    checkTerms(patch);
    const before = await this.require(id);
    if (patch.slug !== undefined && patch.slug !== before.slug && (await this.getBySlug(patch.slug)))
      throw conflict(`The slug "${patch.slug}" is taken`);
    const set: Updateable<OrgsTable> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.slug !== undefined) set.slug = patch.slug;
    if (patch.retention_days !== undefined) set.retention_days = patch.retention_days;
    if (patch.byok_fee_bps !== undefined) set.byok_fee_bps = patch.byok_fee_bps;
    if (patch.discount_bps !== undefined) set.discount_bps = patch.discount_bps;
    if (patch.prepaid !== undefined) set.prepaid = patch.prepaid ? 1 : 0;
    if (Object.keys(set).length > 0) {
      await this.db.updateTable('orgs').set(set).where('id', '=', id).execute();
      if (set.byok_fee_bps !== undefined || set.discount_bps !== undefined || set.prepaid !== undefined)
        await this.onTermsChanged(id);
    }
    return { before, after: (await this.get(id))! };
  }

  /**
   * Deletes an org that holds nothing that must outlive it: no keys, teams, projects, ledger
   * entries or redemption codes (409 otherwise: revoke/delete those first; the ledger is money
   * history and is never deleted). Memberships, provider credentials, budgets, rate limits and
   * price overrides of the org go with it.
   */
  async delete(id: string): Promise<Org> {
    const org = await this.require(id);
    const holds: string[] = [];
    const has = async (table: 'api_keys' | 'teams' | 'projects' | 'ledger_entries') =>
      (await this.db.selectFrom(table).select('id').where('org_id', '=', id).limit(1).execute()).length > 0;
    if (await has('api_keys')) holds.push('keys');
    if (await has('teams')) holds.push('teams');
    if (await has('projects')) holds.push('projects');
    if (await has('ledger_entries')) holds.push('credit ledger entries');
    const codes = await this.db
      .selectFrom('redemption_codes')
      .select('id')
      .where((eb) => eb.or([eb('org_id', '=', id), eb('redeemed_by_org', '=', id)]))
      .limit(1)
      .execute();
    if (codes.length > 0) holds.push('redemption codes');
    if (holds.length > 0)
      throw conflict(`The organization still has ${holds.join(', ')}; it cannot be deleted`);
    await this.db.deleteFrom('orgs').where('id', '=', id).execute();
    return org;
  }
}
