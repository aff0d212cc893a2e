// The models a request may go to, and why the others may not: the key must be allowed to use
// it, it must be a chat model with a deployment whose breaker admits calls, and it must be able
// to do the task (context window for the prompt + expected output, tools, images, structured
// output). Pure over the deployments' current state.
import type { Principal } from '../auth/index.js';
import type { CatalogModel } from '../catalog/index.js';
import { contextWindowOf, type Deployment, type DeploymentRegistry } from '../deployments/index.js';
import type { TaskProfile } from './model/contract.js';

/** one name a policy lists, resolved to what serves it */
export interface ModelOption {
  /** the name as listed (a model id, an alias or a deployment group) */
  name: string;
  /** the model of its first deployment: capabilities and price */
  model: CatalogModel;
  provider: string;
  deployments: readonly Deployment[];
}

export interface Dropped {
  model: string;
  reason: string;
  /** dropped for its health (an open breaker), not for what it is */
  health?: boolean;
}

/** names → what serves them; names nothing serves are dropped with the catalog's message */
export function resolveOptions(
  registry: DeploymentRegistry,
  names: readonly string[],
): { options: ModelOption[]; dropped: Dropped[] } {
  const options: ModelOption[] = [];
  const dropped: Dropped[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    try {
      const g = registry.group(name);
      const deployments = g.members.map((m) => m.deployment);
      const first = deployments[0]!;
      options.push({ name, model: first.model, provider: first.provider.id, deployments });
    } catch (e) {
      dropped.push({ model: name, reason: (e as Error).message });
    }
  }
  return { options, dropped };
}

/**
 * the largest window any of the model's deployments offers this request (null: unknown);
 * `longContext`: an Anthropic client asked for the 1M window (deployments/context-window.ts)
 */
export function windowOf(o: ModelOption, longContext = false): number | null {
  let best = 0;
  for (const d of o.deployments) {
    const w = contextWindowOf(d, longContext);
    if (w === null) return null;
    if (w > best) best = w;
  }
  return best;
}

/** why this model cannot take this request (not counting price and quality), or undefined */
export function ineligible(
  o: ModelOption,
  principal: Principal,
  profile: TaskProfile,
  longContext = false,
): Dropped | undefined {
  const m = o.model;
  const drop = (reason: string, health = false): Dropped => ({ model: o.name, reason, health });
  if (!o.deployments.some((d) => principal.canUseModel(d.model.id))) return drop('this key may not use it');
  if (m.mode === 'embedding') return drop('an embedding model');
  const need = profile.needs;
  const window = windowOf(o, longContext);
  if (window !== null && need.contextTokens > window)
    return drop(`needs ${need.contextTokens} tokens of context, its window holds ${window}`);
  if (need.tools && m.toolCalling === false) return drop('no tool calling');
  if (need.images && m.vision === false) return drop('no image input');
  // the catalog records no JSON-mode flag on models: a model that cannot call tools is taken
  // to be unable to keep to a schema either
  if (need.structuredOutput && m.toolCalling === false) return drop('no structured output');
  if (!o.deployments.some((d) => d.breaker.isAvailable()))
    return drop(`unhealthy: circuit breaker ${o.deployments[0]!.breaker.state}`, true);
  return undefined;
}

/** the live health of the deployment a call would most likely use (the first available) */
export function liveHealth(o: ModelOption): { ttftMs?: number; errorRate: number } {
  const d = o.deployments.find((x) => x.breaker.isAvailable()) ?? o.deployments[0]!;
  return { ttftMs: d.health.ttftEwma, errorRate: d.health.errorRate };
}
