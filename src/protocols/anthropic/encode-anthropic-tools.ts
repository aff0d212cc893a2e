// Canonical tools, tool choice and parallelToolCalls into Anthropic's `tools` and
// `tool_choice` (required → any; parallelToolCalls false → disable_parallel_tool_use).
import type { CanonicalRequest } from '../../canonical/index.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-wire-types.js';
import { toAnthropicCacheControl } from './convert-to-anthropic-content-block.js';

export interface EncodedTools {
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
}

/** Anthropic requires `input_schema.type: "object"`; OpenAI tools may leave it out. */
function inputSchema(parameters: Record<string, unknown>): Record<string, unknown> {
  return parameters.type === undefined ? { type: 'object', ...parameters } : parameters;
}

export function encodeAnthropicTools(req: CanonicalRequest): EncodedTools {
  // Without tools there is nothing to choose from: tool_choice would only be rejected.
  if (!req.tools || req.tools.length === 0) return {};
  const tools = req.tools.map((t): AnthropicTool => {
    const tool: AnthropicTool = { name: t.name, input_schema: inputSchema(t.parameters) };
    if (t.description !== undefined) tool.description = t.description;
    if (t.strict !== undefined) tool.strict = t.strict;
    if (t.cacheControl) tool.cache_control = toAnthropicCacheControl(t.cacheControl);
    return tool;
  });
  const disableParallel = req.parallelToolCalls === false;
  const tc = req.toolChoice;
  let toolChoice: AnthropicToolChoice | undefined;
  if (tc?.type === 'none') toolChoice = { type: 'none' };
  else if (tc?.type === 'required') toolChoice = { type: 'any' };
  else if (tc?.type === 'tool') toolChoice = { type: 'tool', name: tc.name };
  else if (tc?.type === 'auto' || disableParallel) toolChoice = { type: 'auto' };
  if (toolChoice && toolChoice.type !== 'none' && disableParallel)
    toolChoice.disable_parallel_tool_use = true;
  return toolChoice ? { tools, tool_choice: toolChoice } : { tools };
}
