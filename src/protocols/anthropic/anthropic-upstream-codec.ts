// The Anthropic Messages API as an upstream protocol: requests the gateway sends to
// api.anthropic.com (or a compatible endpoint) and the answers it reads back.
import type { UpstreamCodec } from '../../canonical/index.js';
import { createAnthropicStreamDecoder } from './create-anthropic-stream-decoder.js';
import { decodeAnthropicResponse } from './decode-anthropic-response.js';
import { encodeAnthropicRequest } from './encode-anthropic-request.js';

export interface AnthropicUpstreamOptions {
  /** max_tokens for requests that set none (Anthropic requires the field); default 4096 */
  defaultMaxTokens?: number;
}

export const DEFAULT_MAX_TOKENS = 4096;

export function createAnthropicUpstream(options: AnthropicUpstreamOptions = {}): UpstreamCodec {
  const settings = { defaultMaxTokens: options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS };
  return {
    encodeRequest: (req, opts) => encodeAnthropicRequest(req, opts, settings),
    decodeResponse: decodeAnthropicResponse,
    createStreamDecoder: createAnthropicStreamDecoder,
  };
}

export const anthropicUpstream: UpstreamCodec = createAnthropicUpstream();
