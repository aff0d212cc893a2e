// The response object (`object: "response"`) from its parts, with the request's settings repeated.
import type { StopReason } from '../../canonical/index.js';
import type { ResponsesEcho } from './responses-echo.js';
import type {
  ResponsesOutputItem,
  ResponsesResponse,
  ResponsesStatus,
  ResponsesUsage,
} from './responses-wire-types.js';

export interface ResponseParts {
  id: string;
  createdAt: number;
  model: string;
  status: ResponsesStatus;
  output: ResponsesOutputItem[];
  usage: ResponsesUsage | null;
  incompleteReason?: 'max_output_tokens' | 'content_filter';
  error?: { code: string; message: string };
}

/** completed, or incomplete (and why) for a canonical stop reason */
export function statusFor(stop: StopReason): Pick<ResponseParts, 'status' | 'incompleteReason'> {
  if (stop === 'max_tokens') return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
  if (stop === 'content_filter') return { status: 'incomplete', incompleteReason: 'content_filter' };
  return { status: 'completed' };
}

export function buildResponsesObject(p: ResponseParts, echo: ResponsesEcho): ResponsesResponse {
  return {
    id: p.id,
    object: 'response',
    created_at: p.createdAt,
    status: p.status,
    background: false,
    error: p.error ?? null,
    incomplete_details: p.incompleteReason ? { reason: p.incompleteReason } : null,
    instructions: echo.instructions,
    max_output_tokens: echo.max_output_tokens,
    max_tool_calls: echo.max_tool_calls,
    model: p.model,
    output: p.output,
    parallel_tool_calls: echo.parallel_tool_calls,
    previous_response_id: echo.previous_response_id,
    prompt_cache_key: echo.prompt_cache_key,
    reasoning: echo.reasoning,
    safety_identifier: echo.safety_identifier,
    service_tier: 'default',
    store: echo.store,
    temperature: echo.temperature,
    text: echo.text,
    tool_choice: echo.tool_choice,
    tools: echo.tools,
    top_logprobs: echo.top_logprobs,
    top_p: echo.top_p,
    truncation: echo.truncation,
    usage: p.usage,
    user: echo.user,
    metadata: echo.metadata,
  };
}
