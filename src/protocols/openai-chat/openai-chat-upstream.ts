// The provider-facing Chat Completions codec, for OpenAI and every OpenAI-compatible server.
import type { UpstreamCodec } from '../../canonical/index.js';
import { createOpenAIChatStreamDecoder } from './create-openai-chat-stream-decoder.js';
import { decodeOpenAIChatResponse } from './decode-openai-chat-response.js';
import { encodeOpenAIChatRequest, type OpenAIChatEncodeOptions } from './encode-openai-chat-request.js';

/**
 * An upstream codec with provider-specific settings. `maxTokensField: 'max_completion_tokens'`
 * is needed for OpenAI's reasoning models (o-series, gpt-5…), which reject `max_tokens`; the
 * default `max_tokens` is what vLLM, Ollama, Groq and older DeepSeek understand.
 */
export function createOpenAIChatUpstream(config: OpenAIChatEncodeOptions = {}): UpstreamCodec {
  return {
    encodeRequest: (req, opts) => encodeOpenAIChatRequest(req, opts, config),
    decodeResponse: decodeOpenAIChatResponse,
    createStreamDecoder: createOpenAIChatStreamDecoder,
  };
}

/** The default upstream codec (`max_tokens`). */
export const openaiChatUpstream: UpstreamCodec = createOpenAIChatUpstream();
