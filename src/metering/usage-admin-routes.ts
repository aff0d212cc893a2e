// The admin analytics route: spend and usage of an org by team, project, key, user, model and
// provider over time buckets. A team-level role may read its own team's usage (team_id given).
import type { Static } from '@sinclair/typebox';
import { Type as T } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { AdminRouter } from '../admin/admin-router.js';
import { orgScope } from '../admin/scopes.js';
import type { Database } from '../store/tables.js';
import { USAGE_DIMENSIONS, usageReport, usageReportView } from './analytics.js';
import { parseBucket, parseGroupBy, parseRange, UsageQueryString } from './usage-query.js';

const OrgParams = T.Object({ orgId: T.String() });

export function registerUsageAdminRoutes(
  router: AdminRouter,
  deps: { db: Kysely<Database>; now?: () => number },
): void {
  const now = deps.now ?? Date.now;
  router.route<unknown, Static<typeof UsageQueryString>, Static<typeof OrgParams>>({
    method: 'GET',
    url: '/orgs/:orgId/usage',
    permission: 'usage.read',
    scope: (req) => orgScope(deps.db, req.params.orgId, req.query.team_id ?? null),
    summary: 'Spend and usage over time, grouped by team, project, key, user, model or provider',
    tags: ['usage'],
    schema: { params: OrgParams, querystring: UsageQueryString },
    handler: async (req) => {
      const q = req.query;
      const { from, to } = parseRange(q, now());
      const query = {
        orgId: req.params.orgId,
        from,
        to,
        bucket: parseBucket(q.bucket),
        groupBy: parseGroupBy(
          q.group_by,
          USAGE_DIMENSIONS.filter((d) => d !== 'org'),
        ),
        teamId: q.team_id,
        projectId: q.project_id,
        keyId: q.key_id,
        userId: q.user_id,
        model: q.model,
        provider: q.provider,
      };
      return {
        object: 'usage',
        org_id: req.params.orgId,
        ...usageReportView(await usageReport(deps.db, query), query),
      };
    },
  });
}
