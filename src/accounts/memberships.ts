// Memberships: a user's role in an org (team_id null) or in one team of it. 'manual' ones are
// managed through the admin API; 'sso' ones are replaced at each SSO sign-in.
import type { Kysely, Selectable } from 'kysely';
import { conflict, notFound } from '../admin/register-admin-api.js';
import { int8ToNumber, newId } from '../store/index.js';
import type { Database, MembershipsTable, OrgRole } from '../store/tables.js';

export interface Membership {
  id: string;
  user_id: string;
  org_id: string;
  team_id: string | null;
  role: OrgRole;
  source: 'manual' | 'sso';
  created_at: number;
}

export interface MemberView extends Membership {
  email: string;
  name: string;
  service_account: boolean;
  disabled: boolean;
}

const toMembership = (r: Selectable<MembershipsTable>): Membership => ({
  id: r.id,
  user_id: r.user_id,
  org_id: r.org_id,
  team_id: r.team_id,
  role: r.role,
  source: r.source === 'sso' ? 'sso' : 'manual',
  created_at: int8ToNumber(r.created_at),
});

export class MembershipService {
  constructor(private readonly db: Kysely<Database>) {}

  async add(input: {
    userId: string;
    orgId: string;
    teamId?: string | null;
    role: OrgRole;
    source?: 'manual' | 'sso';
  }): Promise<Membership> {
    const teamId = input.teamId ?? null;
    if (await this.find(input.userId, input.orgId, teamId))
      throw conflict(
        teamId ? 'The user already has a role in this team' : 'The user already has a role in this org',
      );
    const row = {
      id: newId('mem'),
      user_id: input.userId,
      org_id: input.orgId,
      team_id: teamId,
      role: input.role,
      source: input.source ?? 'manual',
      created_at: Date.now(),
    };
    try {
      await this.db.insertInto('memberships').values(row).execute();
    } catch (e) {
      if (await this.find(input.userId, input.orgId, teamId))
        throw conflict('The user already has this membership');
      throw e;
    }
    return toMembership(row);
  }

  async find(userId: string, orgId: string, teamId: string | null): Promise<Membership | null> {
    let q = this.db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', userId)
      .where('org_id', '=', orgId);
    q = teamId === null ? q.where('team_id', 'is', null) : q.where('team_id', '=', teamId);
    const r = await q.executeTakeFirst();
    return r ? toMembership(r) : null;
  }

  async get(id: string): Promise<Membership | null> {
    const r = await this.db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toMembership(r) : null;
  }

  async require(id: string): Promise<Membership> {
    const m = await this.get(id);
    if (!m) throw notFound('membership');
    return m;
  }

  /** an org's memberships with who they are (optionally one team's only) */
  async listOrg(orgId: string, teamId?: string): Promise<MemberView[]> {
    let q = this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .selectAll('memberships')
      .select(['users.email', 'users.name', 'users.service_account', 'users.disabled'])
      .where('memberships.org_id', '=', orgId);
    if (teamId) q = q.where('memberships.team_id', '=', teamId);
    const rows = await q.orderBy('memberships.id').execute();
    return rows.map((r) => ({
      ...toMembership(r),
      email: r.email,
      name: r.name,
      service_account: r.service_account === 1,
      disabled: r.disabled === 1,
    }));
  }

  async listUser(userId: string): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    return rows.map(toMembership);
  }

  /** is the user a member of the org, at org level or in any of its teams? */
  async isInOrg(userId: string, orgId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', userId)
      .where('org_id', '=', orgId)
      .limit(1)
      .execute();
    return r.length > 0;
  }

  /** org-level owners of the org */
  async countOwners(orgId: string): Promise<number> {
    const rows = await this.db
      .selectFrom('memberships')
      .select('id')
      .where('org_id', '=', orgId)
      .where('team_id', 'is', null)
      .where('role', '=', 'owner')
      .execute();
    return rows.length;
  }

  async setRole(id: string, role: OrgRole): Promise<{ before: Membership; after: Membership }> {
    const before = await this.require(id);
    await this.db.updateTable('memberships').set({ role, source: 'manual' }).where('id', '=', id).execute();
    return { before, after: { ...before, role, source: 'manual' } };
  }

  async remove(id: string): Promise<Membership> {
    const m = await this.require(id);
    await this.db.deleteFrom('memberships').where('id', '=', id).execute();
    return m;
  }
}
