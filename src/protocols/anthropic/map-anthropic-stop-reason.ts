// Anthropic stop_reason <-> canonical StopReason, both directions in one place.
import type { StopReason } from '../../canonical/index.js';
import type { AnthropicStopReason } from './anthropic-wire-types.js';

/** Anthropic's stop_reason (response, message_delta) to the canonical one. */
export function stopReasonFromAnthropic(reason: unknown): StopReason {
  switch (reason) {
    case 'end_turn':
      return 'end_turn';
    case 'max_tokens':
    // the prompt plus output hit the model's context window: a token limit as well
    case 'model_context_window_exceeded':
      return 'max_tokens';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'tool_use':
      return 'tool_use';
    case 'pause_turn':
      return 'pause_turn';
    case 'refusal':
      return 'refusal';
    default:
      return 'unknown';
  }
}

/** The canonical stop reason as an Anthropic client expects it. */
export function stopReasonToAnthropic(reason: StopReason): AnthropicStopReason {
  switch (reason) {
    case 'max_tokens':
      return 'max_tokens';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'tool_use':
      return 'tool_use';
    case 'pause_turn':
      return 'pause_turn';
    // Anthropic reports classifier interventions as `refusal`
    case 'content_filter':
    case 'refusal':
      return 'refusal';
    // Anthropic has no error or unknown stop reason; end_turn is the neutral one
    default:
      return 'end_turn';
  }
}
