// What a translated request must respect about the model it goes to, taken from that model's catalog
// record by the caller and handed to the upstream encoder (UpstreamEncodeOptions.limits), so encoders
// stay pure. Absent fields are unknown: the request goes as the client asked.
import type { ReasoningEffort } from './types.js';

export interface TargetModelLimits {
  /** the model's largest output in tokens (catalog `max_output_tokens`) */
  maxOutputTokens?: number;
  /** false: the model does not reason (catalog `reasoning`), so no reasoning parameters are sent */
  reasoning?: boolean;
  /**
   * the OpenAI-style efforts the model accepts; another effort is moved to the nearest of these.
   * Empty: the model takes no effort parameter at all.
   */
  efforts?: readonly ReasoningEffort[];
}

/** efforts from least to most reasoning */
export const EFFORT_ORDER: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** the requested output limit within the model's maximum */
export function clampOutputTokens(maxTokens: number, limits: TargetModelLimits | undefined): number {
  const cap = limits?.maxOutputTokens;
  return cap !== undefined && cap > 0 ? Math.min(maxTokens, cap) : maxTokens;
}

/**
 * The accepted effort nearest to the one asked for; between two equally near, the higher (the client
 * asked for at least some reasoning). Unknown `accepted`: the effort as asked; empty: none to send.
 */
export function nearestEffort(
  effort: ReasoningEffort,
  accepted: readonly ReasoningEffort[] | undefined,
): ReasoningEffort | undefined {
  if (!accepted || accepted.includes(effort)) return effort;
  const at = EFFORT_ORDER.indexOf(effort);
  let best: ReasoningEffort | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of accepted) {
    const distance = Math.abs(EFFORT_ORDER.indexOf(candidate) - at);
    const higher = best === undefined || EFFORT_ORDER.indexOf(candidate) > EFFORT_ORDER.indexOf(best);
    if (distance < bestDistance || (distance === bestDistance && higher)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
