// The Anthropic Messages protocol: client codec (callers using Anthropic's API), upstream
// codec (Anthropic as a provider) and Anthropic-shaped errors.
export { anthropicClient } from './anthropic-client-codec.js';
export {
  type AnthropicUpstreamOptions,
  anthropicUpstream,
  createAnthropicUpstream,
  DEFAULT_MAX_TOKENS,
} from './anthropic-upstream-codec.js';
export type {
  AnthropicErrorBody,
  AnthropicErrorType,
  AnthropicMessage,
  AnthropicMessagesRequest,
} from './anthropic-wire-types.js';
export {
  type AnthropicUsageTracker,
  createAnthropicUsageTracker,
  usageFromAnthropic,
  usageToAnthropic,
} from './convert-anthropic-usage.js';
export { createAnthropicStreamDecoder } from './create-anthropic-stream-decoder.js';
export { createAnthropicStreamEncoder } from './create-anthropic-stream-encoder.js';
export { decodeAnthropicRequest, decodeCountTokensRequest } from './decode-anthropic-request.js';
export { stopReasonFromAnthropic, stopReasonToAnthropic } from './map-anthropic-stop-reason.js';
export { parseAnthropicUpstreamError } from './parse-upstream-error.js';
export { renderAnthropicError, renderAnthropicStreamError } from './render-error.js';
export { FOREIGN_SIGNATURE_PREFIX, isWrappedForeignSignature } from './wrap-foreign-signature.js';
