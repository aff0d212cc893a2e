// Objects named on the command line: an org by id or slug (absent = the default org, made on
// first use through the admin API, so its creation is audited), a user by email or id.
import { DEFAULT_ORG_SLUG } from '../accounts/default-org.js';
import { AdminApiError, CliUserError } from './cli-errors.js';
import type { CommandContext } from './command-context.js';

export interface OrgRef {
  id: string;
  slug: string;
  name: string;
}

async function findOrg(ctx: CommandContext, text: string): Promise<OrgRef | undefined> {
  const { db } = await ctx.services.store();
  return db
    .selectFrom('orgs')
    .select(['id', 'slug', 'name'])
    .where((eb) => eb.or([eb('id', '=', text), eb('slug', '=', text.toLowerCase())]))
    .executeTakeFirst();
}

/** the org named by `text` (id or slug); without one, the default org, created when missing */
export async function resolveOrg(ctx: CommandContext, text?: string): Promise<OrgRef> {
  const wanted = text?.trim() || DEFAULT_ORG_SLUG;
  const found = await findOrg(ctx, wanted);
  if (found) return found;
  if (wanted !== DEFAULT_ORG_SLUG)
    throw new CliUserError(`no org "${wanted}" (give an org id or slug; see \`switchyard orgs list\`)`);
  const admin = await ctx.services.admin();
  try {
    return await admin.call<OrgRef>('POST', '/orgs', { body: { name: 'Default', slug: DEFAULT_ORG_SLUG } });
  } catch (e) {
    // another process made it at the same moment
    const made =
      e instanceof AdminApiError && e.status === 409 ? await findOrg(ctx, DEFAULT_ORG_SLUG) : undefined;
    if (made) return made;
    throw e;
  }
}

export interface UserRef {
  id: string;
  email: string;
}

/** a user by email (or id) */
export async function resolveUser(ctx: CommandContext, text: string): Promise<UserRef> {
  const { db } = await ctx.services.store();
  const user = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where((eb) => eb.or([eb('id', '=', text), eb('email', '=', text.trim().toLowerCase())]))
    .executeTakeFirst();
  if (!user) throw new CliUserError(`no user "${text}" (see \`switchyard users create\`)`);
  return user;
}

/** a team of the org by id or name */
export async function resolveTeam(
  ctx: CommandContext,
  org: OrgRef,
  text: string,
): Promise<{ id: string; name: string }> {
  const { db } = await ctx.services.store();
  const team = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('org_id', '=', org.id)
    .where((eb) => eb.or([eb('id', '=', text), eb('name', '=', text)]))
    .executeTakeFirst();
  if (!team) throw new CliUserError(`no team "${text}" in org ${org.slug}`);
  return team;
}

/** a project of the org by id or name */
export async function resolveProject(
  ctx: CommandContext,
  org: OrgRef,
  text: string,
): Promise<{ id: string; name: string; team_id: string | null }> {
  const { db } = await ctx.services.store();
  const project = await db
    .selectFrom('projects')
    .select(['id', 'name', 'team_id'])
    .where('org_id', '=', org.id)
    .where((eb) => eb.or([eb('id', '=', text), eb('name', '=', text)]))
    .executeTakeFirst();
  if (!project) throw new CliUserError(`no project "${text}" in org ${org.slug}`);
  return project;
}
