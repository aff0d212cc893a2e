// The client-facing Chat Completions codec: decode the caller's request, encode our answer.
import type { ClientCodec } from '../../canonical/index.js';
import { createOpenAIChatStreamEncoder } from './create-openai-chat-stream-encoder.js';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response.js';

export const openaiChatClient: ClientCodec = {
  decodeRequest: decodeOpenAIChatRequest,
  encodeResponse: encodeOpenAIChatResponse,
  createStreamEncoder: createOpenAIChatStreamEncoder,
};
