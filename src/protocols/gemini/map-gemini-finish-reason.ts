import type { StopReason } from '../../canonical/index.js';

// https://ai.google.dev/api/generate-content#FinishReason
const CONTENT_FILTER = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
]);

/**
 * Gemini's finishReason as a canonical stop reason. Gemini says STOP for function calls too,
 * so `hasToolCalls` turns it into `tool_use`.
 */
export function mapGeminiFinishReason(finishReason: string | undefined, hasToolCalls: boolean): StopReason {
  if (finishReason === 'STOP') return hasToolCalls ? 'tool_use' : 'end_turn';
  if (finishReason === 'MAX_TOKENS') return 'max_tokens';
  if (finishReason !== undefined && CONTENT_FILTER.has(finishReason)) return 'content_filter';
  return 'unknown';
}
