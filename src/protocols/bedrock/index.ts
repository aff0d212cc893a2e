// Amazon Bedrock's Converse / ConverseStream API as an upstream: request and response
// converters, the binary event stream, and its error bodies.
export type * from './bedrock-types.js';
export { BEDROCK_STREAM_EXCEPTIONS } from './bedrock-types.js';
export { bedrockUpstream } from './bedrock-upstream.js';
export { createBedrockStreamDecoder } from './create-bedrock-stream-decoder.js';
export { decodeBedrockResponse } from './decode-bedrock-response.js';
export { encodeBedrockRequest, isBedrockClaude } from './encode-bedrock-request.js';
export { type BedrockUpstreamError, parseBedrockUpstreamError } from './parse-bedrock-upstream-error.js';
export {
  EVENT_STREAM_CONTENT_TYPE,
  eventStreamMessageToEvent,
  readBedrockEventStream,
} from './read-bedrock-event-stream.js';
