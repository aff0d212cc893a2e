// A Gemini client's `tools` and `toolConfig` as canonical tool definitions and tool choice.
import { invalidRequest, type ToolChoice, type ToolDefinition } from '../../canonical/index.js';
import {
  type JsonObject,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from '../anthropic/read-request-fields.js';
import { decodeGeminiSchema } from './decode-gemini-schema.js';

function decodeDeclaration(value: unknown, path: string): ToolDefinition {
  const d = requireRecord(value, path);
  const name = requireString(d, 'name', path);
  const def: ToolDefinition = { name, parameters: { type: 'object', properties: {} } };
  const description = optionalString(d, 'description', path);
  if (description) def.description = description;
  if (d.parametersJsonSchema !== undefined && d.parametersJsonSchema !== null)
    def.parameters = requireRecord(d.parametersJsonSchema, `${path}.parametersJsonSchema`);
  else if (d.parameters !== undefined && d.parameters !== null)
    def.parameters = decodeGeminiSchema(d.parameters, `${path}.parameters`);
  return def;
}

/**
 * `tools[].functionDeclarations` (parameters as a Schema or as `parametersJsonSchema`). Gemini's
 * built-in tools (googleSearch, codeExecution, urlContext…) run inside Gemini: no other
 * protocol can carry them, so they are a 400 here.
 */
export function decodeGeminiTools(value: unknown): ToolDefinition[] | undefined {
  if (value === undefined || value === null) return undefined;
  const out: ToolDefinition[] = [];
  requireArray(value, 'tools').forEach((item, i) => {
    const path = `tools[${i}]`;
    const tool = requireRecord(item, path);
    for (const key of Object.keys(tool)) {
      if (key === 'functionDeclarations') continue;
      throw invalidRequest(
        `${path}.${key}: Gemini's built-in tools can only be used with a Gemini model`,
        `${path}.${key}`,
      );
    }
    if (tool.functionDeclarations === undefined) return;
    requireArray(tool.functionDeclarations, `${path}.functionDeclarations`).forEach((d, j) => {
      out.push(decodeDeclaration(d, `${path}.functionDeclarations[${j}]`));
    });
  });
  return out.length > 0 ? out : undefined;
}

const MODES = ['AUTO', 'ANY', 'NONE', 'VALIDATED', 'MODE_UNSPECIFIED'];

/**
 * `toolConfig.functionCallingConfig`: AUTO (and VALIDATED, and unspecified) → auto, NONE → none,
 * ANY → required; ANY limited to one function → that tool, to several → required with only
 * those tools offered.
 */
export function decodeGeminiToolConfig(
  value: unknown,
  tools: ToolDefinition[] | undefined,
): { toolChoice?: ToolChoice; tools?: ToolDefinition[] } {
  if (value === undefined || value === null) return { tools };
  const config = requireRecord(value, 'toolConfig');
  if (config.functionCallingConfig === undefined || config.functionCallingConfig === null) return { tools };
  const path = 'toolConfig.functionCallingConfig';
  const fcc: JsonObject = requireRecord(config.functionCallingConfig, path);
  const mode = fcc.mode === undefined ? 'AUTO' : fcc.mode;
  if (typeof mode !== 'string' || !MODES.includes(mode.toUpperCase()))
    throw invalidRequest(
      `${path}.mode: expected one of AUTO, ANY, NONE, VALIDATED; got ${JSON.stringify(mode)}`,
      `${path}.mode`,
    );
  const allowed =
    fcc.allowedFunctionNames === undefined || fcc.allowedFunctionNames === null
      ? []
      : requireArray(fcc.allowedFunctionNames, `${path}.allowedFunctionNames`).map((n, i) => {
          if (typeof n !== 'string')
            throw invalidRequest(
              `${path}.allowedFunctionNames[${i}]: expected a string`,
              `${path}.allowedFunctionNames[${i}]`,
            );
          if (!tools?.some((t) => t.name === n))
            throw invalidRequest(
              `${path}.allowedFunctionNames[${i}]: no function declaration is named '${n}'`,
              `${path}.allowedFunctionNames[${i}]`,
            );
          return n;
        });
  switch (mode.toUpperCase()) {
    case 'NONE':
      return { tools, toolChoice: { type: 'none' } };
    case 'ANY':
      if (allowed.length === 1) return { tools, toolChoice: { type: 'tool', name: allowed[0]! } };
      return {
        tools: allowed.length > 0 ? tools?.filter((t) => allowed.includes(t.name)) : tools,
        toolChoice: { type: 'required' },
      };
    default:
      return { tools, toolChoice: { type: 'auto' } };
  }
}
