// A client's POST /v1/messages (or /v1/messages/count_tokens) body into a CanonicalRequest.
// Unknown top-level fields are ignored; known ones are checked and errors name the field.
import { type CanonicalRequest, invalidRequest } from '../../canonical/index.js';
import { decodeAnthropicMessages } from './decode-anthropic-messages.js';
import { decodeAnthropicOutputConfig } from './decode-anthropic-output-config.js';
import { decodeAnthropicSystem } from './decode-anthropic-system.js';
import { decodeAnthropicThinking } from './decode-anthropic-thinking.js';
import { decodeAnthropicToolChoice, decodeAnthropicTools } from './decode-anthropic-tools.js';
import {
  describeJsonType,
  isRecord,
  type JsonObject,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from './read-request-fields.js';

function decodeStopSequences(body: JsonObject): string[] | undefined {
  if (body.stop_sequences === undefined || body.stop_sequences === null) return undefined;
  return requireArray(body.stop_sequences, 'stop_sequences').map((s, i) => {
    if (typeof s !== 'string') {
      throw invalidRequest(
        `stop_sequences[${i}]: expected a string, got ${describeJsonType(s)}`,
        `stop_sequences[${i}]`,
      );
    }
    return s;
  });
}

function decodeUser(body: JsonObject): string | undefined {
  if (body.metadata === undefined || body.metadata === null) return undefined;
  return optionalString(requireRecord(body.metadata, 'metadata'), 'user_id', 'metadata');
}

function decode(value: unknown, requireMaxTokens: boolean): CanonicalRequest {
  if (!isRecord(value)) {
    throw invalidRequest(`Request body must be a JSON object, got ${describeJsonType(value)}`);
  }
  const body = value;
  const model = requireString(body, 'model', '');
  if (model === '') throw invalidRequest('model: must not be empty', 'model');
  if (requireMaxTokens && body.max_tokens === undefined) {
    throw invalidRequest(
      'max_tokens: field required (the Messages API needs an output token limit)',
      'max_tokens',
    );
  }
  // max_tokens 0 is valid on Anthropic (it warms the prompt cache without generating)
  const maxTokens = optionalNumber(body, 'max_tokens', '', { integer: true, min: 0 });

  const messages = decodeAnthropicMessages(body.messages);
  const system = decodeAnthropicSystem(body.system);
  const req: CanonicalRequest = {
    model,
    messages: system ? [system, ...messages] : messages,
    stream: optionalBoolean(body, 'stream', '') ?? false,
  };
  if (maxTokens !== undefined) req.maxTokens = maxTokens;

  const tools = decodeAnthropicTools(body.tools);
  if (tools) req.tools = tools;
  const { toolChoice, parallelToolCalls } = decodeAnthropicToolChoice(body.tool_choice);
  if (toolChoice) req.toolChoice = toolChoice;
  if (parallelToolCalls !== undefined) req.parallelToolCalls = parallelToolCalls;

  const stop = decodeStopSequences(body);
  if (stop) req.stop = stop;
  const temperature = optionalNumber(body, 'temperature', '', { min: 0, max: 1 });
  if (temperature !== undefined) req.temperature = temperature;
  const topP = optionalNumber(body, 'top_p', '', { min: 0, max: 1 });
  if (topP !== undefined) req.topP = topP;
  const topK = optionalNumber(body, 'top_k', '', { integer: true, min: 0 });
  if (topK !== undefined) req.topK = topK;
  const user = decodeUser(body);
  if (user !== undefined) req.user = user;

  const { responseFormat, effort } = decodeAnthropicOutputConfig(body);
  if (responseFormat) req.responseFormat = responseFormat;
  const reasoning = decodeAnthropicThinking(body.thinking, effort);
  if (reasoning) req.reasoning = reasoning;
  // Anthropic streams always carry usage
  if (req.stream) req.streamUsage = true;
  return req;
}

/** POST /v1/messages: `max_tokens` is required. */
export const decodeAnthropicRequest = (body: unknown): CanonicalRequest => decode(body, true);

/** POST /v1/messages/count_tokens: the same body without `max_tokens`. */
export const decodeCountTokensRequest = (body: unknown): CanonicalRequest => ({
  ...decode(body, false),
  stream: false,
});
