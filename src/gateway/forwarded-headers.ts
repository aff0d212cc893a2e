// Client headers that mean something to a provider of the same protocol and must reach it:
// Anthropic's API version and beta flags (Claude Code depends on them).
import type { CallContext } from './call-context.js';

const ANTHROPIC = ['anthropic-version', 'anthropic-beta'];

export function forwardedClientHeaders(ctx: CallContext): Record<string, string> {
  if (ctx.client !== 'anthropic') return {};
  const out: Record<string, string> = {};
  for (const name of ANTHROPIC) {
    const v = ctx.headers[name];
    if (v !== undefined) out[name] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}
