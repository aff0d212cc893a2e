// Tools a Responses client defines that other protocols know only as functions: `custom` tools
// (free-form text input, e.g. Codex's apply_patch) become a function with one string argument
// `input`, and the tools of a `namespace` become functions named `<namespace>__<name>`. The map
// from those canonical names back to what the client defined turns the model's calls into
// `custom_tool_call` items and namespaced `function_call` items again.
import { isObject, type JsonObject } from '../openai-chat/read-openai-request-fields.js';

export interface ClientTool {
  kind: 'function' | 'custom';
  name: string;
  namespace?: string;
}

/** canonical tool name → the tool as the client defined it (only tools that are not plain functions) */
export type ClientToolNames = ReadonlyMap<string, ClientTool>;

export const canonicalToolName = (name: string, namespace?: string) =>
  namespace ? `${namespace}__${name}` : name;

export const CUSTOM_TOOL_PARAMETERS = {
  type: 'object',
  properties: { input: { type: 'string', description: 'The whole input of the tool, as free-form text.' } },
  required: ['input'],
  additionalProperties: false,
};

export function clientToolNames(body: JsonObject): ClientToolNames {
  const names = new Map<string, ClientTool>();
  const add = (t: unknown, namespace?: string) => {
    if (!isObject(t) || typeof t.name !== 'string') return;
    if (t.type === 'custom')
      names.set(canonicalToolName(t.name, namespace), { kind: 'custom', name: t.name, namespace });
    else if (t.type === 'function' && namespace)
      names.set(canonicalToolName(t.name, namespace), { kind: 'function', name: t.name, namespace });
  };
  for (const t of Array.isArray(body.tools) ? body.tools : []) {
    if (isObject(t) && t.type === 'namespace' && typeof t.name === 'string' && Array.isArray(t.tools))
      for (const inner of t.tools) add(inner, t.name);
    else add(t);
  }
  return names;
}

/** a custom tool's `input` from the canonical call's arguments (`{"input": "…"}`) */
export function customInput(args: string): string {
  try {
    const parsed = JSON.parse(args) as unknown;
    if (isObject(parsed) && typeof parsed.input === 'string') return parsed.input;
  } catch {
    // not JSON: the model wrote the input itself
  }
  return args;
}
