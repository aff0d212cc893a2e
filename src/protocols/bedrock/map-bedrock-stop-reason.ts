import type { StopReason } from '../../canonical/index.js';

/** Converse's stopReason → the canonical stop reason. */
export function mapBedrockStopReason(reason: string | undefined): StopReason {
  switch (reason) {
    case 'end_turn':
      return 'end_turn';
    case 'tool_use':
      return 'tool_use';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'max_tokens';
    case 'stop_sequence':
      return 'stop_sequence';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'unknown';
  }
}
