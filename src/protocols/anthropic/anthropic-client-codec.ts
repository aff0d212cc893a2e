// The Anthropic Messages API as a client protocol: what a caller using Anthropic's SDK sends
// to POST /v1/messages, and the answers it expects.
import type { ClientCodec } from '../../canonical/index.js';
import { createAnthropicStreamEncoder } from './create-anthropic-stream-encoder.js';
import { decodeAnthropicRequest } from './decode-anthropic-request.js';
import { encodeAnthropicResponse } from './encode-anthropic-response.js';

export const anthropicClient: ClientCodec = {
  decodeRequest: decodeAnthropicRequest,
  encodeResponse: encodeAnthropicResponse,
  createStreamEncoder: createAnthropicStreamEncoder,
};
