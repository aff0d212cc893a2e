// `tools` and `tool_choice` of a client's request. Only custom tools (name + input_schema)
// have a canonical form; Anthropic's server tools (web search, code execution, bash, …) run
// inside Anthropic and are rejected with a message naming the tool type.
import { invalidRequest, type ToolChoice, type ToolDefinition } from '../../canonical/index.js';
import { decodeCacheControl } from './decode-anthropic-content-block.js';
import {
  optionalBoolean,
  optionalString,
  requireArray,
  requireOneOf,
  requireRecord,
  requireString,
} from './read-request-fields.js';

export function decodeAnthropicTools(value: unknown, path = 'tools'): ToolDefinition[] | undefined {
  if (value === undefined || value === null) return undefined;
  return requireArray(value, path).map((item, i): ToolDefinition => {
    const tp = `${path}[${i}]`;
    const tool = requireRecord(item, tp);
    const type = optionalString(tool, 'type', tp);
    if (type !== undefined && type !== 'custom') {
      throw invalidRequest(
        `${tp}.type: '${type}' is an Anthropic server tool; it runs inside Anthropic's API and needs an Anthropic model (only custom tools with an input_schema can be sent to other providers)`,
        `${tp}.type`,
      );
    }
    const name = requireString(tool, 'name', tp);
    if (tool.input_schema === undefined)
      throw invalidRequest(`${tp}.input_schema: field required`, `${tp}.input_schema`);
    const def: ToolDefinition = { name, parameters: requireRecord(tool.input_schema, `${tp}.input_schema`) };
    const description = optionalString(tool, 'description', tp);
    if (description !== undefined) def.description = description;
    const strict = optionalBoolean(tool, 'strict', tp);
    if (strict !== undefined) def.strict = strict;
    const cc = decodeCacheControl(tool, tp);
    if (cc) def.cacheControl = cc;
    return def;
  });
}

export interface DecodedToolChoice {
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
}

export function decodeAnthropicToolChoice(value: unknown, path = 'tool_choice'): DecodedToolChoice {
  if (value === undefined || value === null) return {};
  const tc = requireRecord(value, path);
  const type = requireOneOf(tc, 'type', path, ['auto', 'any', 'tool', 'none']);
  const out: DecodedToolChoice = {};
  if (type === 'auto') out.toolChoice = { type: 'auto' };
  else if (type === 'any') out.toolChoice = { type: 'required' };
  else if (type === 'none') out.toolChoice = { type: 'none' };
  else out.toolChoice = { type: 'tool', name: requireString(tc, 'name', path) };
  if (optionalBoolean(tc, 'disable_parallel_tool_use', path) === true) out.parallelToolCalls = false;
  return out;
}
