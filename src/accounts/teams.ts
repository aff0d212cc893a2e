// Teams: groups of people and projects inside an org; team-level roles apply to their objects.
import type { Kysely, Selectable } from 'kysely';
import { conflict, notFound } from '../admin/register-admin-api.js';
import { int8ToNumber, newId } from '../store/index.js';
import type { Database, TeamsTable } from '../store/tables.js';

export interface Team {
  id: string;
  org_id: string;
  name: string;
  created_at: number;
}

const toTeam = (r: Selectable<TeamsTable>): Team => ({
  id: r.id,
  org_id: r.org_id,
  name: r.name,
  created_at: int8ToNumber(r.created_at),
});

export class TeamService {
  constructor(private readonly db: Kysely<Database>) {}

  async create(orgId: string, name: string): Promise<Team> {
    const row = { id: newId('team'), org_id: orgId, name, created_at: Date.now() };
    await this.db.insertInto('teams').values(row).execute();
    return toTeam(row);
  }

  async get(id: string): Promise<Team | null> {
    const r = await this.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toTeam(r) : null;
  }

  async require(id: string): Promise<Team> {
    const t = await this.get(id);
    if (!t) throw notFound('team');
    return t;
  }

  /** the team, when it belongs to this org (404 otherwise: a team id of another org is unknown here) */
  async requireInOrg(orgId: string, id: string): Promise<Team> {
    const t = await this.get(id);
    if (!t || t.org_id !== orgId) throw notFound('team');
    return t;
  }

  async list(orgId: string): Promise<Team[]> {
    const rows = await this.db
      .selectFrom('teams')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('id')
      .execute();
    return rows.map(toTeam);
  }

  async rename(id: string, name: string): Promise<{ before: Team; after: Team }> {
    const before = await this.require(id);
    await this.db.updateTable('teams').set({ name }).where('id', '=', id).execute();
    return { before, after: { ...before, name } };
  }

  /** refused while live keys belong to the team (revoke them first); its projects stay in the org, its team memberships go */
  async delete(id: string): Promise<Team> {
    const team = await this.require(id);
    const live = await this.db
      .selectFrom('api_keys')
      .select('id')
      .where('team_id', '=', id)
      .where('revoked_at', 'is', null)
      .limit(1)
      .execute();
    if (live.length > 0) throw conflict('The team still has keys that are not revoked; it cannot be deleted');
    // revoked keys stay (their usage history names them) but no longer point at the team
    await this.db.updateTable('api_keys').set({ team_id: null }).where('team_id', '=', id).execute();
    await this.db.deleteFrom('teams').where('id', '=', id).execute();
    return team;
  }
}
