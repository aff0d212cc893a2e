// Reads a (validated) generateContent request into the provider-independent ConversationSummary. Reads both
// camelCase and snake_case names, as the Gemini API does.
import type { ConversationSummary, LastTurn, ToolChoice, ToolOffer } from '../decide-answer.js';

export function summarizeGeminiGenerateRequest(request: Record<string, any>): ConversationSummary {
  const contents: any[] = request.contents;
  const system = request.systemInstruction ?? request.system_instruction;
  const promptText: string[] = [readParts(system?.parts).text];
  let imageCount = 0;
  for (const content of contents) {
    const read = readParts(content.parts);
    promptText.push(read.text);
    imageCount += read.images;
    for (const part of content.parts) {
      const call = part.functionCall ?? part.function_call;
      const response = part.functionResponse ?? part.function_response;
      if (call) promptText.push(JSON.stringify(call.args ?? {}));
      if (response) promptText.push(functionResponseText(response.response));
    }
  }
  const tools: ToolOffer[] = [];
  for (const tool of request.tools ?? []) {
    for (const declaration of tool.functionDeclarations ?? tool.function_declarations ?? []) {
      const schema =
        declaration.parameters ??
        declaration.parametersJsonSchema ??
        declaration.parameters_json_schema ??
        {};
      tools.push({ name: declaration.name, schema });
    }
  }
  if (tools.length > 0) promptText.push(JSON.stringify(request.tools));
  const generationConfig = request.generationConfig ?? request.generation_config ?? {};
  const maxTokens = generationConfig.maxOutputTokens ?? generationConfig.max_output_tokens;
  return {
    tools,
    toolChoice: readToolChoice(request.toolConfig ?? request.tool_config),
    lastTurn: readLastTurn(contents),
    promptText: promptText.filter((text) => text !== '').join('\n'),
    imageCount,
    maxOutputTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
  };
}

/** A function response's text: its only string field (e.g. `{result: "..."}`), or its JSON. */
export function functionResponseText(response: unknown): string {
  if (response !== null && typeof response === 'object') {
    const values = Object.values(response);
    if (values.length === 1 && typeof values[0] === 'string') return values[0];
  }
  return JSON.stringify(response ?? {});
}

function readLastTurn(contents: any[]): LastTurn {
  const last = contents[contents.length - 1];
  const responses = last.parts
    .map((part: any) => part.functionResponse ?? part.function_response)
    .filter((response: unknown) => response !== undefined);
  if (responses.length > 0) {
    return {
      kind: 'tool-results',
      results: responses.map((response: any) => functionResponseText(response.response)),
    };
  }
  const lastUser = [...contents].reverse().find((content) => (content.role ?? 'user') === 'user');
  const read = readParts(lastUser?.parts);
  return { kind: 'user', text: read.text, hasImage: read.images > 0 };
}

function readParts(parts: unknown): { text: string; images: number } {
  if (!Array.isArray(parts)) return { text: '', images: 0 };
  const texts: string[] = [];
  let images = 0;
  for (const part of parts) {
    if (typeof part?.text === 'string' && part.thought !== true) texts.push(part.text);
    const data = part?.inlineData ?? part?.inline_data ?? part?.fileData ?? part?.file_data;
    const mimeType: unknown = data?.mimeType ?? data?.mime_type;
    if (typeof mimeType === 'string' && mimeType.startsWith('image/')) images++;
  }
  return { text: texts.join(' '), images };
}

function readToolChoice(toolConfig: any): ToolChoice {
  const config = toolConfig?.functionCallingConfig ?? toolConfig?.function_calling_config;
  const allowed: unknown = config?.allowedFunctionNames ?? config?.allowed_function_names;
  switch (config?.mode) {
    case 'NONE':
      return { type: 'none' };
    case 'ANY':
      return Array.isArray(allowed) && allowed.length > 0
        ? { type: 'tool', name: allowed[0] }
        : { type: 'required' };
    default:
      return { type: 'auto' };
  }
}
