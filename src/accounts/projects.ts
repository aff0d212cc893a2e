// Projects: what keys and spend are attributed to, inside an org and optionally one of its teams.
import type { Kysely, Selectable } from 'kysely';
import { conflict, notFound } from '../admin/register-admin-api.js';
import { int8ToNumber, newId } from '../store/index.js';
import type { Database, ProjectsTable } from '../store/tables.js';

export interface Project {
  id: string;
  org_id: string;
  team_id: string | null;
  name: string;
  created_at: number;
}

const toProject = (r: Selectable<ProjectsTable>): Project => ({
  id: r.id,
  org_id: r.org_id,
  team_id: r.team_id,
  name: r.name,
  created_at: int8ToNumber(r.created_at),
});

export class ProjectService {
  constructor(private readonly db: Kysely<Database>) {}

  /** the team, when given, must be of the same org (checked by the caller's scope) */
  async create(orgId: string, name: string, teamId: string | null): Promise<Project> {
    const row = { id: newId('proj'), org_id: orgId, team_id: teamId, name, created_at: Date.now() };
    await this.db.insertInto('projects').values(row).execute();
    return toProject(row);
  }

  async get(id: string): Promise<Project | null> {
    const r = await this.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toProject(r) : null;
  }

  async require(id: string): Promise<Project> {
    const p = await this.get(id);
    if (!p) throw notFound('project');
    return p;
  }

  async list(orgId: string, teamId?: string): Promise<Project[]> {
    let q = this.db.selectFrom('projects').selectAll().where('org_id', '=', orgId);
    if (teamId) q = q.where('team_id', '=', teamId);
    return (await q.orderBy('id').execute()).map(toProject);
  }

  async update(
    id: string,
    patch: { name?: string; team_id?: string | null },
  ): Promise<{ before: Project; after: Project }> {
    const before = await this.require(id);
    const set: { name?: string; team_id?: string | null } = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.team_id !== undefined && patch.team_id !== before.team_id) {
      // keys carry their project's team (for team budgets, limits and roles): move them first
      const keys = await this.db
        .selectFrom('api_keys')
        .select('id')
        .where('project_id', '=', id)
        .limit(1)
        .execute();
      if (keys.length > 0) throw conflict('The project has keys; it cannot move to another team');
      set.team_id = patch.team_id;
    }
    if (Object.keys(set).length > 0)
      await this.db.updateTable('projects').set(set).where('id', '=', id).execute();
    return { before, after: { ...before, ...set } };
  }

  /** refused while live keys belong to the project (revoke them first) */
  async delete(id: string): Promise<Project> {
    const project = await this.require(id);
    const live = await this.db
      .selectFrom('api_keys')
      .select('id')
      .where('project_id', '=', id)
      .where('revoked_at', 'is', null)
      .limit(1)
      .execute();
    if (live.length > 0)
      throw conflict('The project still has keys that are not revoked; it cannot be deleted');
    // revoked keys stay (their usage history names them) but no longer point at the project
    await this.db.updateTable('api_keys').set({ project_id: null }).where('project_id', '=', id).execute();
    await this.db.deleteFrom('projects').where('id', '=', id).execute();
    return project;
  }
}
