// Scenario rules: an admin's "requests like this go to that model (or list)". The first rule of
// the policy whose every condition holds decides. Pure.
import type { TaskType } from './model/contract.js';
import type { ScenarioRule } from './policy.js';

export interface RuleSubject {
  taskType: TaskType;
  metadata: Readonly<Record<string, string>>;
  /** lower-case names */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** principal id: a virtual key id, `key:<name>`, `master` */
  keyId: string;
  teamId: string | null;
  promptTokens: number;
}

export function ruleMatches(r: ScenarioRule, s: RuleSubject): boolean {
  if (r.taskTypes && !r.taskTypes.has(s.taskType)) return false;
  if (r.keys && !r.keys.has(s.keyId)) return false;
  if (r.teams && (s.teamId === null || !r.teams.has(s.teamId))) return false;
  if (r.minPromptTokens !== undefined && s.promptTokens < r.minPromptTokens) return false;
  if (r.maxPromptTokens !== undefined && s.promptTokens > r.maxPromptTokens) return false;
  if (r.metadata) for (const [k, v] of Object.entries(r.metadata)) if (s.metadata[k] !== v) return false;
  if (r.headers)
    for (const [k, v] of Object.entries(r.headers)) {
      const h = s.headers[k];
      if ((Array.isArray(h) ? h.join(', ') : h) !== v) return false;
    }
  return true;
}

export function firstMatch(rules: readonly ScenarioRule[], s: RuleSubject): ScenarioRule | undefined {
  for (const r of rules) if (ruleMatches(r, s)) return r;
  return undefined;
}
