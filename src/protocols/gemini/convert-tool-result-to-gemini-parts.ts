import type { ToolResultPart } from '../../canonical/index.js';
import { convertMediaToGeminiPart } from './convert-media-to-gemini-part.js';
import type { GeminiPart } from './gemini-types.js';

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export interface ToolResultEncodeOptions {
  /** Gemini 3 takes inline images/files inside functionResponse.parts */
  multimodalFunctionResponse: boolean;
}

/**
 * A tool result as Gemini parts: one functionResponse (the function `name` is required), then
 * any media that cannot ride inside it. The response object is the result text parsed when it
 * is a JSON object, else `{content: text}`; errors go under `error`, which Gemini reads as the
 * call's error details. Inline media goes in functionResponse.parts on Gemini 3, and as plain
 * parts after the functionResponse otherwise (and always for URLs, which functionResponse.parts
 * cannot hold).
 */
export function convertToolResultToGeminiParts(
  result: ToolResultPart,
  name: string,
  opts: ToolResultEncodeOptions,
): GeminiPart[] {
  const text = result.content
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('\n');
  const json = parseJsonObject(text);
  const response: Record<string, unknown> = result.isError
    ? { error: json ?? text }
    : (json ?? { content: text });

  const nested: Array<{ inlineData: { mimeType: string; data: string } }> = [];
  const after: GeminiPart[] = [];
  for (const part of result.content) {
    if (part.type === 'text') continue;
    const media = convertMediaToGeminiPart(part.source);
    if (opts.multimodalFunctionResponse && media.inlineData) nested.push({ inlineData: media.inlineData });
    else after.push(media);
  }

  const functionResponse: GeminiPart['functionResponse'] = { name, response };
  if (nested.length > 0) functionResponse.parts = nested;
  return [{ functionResponse }, ...after];
}
