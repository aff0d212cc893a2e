// What must be the same in two Messages API requests made by the same client for the same task at different
// times (Claude Code straight to Anthropic, and through the gateway): the route, the headers that change the
// API's behaviour, every body field, the tools, and the structure of system and messages (roles, block
// types, cache_control, tool names) — but not the texts, ids and signatures that differ from run to run.
import type { RecordedRequest } from '../fakes/index.js';

type Json = Record<string, any>;

export function anthropicRequestShape(request: RecordedRequest): Json {
  const body = (request.body ?? {}) as Json;
  const system = typeof body.system === 'string' ? [{ type: 'text' }] : ((body.system ?? []) as Json[]);
  return {
    method: request.method,
    path: request.path,
    query: request.query,
    headers: {
      'anthropic-beta': request.headers['anthropic-beta'],
      'anthropic-version': request.headers['anthropic-version'],
      'content-type': request.headers['content-type'],
    },
    fields: Object.keys(body),
    model: body.model,
    stream: body.stream,
    max_tokens: body.max_tokens,
    temperature: body.temperature,
    thinking: body.thinking,
    context_management: body.context_management,
    output_config: body.output_config,
    tool_choice: body.tool_choice,
    tools: body.tools,
    metadata: Object.keys(body.metadata ?? {}),
    system: system.map(blockShape),
    messages: ((body.messages ?? []) as Json[]).map((message) => ({
      role: message.role,
      content: typeof message.content === 'string' ? 'string' : (message.content as Json[]).map(blockShape),
    })),
  };
}

function blockShape(block: Json): Json {
  const shape: Json = { type: block.type };
  if (block.cache_control !== undefined) shape.cache_control = block.cache_control;
  if (block.type === 'tool_use') shape.name = block.name;
  if (block.type === 'thinking') shape.signed = typeof block.signature === 'string' && block.signature !== '';
  if (block.type === 'tool_result') shape.is_error = block.is_error;
  return shape;
}
