// switchyard credits|codes|budgets: prepaid credit, redemption codes and budgets (admin routes in
// billing/billing-admin-routes.ts). Amounts are decimal USD, exact to the nano-USD.
import type { Command } from 'commander';
import { seg } from '../admin-client.js';
import { CliUserError } from '../cli-errors.js';
import { action, type CommandContext } from '../command-context.js';
import { table, time } from '../output.js';
import { parseDuration, parsePositiveInt, parseUsdOption } from '../parse-values.js';
import { resolveOrg, resolveProject, resolveTeam } from '../resolve.js';

interface LedgerEntryView {
  id: string;
  account: { scope: string; id: string };
  kind: string;
  amount_usd: string;
  request_id: string | null;
  note: string | null;
  actor: string | null;
  created_at: string;
}
interface BalanceView {
  scope: string;
  id: string;
  balance_usd: string;
  available_usd: string;
}
interface BudgetView {
  id: string;
  scope: string;
  scope_id: string;
  period: string;
  limit_usd: string;
  mode: string;
  alert_pct: number | null;
  spent_usd?: string;
  remaining_usd?: string;
  period_key?: string;
}
interface CodeView {
  id: string;
  code: string;
  amount_usd: string;
  org_id: string | null;
  expires_at: string | null;
}

const PERIODS = ['day', 'week', 'month', 'total'];
const MODES = ['hard', 'soft'];

