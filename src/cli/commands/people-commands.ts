// switchyard users create|list and members add|list (admin routes in accounts/people-routes.ts).
import type { Command } from 'commander';
import type { Membership, MemberView } from '../../accounts/memberships.js';
import { isOrgRole, ORG_ROLES } from '../../accounts/permissions.js';
import type { User } from '../../accounts/users.js';
import { seg } from '../admin-client.js';
import { CliUserError } from '../cli-errors.js';
import { readSecretFromStdin } from '../cli-io.js';
import { action, type CommandContext } from '../command-context.js';
import { table, time } from '../output.js';
import { resolveOrg, resolveTeam, resolveUser } from '../resolve.js';

export function registerPeopleCommands(program: Command, ctx: CommandContext): void {
  const users = program.command('users').description('user accounts of this gateway');
  users
    .command('create')
    .description('create a user (a local account when a password is given)')
    .requiredOption('--email <email>', 'email address (the sign-in name)')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--superadmin', 'an instance administrator: every org, every action')
    .action(
      action<{ email: string; name?: string; passwordStdin?: boolean; superadmin?: boolean }>(
        ctx,
        async (_args, opts, out) => {
          const password = opts.passwordStdin
            ? await readSecretFromStdin(ctx.io, '--password-stdin')
            : undefined;
          const admin = await ctx.services.admin();
          const user = await admin.call<User>('POST', '/users', {
            body: {
              email: opts.email,
              name: opts.name ?? opts.email.split('@')[0] ?? opts.email,
              ...(password !== undefined ? { password } : {}),
              ...(opts.superadmin ? { superadmin: true } : {}),
            },
          });
          out.result(
            user,
            (u) =>
              `created user ${u.email} (${u.id})${u.superadmin ? ', superadmin' : ''}${u.has_password ? ', signs in with a password' : ''}`,
          );
        },
      ),
    );
  users
    .command('list')
    .description('list users')
    .action(
      action(ctx, async (_args, _opts, out) => {
        const admin = await ctx.services.admin();
        const r = await admin.call<{ data: User[] }>('GET', '/users');
        out.result(r, (v) =>
          table(
            v.data,
            [
              { header: 'id', value: (u: User) => u.id },
              { header: 'email', value: (u: User) => u.email },
              { header: 'name', value: (u: User) => u.name },
              {
                header: 'flags',
                value: (u: User) =>
                  [
                    u.superadmin && 'superadmin',
                    u.service_account && 'service-account',
                    u.disabled && 'disabled',
                    u.sso && 'sso',
                  ].filter(Boolean),
              },
              { header: 'created', value: (u: User) => time(u.created_at) },
            ],
            'no users yet',
          ),
        );
      }),
    );

  const members = program.command('members').description('roles of users in orgs and teams');
  members
    .command('add')
    .description('give a user a role in an org (or in one of its teams)')
    .requiredOption('--user <email>', 'the user (email or id)')
    .requiredOption('--org <org>', 'org id or slug')
    .requiredOption('--role <role>', `one of ${ORG_ROLES.join(', ')}`)
    .option('--team <team>', 'the role is in this team only (id or name)')
    .action(
      action<{ user: string; org: string; role: string; team?: string }>(ctx, async (_args, opts, out) => {
        if (!isOrgRole(opts.role))
          throw new CliUserError(`--role: "${opts.role}" is not a role (one of ${ORG_ROLES.join(', ')})`);
        const org = await resolveOrg(ctx, opts.org);
        const user = await resolveUser(ctx, opts.user);
        const team = opts.team ? await resolveTeam(ctx, org, opts.team) : undefined;
        const admin = await ctx.services.admin();
        const m = await admin.call<Membership>('POST', `/orgs/${seg(org.id)}/members`, {
          body: { user_id: user.id, role: opts.role, ...(team ? { team_id: team.id } : {}) },
        });
        out.result(
          m,
          (v) => `${user.email} is ${v.role} of ${team ? `team ${team.name} in ` : ''}org ${org.slug}`,
        );
      }),
    );
  members
    .command('list')
    .description("list an org's members")
    .requiredOption('--org <org>', 'org id or slug')
    .option('--team <team>', 'only this team (id or name)')
    .action(
      action<{ org: string; team?: string }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const team = opts.team ? await resolveTeam(ctx, org, opts.team) : undefined;
        const admin = await ctx.services.admin();
        const r = await admin.call<{ data: MemberView[] }>('GET', `/orgs/${seg(org.id)}/members`, {
          query: { team_id: team?.id },
        });
        out.result(r, (v) =>
          table(
            v.data,
            [
              { header: 'membership', value: (m: MemberView) => m.id },
              { header: 'email', value: (m: MemberView) => m.email },
              { header: 'role', value: (m: MemberView) => m.role },
              { header: 'team', value: (m: MemberView) => m.team_id },
              { header: 'source', value: (m: MemberView) => m.source },
            ],
            `org ${org.slug} has no members`,
          ),
        );
      }),
    );
}
