// A canonical stop reason as Gemini's finishReason (the inverse of mapGeminiFinishReason):
// Gemini says STOP for a finished turn, a stop sequence and function calls alike.
import type { StopReason } from '../../canonical/index.js';

export function encodeGeminiFinishReason(stop: StopReason): string {
  switch (stop) {
    case 'end_turn':
    case 'stop_sequence':
    case 'tool_use':
    case 'pause_turn':
      return 'STOP';
    case 'max_tokens':
      return 'MAX_TOKENS';
    case 'content_filter':
    case 'refusal':
      return 'SAFETY';
    default:
      return 'OTHER';
  }
}
