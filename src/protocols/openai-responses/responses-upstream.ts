// The provider-facing Responses codec, for OpenAI, Azure (v1 API), xAI and other servers that
// speak the Responses API.
import type { UpstreamCodec } from '../../canonical/index.js';
import { createResponsesStreamDecoder } from './create-responses-stream-decoder.js';
import { decodeResponsesResponse } from './decode-responses-response.js';
import { encodeResponsesRequest } from './encode-responses-request.js';

export const responsesUpstream: UpstreamCodec = {
  encodeRequest: encodeResponsesRequest,
  decodeResponse: decodeResponsesResponse,
  createStreamDecoder: createResponsesStreamDecoder,
};
