// `tools` / `tool_choice` (and the legacy `functions` / `function_call`) -> canonical tools.
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
} from './read-openai-request-fields.js';

const EMPTY_PARAMETERS = { type: 'object', properties: {} };

function readFunctionDefinition(fn: JsonObject, param: string): ToolDefinition {
  const tool: ToolDefinition = {
    name: requiredString(fn, 'name', `${param}.name`),
    parameters: optionalObject(fn, 'parameters', `${param}.parameters`) ?? EMPTY_PARAMETERS,
  };
  const description = optionalString(fn, 'description', `${param}.description`);
  if (description !== undefined) tool.description = description;
  const strict = optionalBoolean(fn, 'strict', `${param}.strict`);
  if (strict !== undefined) tool.strict = strict;
  return tool;
}

function readTools(body: JsonObject): ToolDefinition[] | undefined {
  const tools = optionalArray(body, 'tools', 'tools');
  if (tools) {
    return tools.map((raw, i) => {
      const p = `tools[${i}]`;
      if (!isObject(raw)) throw invalidType(p, 'an object', raw);
      if (raw.type === undefined || raw.type === null) throw missingParam(`${p}.type`);
      if (raw.type !== 'function') {
        throw invalidRequest(
          `Invalid value for '${p}.type': ${JSON.stringify(raw.type)}. Only 'function' tools can be used with this model.`,
          `${p}.type`,
        );
      }
      const fn = raw.function;
      if (fn === undefined || fn === null) throw missingParam(`${p}.function`);
      if (!isObject(fn)) throw invalidType(`${p}.function`, 'an object', fn);
      return readFunctionDefinition(fn, `${p}.function`);
    });
  }
  const functions = optionalArray(body, 'functions', 'functions');
  return functions?.map((raw, i) => {
    if (!isObject(raw)) throw invalidType(`functions[${i}]`, 'an object', raw);
    return readFunctionDefinition(raw, `functions[${i}]`);
  });
}

/** The `name` inside `{function: {name}}` */
function readFunctionName(obj: JsonObject, param: string): string {
  const fn = obj.function;
  if (fn === undefined || fn === null) throw missingParam(`${param}.function`);
  if (!isObject(fn)) throw invalidType(`${param}.function`, 'an object', fn);
  return requiredString(fn, 'name', `${param}.function.name`);
}

/**
 * `allowed_tools` narrows the tool list for this request; the canonical model expresses
 * that by sending only those tools.
 */
function readAllowedTools(
  choice: JsonObject,
  tools: ToolDefinition[] | undefined,
): { tools?: ToolDefinition[]; toolChoice: ToolChoice } {
  const p = 'tool_choice.allowed_tools';
  const allowed = choice.allowed_tools;
  if (allowed === undefined || allowed === null) throw missingParam(p);
  if (!isObject(allowed)) throw invalidType(p, 'an object', allowed);
  const mode = requiredString(allowed, 'mode', `${p}.mode`);
  if (mode !== 'auto' && mode !== 'required') throw invalidValue(`${p}.mode`, mode, ['auto', 'required']);
  const list = optionalArray(allowed, 'tools', `${p}.tools`);
  if (!list) throw missingParam(`${p}.tools`);
  const names = new Set(
    list.map((t, i) => {
      if (!isObject(t)) throw invalidType(`${p}.tools[${i}]`, 'an object', t);
      if (t.type !== 'function') throw invalidValue(`${p}.tools[${i}].type`, t.type, ['function']);
      return readFunctionName(t, `${p}.tools[${i}]`);
    }),
  );
  return { tools: tools?.filter((t) => names.has(t.name)), toolChoice: { type: mode } };
}

function readToolChoice(body: JsonObject): ToolChoice | undefined {
  const choice = body.tool_choice ?? body.function_call;
  const p = body.tool_choice !== undefined && body.tool_choice !== null ? 'tool_choice' : 'function_call';
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === 'string') {
    const allowed = p === 'tool_choice' ? ['auto', 'none', 'required'] : ['auto', 'none'];
    if (!allowed.includes(choice)) throw invalidValue(p, choice, allowed);
    return { type: choice as 'auto' | 'none' | 'required' };
  }
  if (!isObject(choice)) throw invalidType(p, 'a string or an object', choice);
  if (p === 'function_call')
    return { type: 'tool', name: requiredString(choice, 'name', 'function_call.name') };
  switch (choice.type) {
    case 'function':
      return { type: 'tool', name: readFunctionName(choice, p) };
    case undefined:
    case null:
      throw missingParam('tool_choice.type');
    default:
      throw invalidRequest(
        `Invalid value for 'tool_choice.type': ${JSON.stringify(choice.type)}. ` +
          "Supported values are: 'function' and 'allowed_tools'.",
        'tool_choice.type',
      );
  }
}

export function convertOpenAITools(body: JsonObject): { tools?: ToolDefinition[]; toolChoice?: ToolChoice } {
  const tools = readTools(body);
  const out: { tools?: ToolDefinition[]; toolChoice?: ToolChoice } = {};
  if (isObject(body.tool_choice) && body.tool_choice.type === 'allowed_tools') {
    const narrowed = readAllowedTools(body.tool_choice, tools);
    if (narrowed.tools && narrowed.tools.length > 0) out.tools = narrowed.tools;
    out.toolChoice = narrowed.toolChoice;
    return out;
  }
  const choice = readToolChoice(body);
  if (tools && tools.length > 0) out.tools = tools;
  if (choice) out.toolChoice = choice;
  return out;
}
