// Responses `tools` / `tool_choice` -> canonical tools. Function tools are flat in this API
// (`{type, name, parameters, strict}`); custom and namespaced tools become functions
// (responses-tool-names.ts); built-in tools (web_search, file_search, code_interpreter,
// computer use, MCP, image generation, shell…) run inside OpenAI and cannot be given to a model of
// another protocol: offered ones are left out (the answer names them in a header, as coding agents
// such as Codex offer web_search by default), and a tool_choice that forces one gets a 400 naming it.
import { invalidRequest, type ToolChoice, type ToolDefinition } from '../../canonical/index.js';
import {
  invalidType,
  invalidValue,
  isObject,
  type JsonObject,
  missingParam,
  optionalArray,
  optionalBoolean,
  optionalObject,
  optionalString,
  requiredString,
} from '../openai-chat/read-openai-request-fields.js';
import { CUSTOM_TOOL_PARAMETERS, canonicalToolName } from './responses-tool-names.js';

const EMPTY_PARAMETERS = { type: 'object', properties: {} };

export const builtInToolError = (param: string, type: unknown) =>
  invalidRequest(
    `The '${String(type)}' tool (${param}) is a built-in tool that runs inside OpenAI; this model is ` +
      'served through another protocol, which can only call function tools. Remove the tool or choose ' +
      'a model that speaks the OpenAI Responses API.',
    param,
  );

/** a custom tool as a function with one string argument; its grammar, if any, told in the description */
function readCustomTool(raw: JsonObject, p: string, namespace?: string): ToolDefinition {
  const name = requiredString(raw, 'name', `${p}.name`);
  let description = optionalString(raw, 'description', `${p}.description`) ?? '';
  const format = optionalObject(raw, 'format', `${p}.format`);
  if (format?.type === 'grammar' && typeof format.definition === 'string')
    description += `\n\nThe input must follow this ${String(format.syntax ?? '')} grammar:\n${format.definition}`;
  const tool: ToolDefinition = {
    name: canonicalToolName(name, namespace),
    parameters: CUSTOM_TOOL_PARAMETERS,
  };
  if (description.trim() !== '') tool.description = description.trim();
  return tool;
}

function readTools(raw: unknown, p: string, dropped: string[], namespace?: string): ToolDefinition[] {
  if (!isObject(raw)) throw invalidType(p, 'an object', raw);
  if (raw.type === undefined || raw.type === null) throw missingParam(`${p}.type`);
  if (raw.type === 'custom') return [readCustomTool(raw, p, namespace)];
  if (raw.type === 'namespace' && !namespace) {
    const ns = requiredString(raw, 'name', `${p}.name`);
    const inner = optionalArray(raw, 'tools', `${p}.tools`) ?? [];
    return inner.flatMap((t, i) => readTools(t, `${p}.tools[${i}]`, dropped, ns));
  }
  if (raw.type === 'function') return [readFunctionTool(raw, p, namespace)];
  if (typeof raw.type !== 'string') throw invalidType(`${p}.type`, 'a string', raw.type);
  if (!dropped.includes(raw.type)) dropped.push(raw.type);
  return [];
}

function readFunctionTool(raw: JsonObject, p: string, namespace?: string): ToolDefinition {
  const tool: ToolDefinition = {
    name: canonicalToolName(requiredString(raw, 'name', `${p}.name`), namespace),
    parameters: optionalObject(raw, 'parameters', `${p}.parameters`) ?? EMPTY_PARAMETERS,
  };
  const description = optionalString(raw, 'description', `${p}.description`);
  if (description !== undefined) tool.description = description;
  const strict = optionalBoolean(raw, 'strict', `${p}.strict`);
  if (strict !== undefined) tool.strict = strict;
  return tool;
}

function readChoice(
  body: JsonObject,
  tools: ToolDefinition[] | undefined,
): { tools?: ToolDefinition[]; toolChoice?: ToolChoice } {
  const choice = body.tool_choice;
  if (choice === undefined || choice === null) return { tools };
  if (typeof choice === 'string') {
    if (choice !== 'auto' && choice !== 'none' && choice !== 'required')
      throw invalidValue('tool_choice', choice, ['auto', 'none', 'required']);
    return { tools, toolChoice: { type: choice } };
  }
  if (!isObject(choice)) throw invalidType('tool_choice', 'a string or an object', choice);
  if (choice.type === 'function' || choice.type === 'custom') {
    const name = requiredString(choice, 'name', 'tool_choice.name');
    const ns = optionalString(choice, 'namespace', 'tool_choice.namespace');
    return { tools, toolChoice: { type: 'tool', name: canonicalToolName(name, ns) } };
  }
  if (choice.type === 'allowed_tools') {
    const mode = requiredString(choice, 'mode', 'tool_choice.mode');
    if (mode !== 'auto' && mode !== 'required')
      throw invalidValue('tool_choice.mode', mode, ['auto', 'required']);
    const list = optionalArray(choice, 'tools', 'tool_choice.tools');
    if (!list) throw missingParam('tool_choice.tools');
    const names = new Set(
      list.map((t, i) => {
        const p = `tool_choice.tools[${i}]`;
        if (!isObject(t)) throw invalidType(p, 'an object', t);
        if (t.type !== 'function' && t.type !== 'custom') throw builtInToolError(p, t.type);
        return canonicalToolName(
          requiredString(t, 'name', `${p}.name`),
          optionalString(t, 'namespace', `${p}.namespace`),
        );
      }),
    );
    return { tools: tools?.filter((t) => names.has(t.name)), toolChoice: { type: mode } };
  }
  if (choice.type === undefined || choice.type === null) throw missingParam('tool_choice.type');
  throw builtInToolError('tool_choice', choice.type);
}

export function decodeResponsesTools(body: JsonObject): {
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** the built-in tool types offered but left out (they run only inside OpenAI) */
  droppedTools?: string[];
} {
  const list = optionalArray(body, 'tools', 'tools');
  const dropped: string[] = [];
  const tools = list?.flatMap((t, i) => readTools(t, `tools[${i}]`, dropped));
  const out: ReturnType<typeof decodeResponsesTools> = readChoice(body, tools);
  if (!out.tools || out.tools.length === 0) {
    delete out.tools;
    // nothing left to call: a choice that required a tool can't be honoured
    if (out.toolChoice?.type === 'required' && dropped.length > 0)
      throw builtInToolError('tools[0]', dropped[0]);
    if (out.toolChoice && dropped.length > 0) delete out.toolChoice;
  }
  if (dropped.length > 0) out.droppedTools = dropped;
  return out;
}
