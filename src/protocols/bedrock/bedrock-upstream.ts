import type { UpstreamCodec } from '../../canonical/index.js';
import { createBedrockStreamDecoder } from './create-bedrock-stream-decoder.js';
import { decodeBedrockResponse } from './decode-bedrock-response.js';
import { encodeBedrockRequest } from './encode-bedrock-request.js';
import { EVENT_STREAM_CONTENT_TYPE, readBedrockEventStream } from './read-bedrock-event-stream.js';

/** Amazon Bedrock's Converse API as an upstream (URLs: /model/{modelId}/converse[-stream]). */
export const bedrockUpstream: UpstreamCodec = {
  encodeRequest: encodeBedrockRequest,
  decodeResponse: (body) => decodeBedrockResponse(body),
  createStreamDecoder: () => createBedrockStreamDecoder(),
  streamFraming: { contentType: EVENT_STREAM_CONTENT_TYPE, read: readBedrockEventStream },
};
