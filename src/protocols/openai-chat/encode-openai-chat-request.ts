// CanonicalRequest -> a /v1/chat/completions body for an OpenAI-compatible provider.
//
// Choices made for the widest compatibility:
// - The output limit goes in `max_tokens` by default: vLLM, Ollama, Groq and older DeepSeek
//   only know that name. OpenAI's reasoning models (o-series, gpt-5) reject it and want
//   `max_completion_tokens`; pick that with `maxTokensField` for such providers.
// - Streams always ask for usage (`stream_options.include_usage`), whatever the client asked:
//   the gateway needs the counts.
// - Reasoning: an explicit effort is sent as `reasoning_effort`; a token budget is turned
//   into the closest effort; "reasoning disabled" without an effort sends nothing, because
//   models without reasoning reject the parameter altogether.
// - The target model's limits (opts.limits, from its catalog record): the output limit is capped
//   at its maximum; no `reasoning_effort` goes to a model that does not reason, and the effort is
//   moved to the nearest one the model accepts (Claude Code's 31999-token budget is `xhigh`, which
//   GPT-5 mini rejects: it gets `high`).
// - `metadata` is not sent (OpenAI accepts it only together with `store`), nor `top_k`
//   (not a Chat Completions parameter); `parallel_tool_calls` only goes with tools.
import {
  type CanonicalRequest,
  clampOutputTokens,
  effortForBudget,
  nearestEffort,
  type ReasoningEffort,
  type TargetModelLimits,
  type ToolChoice,
  type UpstreamEncodeOptions,
} from '../../canonical/index.js';
import { convertToOpenAIChatMessages } from './convert-to-openai-chat-messages.js';
import type { OpenAIChatRequestOut } from './openai-chat-wire-types.js';

export type OpenAIMaxTokensField = 'max_tokens' | 'max_completion_tokens';

export interface OpenAIChatEncodeOptions {
  /** where the output-token limit goes; default `max_tokens` */
  maxTokensField?: OpenAIMaxTokensField;
}

function toolChoice(choice: ToolChoice): OpenAIChatRequestOut['tool_choice'] {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

function requestedEffort(req: CanonicalRequest): ReasoningEffort | undefined {
  const r = req.reasoning;
  if (!r) return undefined;
  if (r.effort) return r.effort;
  if (r.enabled && r.budgetTokens !== undefined) return effortForBudget(r.budgetTokens);
  return undefined;
}

/** the effort to send: none to a model without reasoning, else the nearest the model accepts */
export function reasoningEffortFor(
  req: CanonicalRequest,
  limits: TargetModelLimits | undefined,
): ReasoningEffort | undefined {
  const effort = requestedEffort(req);
  if (effort === undefined || limits?.reasoning === false) return undefined;
  return nearestEffort(effort, limits?.efforts);
}

export function encodeOpenAIChatRequest(
  req: CanonicalRequest,
  opts: UpstreamEncodeOptions,
  config: OpenAIChatEncodeOptions = {},
): OpenAIChatRequestOut {
  const body: OpenAIChatRequestOut = {
    model: opts.model,
    messages: convertToOpenAIChatMessages(req.messages),
  };

  if (req.tools && req.tools.length > 0) {
    body.tools = req.tools.map((t) => {
      const fn: NonNullable<OpenAIChatRequestOut['tools']>[number]['function'] = {
        name: t.name,
        parameters: t.parameters,
      };
      if (t.description !== undefined) fn.description = t.description;
      if (t.strict !== undefined) fn.strict = t.strict;
      return { type: 'function', function: fn };
    });
    if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  }
  if (req.toolChoice) body.tool_choice = toolChoice(req.toolChoice);

  if (req.maxTokens !== undefined)
    body[config.maxTokensField ?? 'max_tokens'] = clampOutputTokens(req.maxTokens, opts.limits);
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop && req.stop.length > 0) body.stop = req.stop;
  if (req.seed !== undefined) body.seed = req.seed;
  if (req.user !== undefined) body.user = req.user;

  const rf = req.responseFormat;
  if (rf?.type === 'json_schema') {
    const js: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string } = {
      name: rf.name,
      schema: rf.schema,
    };
    if (rf.description !== undefined) js.description = rf.description;
    if (rf.strict !== undefined) js.strict = rf.strict;
    body.response_format = { type: 'json_schema', json_schema: js };
  } else if (rf) {
    body.response_format = { type: rf.type };
  }

  const effort = reasoningEffortFor(req, opts.limits);
  if (effort !== undefined) body.reasoning_effort = effort;

  if (opts.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}
