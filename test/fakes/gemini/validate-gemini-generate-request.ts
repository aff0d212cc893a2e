// A modest subset of the checks the Gemini API makes on generateContent / streamGenerateContent, returning
// its real INVALID_ARGUMENT message, or undefined when the request passes. Proto JSON accepts both camelCase
// and snake_case field names.

const knownFields = new Set([
  'model',
  'contents',
  'tools',
  'toolConfig',
  'tool_config',
  'safetySettings',
  'safety_settings',
  'systemInstruction',
  'system_instruction',
  'generationConfig',
  'generation_config',
  'cachedContent',
  'cached_content',
]);

export interface GeminiValidationError {
  message: string;
  details?: unknown[];
}

export function validateGeminiGenerateRequest(body: unknown): GeminiValidationError | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { message: 'Invalid JSON payload received. Expected an object.' };
  }
  const request = body as Record<string, any>;
  for (const name of Object.keys(request)) {
    if (!knownFields.has(name)) {
      const message = `Invalid JSON payload received. Unknown name "${name}": Cannot find field.`;
      return {
        message,
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ description: message }],
          },
        ],
      };
    }
  }
  const contents = request.contents;
  if (!Array.isArray(contents) || contents.length === 0) {
    return { message: '* GenerateContentRequest.contents: contents is not specified\n' };
  }
  for (const [i, content] of contents.entries()) {
    if (content?.role !== undefined && !['user', 'model', 'function'].includes(content.role)) {
      return { message: 'Please use a valid role: user, model.' };
    }
    if (!Array.isArray(content?.parts) || content.parts.length === 0) {
      return {
        message: `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`,
      };
    }
  }
  return validateFunctionTurns(contents);
}

/** A function response turn must directly follow a function call turn, with one response per call. */
function validateFunctionTurns(contents: any[]): GeminiValidationError | undefined {
  for (const [i, content] of contents.entries()) {
    const responses = content.parts.filter(
      (part: any) => part?.functionResponse ?? part?.function_response,
    ).length;
    if (responses === 0) continue;
    const previous = contents[i - 1];
    const calls = previous
      ? previous.parts.filter((part: any) => part?.functionCall ?? part?.function_call).length
      : 0;
    if (calls === 0) {
      return {
        message: 'Please ensure that function response turn comes immediately after a function call turn.',
      };
    }
    if (calls !== responses) {
      return {
        message:
          'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.',
      };
    }
  }
  return undefined;
}
