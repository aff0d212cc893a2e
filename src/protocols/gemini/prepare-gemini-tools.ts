import { invalidRequest, type ToolChoice, type ToolDefinition } from '../../canonical/index.js';
import type { GeminiFunctionDeclaration, GeminiGenerateContentRequest } from './gemini-types.js';
import { sanitizeGeminiJsonSchema } from './sanitize-gemini-json-schema.js';

/**
 * Tool definitions and tool choice as Gemini `tools` / `toolConfig`. Parameters go in
 * `parametersJsonSchema` (plain JSON Schema, unlike the OpenAPI-subset `parameters`).
 * toolChoice: auto → AUTO, none → NONE, required → ANY, a named tool → ANY limited to it.
 */
export function prepareGeminiTools(
  tools: ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
): Pick<GeminiGenerateContentRequest, 'tools' | 'toolConfig'> {
  if (!tools || tools.length === 0) return {};
  const functionDeclarations = tools.map((t): GeminiFunctionDeclaration => {
    const decl: GeminiFunctionDeclaration = { name: t.name };
    if (t.description) decl.description = t.description;
    if (t.parameters && Object.keys(t.parameters).length > 0) {
      decl.parametersJsonSchema = sanitizeGeminiJsonSchema(t.parameters);
    }
    return decl;
  });
  const out: Pick<GeminiGenerateContentRequest, 'tools' | 'toolConfig'> = {
    tools: [{ functionDeclarations }],
  };
  switch (toolChoice?.type) {
    case undefined:
      break;
    case 'auto':
      out.toolConfig = { functionCallingConfig: { mode: 'AUTO' } };
      break;
    case 'none':
      out.toolConfig = { functionCallingConfig: { mode: 'NONE' } };
      break;
    case 'required':
      out.toolConfig = { functionCallingConfig: { mode: 'ANY' } };
      break;
    case 'tool':
      if (!tools.some((t) => t.name === toolChoice.name)) {
        throw invalidRequest(
          `tool_choice names the tool "${toolChoice.name}", which is not in tools`,
          'tool_choice',
        );
      }
      out.toolConfig = { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [toolChoice.name] } };
      break;
  }
  return out;
}
