// Responses `tools` / `tool_choice` -> canonical tools. Function tools are flat in this API
// (`{type, name, parameters, strict}`); built-in tools (web_search, file_search, code_interpreter,
// computer use, MCP, image generation, shell…) run inside OpenAI and cannot be given to a model of
// another protocol: they get a 400 that names the tool.
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

const EMPTY_PARAMETERS = { type: 'object', properties: {} };

export const builtInToolError = (param: string, type: unknown) =>
  invalidRequest(
    `The '${String(type)}' tool (${param}) is a built-in tool that runs inside OpenAI; this model is ` +
      'served through another protocol, which can only call function tools. Remove the tool or choose ' +
      'a model that speaks the OpenAI Responses API.',
    param,
  );

function readTool(raw: unknown, p: string): ToolDefinition {
  if (!isObject(raw)) throw invalidType(p, 'an object', raw);
  if (raw.type === undefined || raw.type === null) throw missingParam(`${p}.type`);
  if (raw.type !== 'function') throw builtInToolError(p, raw.type);
  const tool: ToolDefinition = {
    name: requiredString(raw, 'name', `${p}.name`),
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
  if (choice.type === 'function')
    return { tools, toolChoice: { type: 'tool', name: requiredString(choice, 'name', 'tool_choice.name') } };
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
        if (t.type !== 'function') throw builtInToolError(p, t.type);
        return requiredString(t, 'name', `${p}.name`);
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
} {
  const list = optionalArray(body, 'tools', 'tools');
  const tools = list?.map((t, i) => readTool(t, `tools[${i}]`));
  const out = readChoice(body, tools);
  if (!out.tools || out.tools.length === 0) delete out.tools;
  return out;
}
