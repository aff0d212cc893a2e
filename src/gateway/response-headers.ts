// The headers every answer carries: who served it and what the gateway added.
import type { CatalogModel } from '../catalog/catalog-model.js';
import type { ProviderRuntime } from '../providers/index.js';
import type { CallContext } from './call-context.js';

/** upstream headers worth passing on to the client (rate-limit state, provider request ids) */
const FORWARDED =
  /^(x-ratelimit-|anthropic-ratelimit-|openai-processing-ms$|openai-version$|retry-after$|request-id$|x-request-id$)/;

export function servedByHeaders(
  ctx: CallContext,
  provider: ProviderRuntime,
  model: CatalogModel,
  upstream?: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const h: Record<string, string> = {};
  if (upstream) {
    for (const [k, v] of Object.entries(upstream)) {
      if (v === undefined || !FORWARDED.test(k)) continue;
      // the provider's own request id is kept under another name: ours is x-request-id
      const name = k === 'x-request-id' || k === 'request-id' ? 'x-upstream-request-id' : k;
      h[name] = Array.isArray(v) ? v.join(', ') : v;
    }
  }
  h['x-request-id'] = ctx.requestId;
  const tried = ctx.outcome.attempts;
  if (tried && tried.length > 0) {
    // the attempts before this one, which failed or were skipped
    h['x-switchyard-attempts'] = String(tried.filter((a) => !a.outcome.startsWith('skipped')).length + 1);
    h['x-switchyard-attempt-log'] = tried
      .map((a) => `${a.deployment} ${a.outcome} ${Math.round(a.ms)}ms`)
      .join(', ');
  } else h['x-switchyard-attempts'] = '1';
  h['x-switchyard-provider'] = provider.id;
  h['x-switchyard-model'] = model.id;
  h['x-switchyard-upstream-model'] = model.model;
  if (provider.protocol === 'simulated') h['x-switchyard-simulated'] = 'true';
  if (ctx.outcome.droppedTools) h['x-switchyard-dropped-tools'] = ctx.outcome.droppedTools.join(', ');
  if (ctx.route) {
    h['x-switchyard-route'] = ctx.route.chosen;
    h['x-switchyard-route-reason'] = ctx.route.reason;
  }
  return h;
}

export function overheadHeader(ms: number): string {
  return ms.toFixed(3);
}
