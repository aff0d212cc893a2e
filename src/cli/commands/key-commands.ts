// switchyard keys create|list|revoke|rotate: virtual API keys (admin routes in keys/key-routes.ts).
// A key needs an owner: --user, --project, or by default the org's project "default" (made on
// first use), so `switchyard keys create --name demo` works on a fresh install.
import type { Command } from 'commander';
import type { Project } from '../../accounts/projects.js';
import type { KeyRecord } from '../../keys/key-record.js';
import { seg } from '../admin-client.js';
import { AdminApiError, CliUserError } from '../cli-errors.js';
import { action, type CommandContext } from '../command-context.js';
import { fields, table, time } from '../output.js';
import { parseDuration, parseList, parsePositiveInt } from '../parse-values.js';
import { type OrgRef, resolveOrg, resolveProject, resolveTeam, resolveUser } from '../resolve.js';

/** the project CLI-made keys belong to when no owner is named */
export const DEFAULT_KEY_PROJECT = 'default';

type CreatedKey = KeyRecord & { key: string };
type RotatedKey = CreatedKey & { previous: KeyRecord };

interface CreateOptions {
  name: string;
  org?: string;
  team?: string;
  project?: string;
  user?: string;
  models?: string;
  rpm?: string;
  tpm?: string;
  concurrency?: string;
  expiresIn?: string;
}

async function defaultProject(ctx: CommandContext, org: OrgRef): Promise<string> {
  const find = () => resolveProject(ctx, org, DEFAULT_KEY_PROJECT).then((p) => p.id);
  try {
    return await find();
  } catch (e) {
    if (!(e instanceof CliUserError)) throw e;
  }
  const admin = await ctx.services.admin();
  try {
    const p = await admin.call<Project>('POST', `/orgs/${seg(org.id)}/projects`, {
      body: { name: DEFAULT_KEY_PROJECT },
    });
    return p.id;
  } catch (e) {
    // another process made it at the same moment
    if (e instanceof AdminApiError && e.status === 409) return find();
    throw e;
  }
}

/** a one-line request that tries the key against the gateway */
async function tryItLine(ctx: CommandContext, key: CreatedKey): Promise<string> {
  const config = await ctx.services.config();
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const explicit = key.models?.find((m) => !m.includes('*'));
  const model = explicit ?? (config.simulator.enabled ? 'sim/fast' : '<provider>/<model>');
  const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello!' }] });
  return `curl http://${host}:${config.port}/v1/chat/completions -H "Authorization: Bearer ${key.key}" -H "Content-Type: application/json" -d '${body}'`;
}

const keyColumns = [
  { header: 'id', value: (k: KeyRecord) => k.id },
  { header: 'name', value: (k: KeyRecord) => k.name },
  { header: 'prefix', value: (k: KeyRecord) => `${k.prefix}…` },
  { header: 'status', value: (k: KeyRecord) => k.status },
  {
    header: 'owner',
    value: (k: KeyRecord) => (k.project_id ? `project ${k.project_id}` : `user ${k.user_id}`),
  },
  { header: 'models', value: (k: KeyRecord) => k.models ?? 'all' },
  { header: 'expires', value: (k: KeyRecord) => time(k.expires_at) },
  { header: 'last used', value: (k: KeyRecord) => time(k.last_used_at) },
];