export function registerBillingCommands(program: Command, ctx: CommandContext): void {
  const credits = program.command('credits').description('prepaid credit: top-ups, balances, the ledger');
  credits
    .command('add')
    .description("top up an org's credit")
    .requiredOption('--org <org>', 'org id or slug')
    .requiredOption('--usd <amount>', 'amount in USD, e.g. 10 or 12.50')
    .option('--note <text>', 'a note kept in the ledger')
    .action(
      action<{ org: string; usd: string; note?: string }>(ctx, async (_args, opts, out) => {
        const usd = parseUsdOption(opts.usd, '--usd');
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const entry = await admin.call<LedgerEntryView>('POST', `/orgs/${seg(org.id)}/credits/topups`, {
          body: { usd, ...(opts.note ? { note: opts.note } : {}) },
        });
        out.result(entry, (e) => `added $${e.amount_usd} to org ${org.slug} (ledger entry ${e.id})`);
      }),
    );
  credits
    .command('balance')
    .description('credit balances of an org and of the teams and keys it allocated to')
    .option('--org <org>', 'org id or slug (default: the default org)')
    .action(
      action<{ org?: string }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const r = await admin.call<{ prepaid: boolean; data: BalanceView[] }>(
          'GET',
          `/orgs/${seg(org.id)}/credits`,
        );
        out.result(r, (v) =>
          [
            table(v.data, [
              {
                header: 'account',
                value: (b: BalanceView) => (b.scope === 'org' ? `org ${org.slug}` : `${b.scope} ${b.id}`),
              },
              { header: 'balance usd', value: (b: BalanceView) => b.balance_usd },
              { header: 'available usd', value: (b: BalanceView) => b.available_usd },
            ]),
            v.prepaid ? '' : `(org ${org.slug} is not prepaid: its calls are metered, not taken from credit)`,
          ]
            .filter(Boolean)
            .join('\n'),
        );
      }),
    );
  credits
    .command('ledger')
    .description("an org's ledger entries, newest first")
    .option('--org <org>', 'org id or slug (default: the default org)')
    .option('--limit <n>', 'at most this many entries', '50')
    .action(
      action<{ org?: string; limit: string }>(ctx, async (_args, opts, out) => {
        const limit = parsePositiveInt(opts.limit, '--limit');
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const r = await admin.call<{ data: LedgerEntryView[]; next_cursor: string | null }>(
          'GET',
          `/orgs/${seg(org.id)}/ledger`,
          { query: { limit } },
        );
        out.result(r, (v) =>
          table(
            v.data,
            [
              { header: 'time', value: (e: LedgerEntryView) => time(e.created_at) },
              { header: 'kind', value: (e: LedgerEntryView) => e.kind },
              { header: 'usd', value: (e: LedgerEntryView) => e.amount_usd },
              { header: 'account', value: (e: LedgerEntryView) => `${e.account.scope} ${e.account.id}` },
              { header: 'by', value: (e: LedgerEntryView) => e.actor },
              { header: 'note', value: (e: LedgerEntryView) => e.note ?? e.request_id },
            ],
            `org ${org.slug} has no ledger entries`,
          ),
        );
      }),
    );
  credits
    .command('allocate')
    .description("move credit from an org's balance to one of its teams or keys")
    .requiredOption('--org <org>', 'org id or slug')
    .option('--to-team <team>', 'the team (id or name)')
    .option('--to-key <key>', 'the key (key id)')
    .requiredOption('--usd <amount>', 'amount in USD')
    .option('--note <text>', 'a note kept in the ledger')
    .action(
      action<{ org: string; toTeam?: string; toKey?: string; usd: string; note?: string }>(
        ctx,
        async (_args, opts, out) => {
          if (Boolean(opts.toTeam) === Boolean(opts.toKey))
            throw new CliUserError('give one of --to-team and --to-key');
          const usd = parseUsdOption(opts.usd, '--usd');
          const org = await resolveOrg(ctx, opts.org);
          const to = opts.toTeam
            ? { team_id: (await resolveTeam(ctx, org, opts.toTeam)).id }
            : { key_id: opts.toKey };
          const admin = await ctx.services.admin();
          const r = await admin.call<{ transfer_id: string; entries: LedgerEntryView[] }>(
            'POST',
            `/orgs/${seg(org.id)}/credits/allocations`,
            { body: { to, usd, ...(opts.note ? { note: opts.note } : {}) } },
          );
          out.result(
            r,
            (v) =>
              `moved $${usd} from org ${org.slug} to ${opts.toTeam ? `team ${opts.toTeam}` : `key ${opts.toKey}`} (transfer ${v.transfer_id})`,
          );
        },
      ),
    );

  const codes = program.command('codes').description('redemption codes for credit');
  codes
    .command('create')
    .description('create redemption codes (each shown once)')
    .requiredOption('--usd <amount>', 'credit per code, in USD')
    .option('--org <org>', 'only this org may redeem them (default: any org)')
    .option('--count <n>', 'how many codes', '1')
    .option('--expires-in <duration>', 'expiry from now: 24h, 30d, …')
    .action(
      action<{ usd: string; org?: string; count: string; expiresIn?: string }>(
        ctx,
        async (_args, opts, out) => {
          const usd = parseUsdOption(opts.usd, '--usd');
          const count = parsePositiveInt(opts.count, '--count');
          if (count > 1000) throw new CliUserError('--count: at most 1000 codes at a time');
          const expiresAt = opts.expiresIn
            ? Date.now() + parseDuration(opts.expiresIn, '--expires-in')
            : undefined;
          const org = opts.org ? await resolveOrg(ctx, opts.org) : undefined;
          const admin = await ctx.services.admin();
          const made: CodeView[] = [];
          for (let i = 0; i < count; i++)
            made.push(
              await admin.call<CodeView>('POST', '/redemption-codes', {
                body: {
                  usd,
                  ...(org ? { org_id: org.id } : {}),
                  ...(expiresAt ? { expires_at: expiresAt } : {}),
                },
              }),
            );
          out.result({ object: 'list', data: made }, (v) =>
            [
              ...v.data.map((c) => c.code),
              '',
              `${v.data.length} code(s) of $${v.data[0]?.amount_usd} each${org ? ` for org ${org.slug}` : ''}${
                v.data[0]?.expires_at ? `, valid until ${time(v.data[0].expires_at)}` : ''
              }. They are shown only now.`,
            ].join('\n'),
          );
        },
      ),
    );
  codes
    .command('redeem')
    .description("redeem a code for credit on an org's balance")
    .requiredOption('--org <org>', 'org id or slug')
    .argument('<code>', 'the redemption code')
    .action(
      action<{ org: string }>(ctx, async ([code], opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const entry = await admin.call<LedgerEntryView>('POST', `/orgs/${seg(org.id)}/redeem`, {
          body: { code },
        });
        out.result(entry, (e) => `redeemed: $${e.amount_usd} added to org ${org.slug}`);
      }),
    );

  const budgets = program.command('budgets').description('spending limits per period');
  budgets
    .command('set')
    .description('set the budget of an org, team, project or key for a period (replaces the same one)')
    .requiredOption('--org <org>', 'org id or slug')
    .option('--team <team>', 'a team of the org (id or name)')
    .option('--project <project>', 'a project of the org (id or name)')
    .option('--key <key>', 'a key of the org (key id)')
    .requiredOption('--period <period>', PERIODS.join('|'))
    .requiredOption('--usd <amount>', 'the limit in USD')
    .requiredOption('--mode <mode>', 'hard (refuse calls once spent) or soft (alert only)')
    .option('--alert-pct <n>', 'also alert when this percent of the limit is spent')
    .action(
      action<{
        org: string;
        team?: string;
        project?: string;
        key?: string;
        period: string;
        usd: string;
        mode: string;
        alertPct?: string;
      }>(ctx, async (_args, opts, out) => {
        if ([opts.team, opts.project, opts.key].filter(Boolean).length > 1)
          throw new CliUserError('give at most one of --team, --project and --key');
        if (!PERIODS.includes(opts.period)) throw new CliUserError(`--period: one of ${PERIODS.join(', ')}`);
        if (!MODES.includes(opts.mode)) throw new CliUserError('--mode: hard or soft');
        const limit = parseUsdOption(opts.usd, '--usd');
        const alertPct = opts.alertPct ? parsePositiveInt(opts.alertPct, '--alert-pct') : undefined;
        const org = await resolveOrg(ctx, opts.org);
        let scope = 'org';
        let scopeId = org.id;
        if (opts.team) [scope, scopeId] = ['team', (await resolveTeam(ctx, org, opts.team)).id];
        if (opts.project) [scope, scopeId] = ['project', (await resolveProject(ctx, org, opts.project)).id];
        if (opts.key) [scope, scopeId] = ['key', opts.key];
        const admin = await ctx.services.admin();
        const existing = (
          await admin.call<{ data: BudgetView[] }>('GET', `/orgs/${seg(org.id)}/budgets`)
        ).data.find((b) => b.scope === scope && b.scope_id === scopeId && b.period === opts.period);
        const settings = { limit_usd: limit, mode: opts.mode, ...(alertPct ? { alert_pct: alertPct } : {}) };
        const budget = existing
          ? await admin.call<BudgetView>('PATCH', `/orgs/${seg(org.id)}/budgets/${seg(existing.id)}`, {
              body: settings,
            })
          : await admin.call<BudgetView>('POST', `/orgs/${seg(org.id)}/budgets`, {
              body: { scope, scope_id: scopeId, period: opts.period, ...settings },
            });
        out.result(
          budget,
          (b) =>
            `${existing ? 'changed' : 'set'} the ${b.period} budget of ${b.scope} ${b.scope === 'org' ? org.slug : b.scope_id}: $${b.limit_usd}, ${b.mode}`,
        );
      }),
    );
  budgets
    .command('list')
    .description("an org's budgets with spend in the current period")
    .option('--org <org>', 'org id or slug (default: the default org)')
    .action(
      action<{ org?: string }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const r = await admin.call<{ data: BudgetView[] }>('GET', `/orgs/${seg(org.id)}/budgets`);
        out.result(r, (v) =>
          table(
            v.data,
            [
              { header: 'id', value: (b: BudgetView) => b.id },
              {
                header: 'scope',
                value: (b: BudgetView) =>
                  b.scope === 'org' ? `org ${org.slug}` : `${b.scope} ${b.scope_id}`,
              },
              { header: 'period', value: (b: BudgetView) => b.period_key ?? b.period },
              { header: 'limit usd', value: (b: BudgetView) => b.limit_usd },
              { header: 'spent usd', value: (b: BudgetView) => b.spent_usd },
              { header: 'mode', value: (b: BudgetView) => b.mode },
            ],
            `org ${org.slug} has no budgets`,
          ),
        );
      }),
    );
}
