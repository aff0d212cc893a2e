// switchyard orgs|teams|projects create|list: the org tree (admin routes in accounts/org-routes.ts).
import type { Command } from 'commander';
import type { Org } from '../../accounts/orgs.js';
import type { Project } from '../../accounts/projects.js';
import type { Team } from '../../accounts/teams.js';
import { seg } from '../admin-client.js';
import { action, type CommandContext } from '../command-context.js';
import { fields, table, time } from '../output.js';
import { parsePositiveInt } from '../parse-values.js';
import { resolveOrg, resolveTeam } from '../resolve.js';

interface List<T> {
  data: T[];
}

const orgColumns = [
  { header: 'id', value: (o: Org) => o.id },
  { header: 'slug', value: (o: Org) => o.slug },
  { header: 'name', value: (o: Org) => o.name },
  { header: 'prepaid', value: (o: Org) => (o.prepaid ? 'yes' : 'no') },
  { header: 'created', value: (o: Org) => time(o.created_at) },
];

export function registerOrgCommands(program: Command, ctx: CommandContext): void {
  const orgs = program.command('orgs').description('organizations');
  orgs
    .command('create')
    .description('create an organization')
    .requiredOption('--name <name>', 'display name')
    .option('--slug <slug>', 'url-safe short name (default: from the name)')
    .option('--prepaid', 'calls spend prepaid credits and stop when they run out')
    .option('--retention-days <n>', 'keep prompts and completions this many days (default: never kept)')
    .action(
      action<{ name: string; slug?: string; prepaid?: boolean; retentionDays?: string }>(
        ctx,
        async (_args, opts, out) => {
          const admin = await ctx.services.admin();
          const org = await admin.call<Org>('POST', '/orgs', {
            body: {
              name: opts.name,
              ...(opts.slug ? { slug: opts.slug } : {}),
              ...(opts.prepaid ? { prepaid: true } : {}),
              ...(opts.retentionDays
                ? { retention_days: parsePositiveInt(opts.retentionDays, '--retention-days') }
                : {}),
            },
          });
          out.result(org, (o) => `created org ${o.slug} (${o.id})`);
        },
      ),
    );
  orgs
    .command('list')
    .description('list organizations')
    .action(
      action(ctx, async (_args, _opts, out) => {
        const admin = await ctx.services.admin();
        const r = await admin.call<List<Org>>('GET', '/orgs');
        out.result(r, (v) => table(v.data, orgColumns, 'no organizations yet'));
      }),
    );

  const teams = program.command('teams').description('teams of an organization');
  teams
    .command('create')
    .description('create a team')
    .requiredOption('--name <name>', 'team name')
    .option('--org <org>', 'org id or slug (default: the default org)')
    .action(
      action<{ name: string; org?: string }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const team = await admin.call<Team>('POST', `/orgs/${seg(org.id)}/teams`, {
          body: { name: opts.name },
        });
        out.result(team, (t) => `created team ${t.name} (${t.id}) in org ${org.slug}`);
      }),
    );
  teams
    .command('list')
    .description("list an org's teams")
    .option('--org <org>', 'org id or slug (default: the default org)')
    .action(
      action<{ org?: string }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const r = await admin.call<List<Team>>('GET', `/orgs/${seg(org.id)}/teams`);
        out.result(r, (v) =>
          table(
            v.data,
            [
              { header: 'id', value: (t: Team) => t.id },
              { header: 'name', value: (t: Team) => t.name },
              { header: 'created', value: (t: Team) => time(t.created_at) },
            ],
            `org ${org.slug} has no teams`,
          ),
        );
      }),
    );

  const projects = program.command('projects').description('projects of an organization');
  projects
    .command('create')
    .description('create a project')
    .requiredOption('--name <name>', 'project name')
    .option('--org <org>', 'org id or slug (default: the default org)')
    .option('--team <team>', 'the team it belongs to (id or name)')
    .action(
      action<{ name: string; org?: string; team?: string }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const team = opts.team ? await resolveTeam(ctx, org, opts.team) : undefined;
        const admin = await ctx.services.admin();
        const project = await admin.call<Project>('POST', `/orgs/${seg(org.id)}/projects`, {
          body: { name: opts.name, ...(team ? { team_id: team.id } : {}) },
        });
        out.result(project, (p) =>
          fields([
            ['created project', `${p.name} (${p.id})`],
            ['org', org.slug],
            ['team', team?.name ?? null],
          ]),
        );
      }),
    );
  projects
    .command('list')
    .description("list an org's projects")
    .option('--org <org>', 'org id or slug (default: the default org)')
    .option('--team <team>', 'only this team (id or name)')
    .action(
      action<{ org?: string; team?: string }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const team = opts.team ? await resolveTeam(ctx, org, opts.team) : undefined;
        const admin = await ctx.services.admin();
        const r = await admin.call<List<Project>>('GET', `/orgs/${seg(org.id)}/projects`, {
          query: { team_id: team?.id },
        });
        out.result(r, (v) =>
          table(
            v.data,
            [
              { header: 'id', value: (p: Project) => p.id },
              { header: 'name', value: (p: Project) => p.name },
              { header: 'team', value: (p: Project) => p.team_id },
              { header: 'created', value: (p: Project) => time(p.created_at) },
            ],
            `org ${org.slug} has no projects`,
          ),
        );
      }),
    );
}
