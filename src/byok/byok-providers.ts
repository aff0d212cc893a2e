// Which providers an org can bring its own key for: the gateway's enabled providers that can
// be called with another key (the simulator cannot). The gateway and the CLI use the same rule.
import type { ProviderRuntime } from '../providers/provider-runtime.js';

export function byokProviderIds(providers: readonly ProviderRuntime[]): Set<string> {
  return new Set(providers.filter((p) => p.authWithKey !== undefined).map((p) => p.id));
}