export function registerKeyCommands(program: Command, ctx: CommandContext): void {
  const keys = program.command('keys').description('virtual API keys');

  keys
    .command('create')
    .description('create a key (printed once) and show how to try it')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--org <org>', 'org id or slug (default: the default org, made when missing)')
    .option('--team <team>', 'the team of a user key (id or name)')
    .option(
      '--project <project>',
      `the owning project (id or name; default: project "${DEFAULT_KEY_PROJECT}")`,
    )
    .option('--user <email>', 'the owning user (email or id), instead of a project')
    .option('--models <list>', 'allowed models, comma-separated (patterns like openai/* too; default: all)')
    .option('--rpm <n>', 'requests per minute')
    .option('--tpm <n>', 'tokens per minute')
    .option('--concurrency <n>', 'requests at the same time')
    .option('--expires-in <duration>', 'expiry from now: 90s, 15m, 24h, 30d, 2w')
    .action(
      action<CreateOptions>(ctx, async (_args, opts, out) => {
        if (opts.user && opts.project) throw new CliUserError('give --user or --project, not both');
        const body: Record<string, unknown> = { name: opts.name };
        if (opts.models) body.models = parseList(opts.models);
        if (opts.rpm) body.rpm_limit = parsePositiveInt(opts.rpm, '--rpm');
        if (opts.tpm) body.tpm_limit = parsePositiveInt(opts.tpm, '--tpm');
        if (opts.concurrency) body.max_concurrency = parsePositiveInt(opts.concurrency, '--concurrency');
        if (opts.expiresIn) body.expires_at = Date.now() + parseDuration(opts.expiresIn, '--expires-in');
        const org = await resolveOrg(ctx, opts.org);
        if (opts.user) {
          body.user_id = (await resolveUser(ctx, opts.user)).id;
          if (opts.team) body.team_id = (await resolveTeam(ctx, org, opts.team)).id;
        } else if (opts.project) {
          const project = await resolveProject(ctx, org, opts.project);
          if (opts.team) {
            const team = await resolveTeam(ctx, org, opts.team);
            if (project.team_id !== team.id)
              throw new CliUserError(`project ${project.name} is not in team ${team.name}`);
          }
          body.project_id = project.id;
        } else {
          if (opts.team)
            throw new CliUserError(
              'a team key needs an owner: --user <email>, or --project <a project of that team>',
            );
          body.project_id = await defaultProject(ctx, org);
        }
        const admin = await ctx.services.admin();
        const created = await admin.call<CreatedKey>('POST', `/orgs/${seg(org.id)}/keys`, { body });
        const tryIt = await tryItLine(ctx, created);
        out.result({ ...created, try_it: tryIt }, (k) =>
          [
            fields([
              ['key', k.key],
              ['id', k.id],
              ['name', k.name],
              ['org', org.slug],
              ['models', k.models ?? 'all'],
              ['expires', time(k.expires_at) ?? 'never'],
            ]),
            '',
            'This is the only time the key is shown. Try it against a running gateway:',
            `  ${k.try_it}`,
          ].join('\n'),
        );
      }),
    );

  keys
    .command('list')
    .description("list an org's keys (never the keys themselves)")
    .option('--org <org>', 'org id or slug (default: the default org)')
    .option('--all', 'include revoked keys')
    .action(
      action<{ org?: string; all?: boolean }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const r = await admin.call<{ data: KeyRecord[] }>('GET', `/orgs/${seg(org.id)}/keys`, {
          query: { include_revoked: opts.all ? true : undefined },
        });
        out.result(r, (v) => table(v.data, keyColumns, `org ${org.slug} has no keys`));
      }),
    );

  keys
    .command('revoke')
    .description('revoke a key: refused by every gateway instance within seconds')
    .argument('<id>', 'key id (key_…)')
    .action(
      action(ctx, async ([id], _opts, out) => {
        const admin = await ctx.services.admin();
        const k = await admin.call<KeyRecord>('DELETE', `/keys/${seg(id!)}`);
        out.result(k, (v) => `revoked key ${v.name} (${v.id}, ${v.prefix}…)`);
      }),
    );

  keys
    .command('rotate')
    .description('replace a key by a new one with the same settings; the old one works for the overlap')
    .argument('<id>', 'key id (key_…)')
    .option(
      '--overlap <duration>',
      'how long the old key keeps working (default 24h; 0s = not at all)',
      '24h',
    )
    .action(
      action<{ overlap: string }>(ctx, async ([id], opts, out) => {
        const overlapMs = /^0+[a-z]*$/i.test(opts.overlap.trim())
          ? 0
          : parseDuration(opts.overlap, '--overlap');
        const admin = await ctx.services.admin();
        const r = await admin.call<RotatedKey>('POST', `/keys/${seg(id!)}/rotate`, {
          body: { overlap_seconds: Math.round(overlapMs / 1000) },
        });
        out.result(r, (k) =>
          [
            fields([
              ['new key', k.key],
              ['id', k.id],
              ['replaces', `${k.previous.id} (${k.previous.prefix}…)`],
              ['old key works until', time(k.previous.expires_at) ?? 'now'],
            ]),
            '',
            'This is the only time the new key is shown.',
          ].join('\n'),
        );
      }),
    );
}
