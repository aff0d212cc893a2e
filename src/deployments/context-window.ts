// The context window a deployment offers one request. Anthropic serves some models (Claude Sonnet 4
// and 4.5) with a 1M-token window when the request carries the beta `context-1m-2025-08-07`, billed
// at long-context prices above 200k input tokens; the catalog keeps the standard 200k window and
// names those prices in `pricing_tiers`. A model whose catalog record prices input beyond its
// standard window therefore takes the beta; the request keeps it on its way only when it passes
// through to Anthropic's own API (a translated request carries no anthropic-beta).
import type { Deployment } from './deployment.js';

export const LONG_CONTEXT_WINDOW = 1_000_000;

/** true when an `anthropic-beta` header asks for the 1M-token window (`context-1m-…`) */
export function asksLongContext(anthropicBeta: string | string[] | undefined): boolean {
  const values = Array.isArray(anthropicBeta) ? anthropicBeta : [anthropicBeta ?? ''];
  return values.some((v) => v.split(',').some((beta) => beta.trim().startsWith('context-1m-')));
}

/**
 * The deployment's window for this request (null: unknown). `longContext`: an Anthropic client
 * asked for the 1M window, which an Anthropic deployment of a model with long-context prices gives.
 */
export function contextWindowOf(d: Deployment, longContext = false): number | null {
  const window = d.model.contextWindow;
  if (!longContext || window === null || d.provider.protocol !== 'anthropic') return window;
  const priced = d.model.prices.tiers?.some((t) => t.aboveInputTokens >= window) ?? false;
  return priced ? Math.max(window, LONG_CONTEXT_WINDOW) : window;
}
