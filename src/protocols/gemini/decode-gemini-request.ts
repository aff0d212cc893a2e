// A Gemini client's generateContent request as a CanonicalRequest. The model and streaming are
// in Gemini's URL, not its body: the gateway's route puts them in as `model` and `stream`
// (fields the Gemini body never has) before the body goes anywhere, and a passthrough call
// takes them out again.
import { type CanonicalRequest, invalidRequest } from '../../canonical/index.js';
import { describeJsonType, isRecord } from '../anthropic/read-request-fields.js';
import { decodeGeminiContents, decodeGeminiSystemInstruction } from './decode-gemini-contents.js';
import { decodeGeminiGenerationConfig } from './decode-gemini-generation-config.js';
import { decodeGeminiToolConfig, decodeGeminiTools } from './decode-gemini-tools.js';

/** Top-level fields that only mean something to Gemini itself. */
const GEMINI_ONLY = ['cachedContent'];

export function decodeGeminiRequest(value: unknown): CanonicalRequest {
  if (!isRecord(value))
    throw invalidRequest(`Request body must be a JSON object, got ${describeJsonType(value)}`);
  const body = value;
  if (typeof body.model !== 'string' || body.model === '')
    throw invalidRequest('the model is missing from the URL (models/{model}:generateContent)', 'model');
  for (const key of GEMINI_ONLY)
    if (body[key] !== undefined) throw invalidRequest(`${key}: can only be used with a Gemini model`, key);
  const messages = decodeGeminiContents(body.contents);
  const system = decodeGeminiSystemInstruction(body.systemInstruction);
  const req: CanonicalRequest = {
    model: body.model,
    messages: system ? [system, ...messages] : messages,
    stream: body.stream === true,
    ...decodeGeminiGenerationConfig(body.generationConfig),
  };
  const { tools, toolChoice } = decodeGeminiToolConfig(body.toolConfig, decodeGeminiTools(body.tools));
  if (tools) req.tools = tools;
  if (toolChoice) req.toolChoice = toolChoice;
  // Gemini streams always carry usageMetadata
  if (req.stream) req.streamUsage = true;
  return req;
}

/** the body a Gemini provider is sent: the client's own, without the gateway's `model` and `stream` */
export function geminiClientBody(body: Record<string, unknown>): Record<string, unknown> {
  const { model: _model, stream: _stream, ...rest } = body;
  return rest;
}
