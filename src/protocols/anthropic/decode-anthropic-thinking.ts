// `thinking` (and `output_config.effort`) of a client's request into the canonical reasoning
// config. Anthropic's thinking types: `enabled` with `budget_tokens` (>= 1024), `disabled`,
// `adaptive` (the model decides how much to think; `output_config.effort` steers it) and
// `between_tools`.
import { invalidRequest, type ReasoningConfig, type ReasoningEffort } from '../../canonical/index.js';
import { optionalNumber, requireOneOf, requireRecord } from './read-request-fields.js';

/** Anthropic's minimum thinking budget. */
export const MIN_THINKING_BUDGET = 1024;

export function decodeAnthropicThinking(
  value: unknown,
  effort: ReasoningEffort | undefined,
  path = 'thinking',
): ReasoningConfig | undefined {
  if (value === undefined || value === null)
    return effort === undefined ? undefined : { enabled: true, effort };
  const thinking = requireRecord(value, path);
  const type = requireOneOf(thinking, 'type', path, ['enabled', 'disabled', 'adaptive', 'between_tools']);
  if (type === 'disabled') return { enabled: false };
  if (type === 'enabled') {
    if (thinking.budget_tokens === undefined) {
      throw invalidRequest(
        `${path}.budget_tokens: field required when thinking.type is 'enabled'`,
        `${path}.budget_tokens`,
      );
    }
    const budget = optionalNumber(thinking, 'budget_tokens', path, {
      integer: true,
      min: MIN_THINKING_BUDGET,
    })!;
    return effort === undefined
      ? { enabled: true, budgetTokens: budget }
      : { enabled: true, budgetTokens: budget, effort };
  }
  return effort === undefined ? { enabled: true } : { enabled: true, effort };
}
