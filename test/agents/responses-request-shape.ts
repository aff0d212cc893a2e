// What must be the same in two Responses API requests made by the same client for the same task at
// different times (Codex straight to OpenAI, and through the gateway): the route, every body field and its
// settings, the tools, and the structure of the input items (types, roles, content part types, which
// call each output answers) — but not the texts, ids, cache keys and metadata values that differ per run.
import type { RecordedRequest } from '../fakes/index.js';

type Json = Record<string, any>;

export function responsesRequestShape(request: RecordedRequest): Json {
  const body = (request.body ?? {}) as Json;
  const input =
    typeof body.input === 'string' ? [{ type: 'message', content: 'string' }] : (body.input ?? []);
  const callIds = (input as Json[])
    .filter((item) => item.type === 'function_call')
    .map((item) => item.call_id);
  return {
    method: request.method,
    path: request.path,
    query: request.query,
    contentType: request.headers['content-type'],
    fields: Object.keys(body),
    model: body.model,
    stream: body.stream,
    store: body.store,
    include: body.include,
    reasoning: body.reasoning,
    text: body.text,
    max_output_tokens: body.max_output_tokens,
    tool_choice: body.tool_choice,
    parallel_tool_calls: body.parallel_tool_calls,
    tools: body.tools,
    instructions: typeof body.instructions,
    prompt_cache_key: typeof body.prompt_cache_key,
    client_metadata: Object.keys(body.client_metadata ?? {}).sort(), // Codex writes them in hash order
    input: (input as Json[]).map((item) => itemShape(item, callIds)),
  };
}

function itemShape(item: Json, callIds: string[]): Json {
  const shape: Json = { type: item.type };
  if (item.role !== undefined) shape.role = item.role;
  if (Array.isArray(item.content)) shape.content = item.content.map((part: Json) => part.type);
  if (item.type === 'function_call') shape.name = item.name;
  if (item.type === 'function_call_output') shape.answers = callIds.indexOf(item.call_id);
  return shape;
}
