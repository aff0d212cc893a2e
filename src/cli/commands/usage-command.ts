// switchyard usage: spend and usage of an org over time (admin route in metering/usage-admin-routes.ts).
import type { Command } from 'commander';
import type { UsageRowView } from '../../metering/analytics.js';
import { seg } from '../admin-client.js';
import { action, type CommandContext } from '../command-context.js';
import { type Column, table, time } from '../output.js';
import { parseTime } from '../parse-values.js';
import { resolveOrg } from '../resolve.js';

type Totals = Omit<UsageRowView, 'bucket_start'>;
interface UsageAnswer {
  from: string;
  to: string;
  bucket: string;
  group_by: string[];
  totals: Totals;
  data: UsageRowView[];
}

/** the usage_events column a group-by dimension shows as */
const GROUP_COLUMN: Record<string, string> = {
  team: 'team_id',
  project: 'project_id',
  key: 'key_id',
  user: 'user_id',
  model: 'model',
  provider: 'provider',
};

export function registerUsageCommand(program: Command, ctx: CommandContext): void {
  program
    .command('usage')
    .description('spend and usage of an org over time (default: the last 30 days by day)')
    .option('--org <org>', 'org id or slug (default: the default org)')
    .option('--group-by <list>', 'comma-separated: team, project, key, user, model, provider')
    .option('--bucket <bucket>', 'hour, day, week, month or none', 'day')
    .option('--from <time>', 'start (ISO date or ms), inclusive')
    .option('--to <time>', 'end (ISO date or ms), exclusive')
    .action(
      action<{ org?: string; groupBy?: string; bucket: string; from?: string; to?: string }>(
        ctx,
        async (_args, opts, out) => {
          const from = opts.from ? parseTime(opts.from, '--from') : undefined;
          const to = opts.to ? parseTime(opts.to, '--to') : undefined;
          const org = await resolveOrg(ctx, opts.org);
          const admin = await ctx.services.admin();
          const r = await admin.call<UsageAnswer>('GET', `/orgs/${seg(org.id)}/usage`, {
            query: { group_by: opts.groupBy, bucket: opts.bucket, from, to },
          });
          out.result(r, (v) => {
            const columns: Column<UsageRowView>[] = [];
            if (v.bucket !== 'none')
              columns.push({ header: v.bucket, value: (row) => time(row.bucket_start) });
            for (const d of v.group_by) {
              const col = GROUP_COLUMN[d] ?? d;
              columns.push({ header: d, value: (row) => (row as Record<string, unknown>)[col] });
            }
            columns.push(
              { header: 'requests', value: (row) => row.requests },
              { header: 'errors', value: (row) => row.errors },
              { header: 'input tok', value: (row) => row.input_tokens },
              { header: 'output tok', value: (row) => row.output_tokens },
              { header: 'cost usd', value: (row) => row.cost_usd },
              { header: 'charged usd', value: (row) => row.charged_usd },
            );
            const t = v.totals;
            return [
              `usage of org ${org.slug} from ${time(v.from)} to ${time(v.to)}`,
              table(v.data, columns, '(no requests in this range)'),
              `total: ${t.requests} requests (${t.errors} errors), ${t.input_tokens} input and ${t.output_tokens} output tokens, cost $${t.cost_usd}, charged $${t.charged_usd}`,
            ].join('\n');
          });
        },
      ),
    );
}
