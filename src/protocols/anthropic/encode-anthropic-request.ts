// A CanonicalRequest into an Anthropic POST /v1/messages body. `max_tokens` is required by
// Anthropic: the request's own (within the target model's output maximum), else the model's
// maximum up to 32000 when the catalog knows it, else the codec's default. Canonical fields
// Anthropic has no equivalent for are left out: seed, metadata other than the user id.
import type { CanonicalRequest, TargetModelLimits, UpstreamEncodeOptions } from '../../canonical/index.js';
import type { AnthropicMessagesRequest } from './anthropic-wire-types.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { encodeAnthropicResponseFormat } from './encode-anthropic-response-format.js';
import { encodeAnthropicThinking } from './encode-anthropic-thinking.js';
import { encodeAnthropicTools } from './encode-anthropic-tools.js';

export interface AnthropicEncodeSettings {
  /** max_tokens when the request has none and the target model's maximum is unknown */
  defaultMaxTokens: number;
}

/**
 * A request without a limit may run long (a coding agent's answer): the model's own maximum, bounded
 * at 32000 so a non-streamed answer stays within reasonable time; the codec's default when unknown.
 */
export const DEFAULT_MAX_TOKENS_BOUND = 32000;

export function defaultMaxTokensFor(
  limits: TargetModelLimits | undefined,
  settings: AnthropicEncodeSettings,
) {
  const max = limits?.maxOutputTokens;
  return max !== undefined && max > 0 ? Math.min(max, DEFAULT_MAX_TOKENS_BOUND) : settings.defaultMaxTokens;
}

export function encodeAnthropicRequest(
  req: CanonicalRequest,
  opts: UpstreamEncodeOptions,
  settings: AnthropicEncodeSettings,
): AnthropicMessagesRequest {
  const { system, messages } = convertToAnthropicMessages(req.messages);
  const { tools, tool_choice } = encodeAnthropicTools(req);
  const { output_config, systemInstruction } = encodeAnthropicResponseFormat(req.responseFormat);
  if (systemInstruction) system.push(systemInstruction);
  const { max_tokens, thinking, temperature, top_p, top_k } = encodeAnthropicThinking(
    req,
    req.maxTokens ?? defaultMaxTokensFor(opts.limits, settings),
    tool_choice,
    opts.limits,
  );

  const body: AnthropicMessagesRequest = { model: opts.model, max_tokens, messages };
  if (system.length) body.system = system;
  if (tools) body.tools = tools;
  if (tool_choice) body.tool_choice = tool_choice;
  if (req.stop?.length) body.stop_sequences = req.stop;
  if (temperature !== undefined) body.temperature = temperature;
  if (top_p !== undefined) body.top_p = top_p;
  if (top_k !== undefined) body.top_k = top_k;
  if (req.user !== undefined) body.metadata = { user_id: req.user };
  if (thinking) body.thinking = thinking;
  if (output_config) body.output_config = output_config;
  if (opts.stream) body.stream = true;
  return body;
}
