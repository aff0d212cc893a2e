// The request settings a response object repeats back (instructions, tools, text format,
// reasoning, sampling…), with OpenAI's defaults for what the request left out.
import { isObject, type JsonObject } from '../openai-chat/read-openai-request-fields.js';
import type { ResponsesResponse } from './responses-wire-types.js';

export type ResponsesEcho = Pick<
  ResponsesResponse,
  | 'instructions'
  | 'max_output_tokens'
  | 'max_tool_calls'
  | 'parallel_tool_calls'
  | 'previous_response_id'
  | 'prompt_cache_key'
  | 'reasoning'
  | 'safety_identifier'
  | 'store'
  | 'temperature'
  | 'text'
  | 'tool_choice'
  | 'tools'
  | 'top_logprobs'
  | 'top_p'
  | 'truncation'
  | 'user'
  | 'metadata'
>;

const or = <T>(v: unknown, fallback: T, ok: (v: unknown) => boolean): T => (ok(v) ? (v as T) : fallback);
const isNum = (v: unknown) => typeof v === 'number';
const isStr = (v: unknown) => typeof v === 'string';

/** function tools as OpenAI repeats them (`strict` defaults to true in this API) */
function echoTools(tools: unknown): unknown[] {
  if (!Array.isArray(tools)) return [];
  return tools.map((t) =>
    isObject(t) && t.type === 'function'
      ? {
          type: 'function',
          description: t.description ?? null,
          name: t.name,
          parameters: t.parameters ?? null,
          strict: t.strict ?? true,
        }
      : t,
  );
}

export function responsesEcho(
  body: JsonObject,
  state: { store: boolean; previousResponseId: string | null },
): ResponsesEcho {
  const reasoning = isObject(body.reasoning) ? body.reasoning : {};
  const text: JsonObject = isObject(body.text) ? { ...body.text } : {};
  text.format ??= { type: 'text' };
  text.verbosity ??= 'medium';
  return {
    instructions: body.instructions ?? null,
    max_output_tokens: or(body.max_output_tokens, null, isNum),
    max_tool_calls: or(body.max_tool_calls, null, isNum),
    parallel_tool_calls: or(body.parallel_tool_calls, true, (v) => typeof v === 'boolean'),
    previous_response_id: state.previousResponseId,
    prompt_cache_key: or(body.prompt_cache_key, null, isStr),
    reasoning: {
      effort: or(reasoning.effort, null, isStr),
      summary: or(reasoning.summary, null, isStr),
    },
    safety_identifier: or(body.safety_identifier, null, isStr),
    store: state.store,
    temperature: or(body.temperature, 1, isNum),
    text,
    tool_choice: body.tool_choice ?? 'auto',
    tools: echoTools(body.tools),
    top_logprobs: or(body.top_logprobs, 0, isNum),
    top_p: or(body.top_p, 1, isNum),
    truncation: or(body.truncation, 'disabled', isStr),
    user: or(body.user, null, isStr),
    metadata: or(body.metadata, {}, isObject),
  };
}
