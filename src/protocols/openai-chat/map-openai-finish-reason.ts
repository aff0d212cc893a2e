// OpenAI `finish_reason` <-> canonical stop reason, both directions.
import type { StopReason } from '../../canonical/index.js';
import type { OpenAIFinishReason } from './openai-chat-wire-types.js';

/**
 * Canonical stop reason for a provider's `finish_reason`. Besides OpenAI's five values it
 * knows the spellings OpenAI-compatible servers use (`eos`, `model_length`, DeepSeek's
 * `insufficient_system_resource`…). `null`/missing gives `unknown`.
 */
export function mapOpenAIFinishReason(reason: string | null | undefined): StopReason {
  switch (reason) {
    case 'stop':
    case 'eos':
    case 'end_turn':
      return 'end_turn';
    case 'length':
    case 'model_length':
    case 'max_tokens':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
    case 'tool_use':
      return 'tool_use';
    case 'content_filter':
      return 'content_filter';
    case 'refusal':
      return 'refusal';
    case 'error':
    case 'insufficient_system_resource':
      return 'error';
    default:
      return 'unknown';
  }
}

/**
 * OpenAI `finish_reason` for a canonical stop reason. OpenAI has no value for a refusal
 * stop (its own refusals come with `stop` and a `refusal` text); `content_filter` is the
 * closest a client can act on. Reasons OpenAI cannot express become `stop`.
 */
export function toOpenAIFinishReason(reason: StopReason): OpenAIFinishReason {
  switch (reason) {
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'content_filter':
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
