// A Gemini client's functionResponse as a canonical tool result. The inverse of
// convertToolResultToGeminiParts: `{content: "…"}` or `{output: "…"}` is the result text,
// `{error: …}` an error result, any other object its JSON text; inline media in `parts` rides
// inside the result.
import {
  type DocumentPart,
  type ImagePart,
  invalidRequest,
  type TextPart,
  type ToolResultPart,
} from '../../canonical/index.js';
import {
  isRecord,
  type JsonObject,
  requireArray,
  requireRecord,
  requireString,
} from '../anthropic/read-request-fields.js';
import { decodeGeminiMediaPart } from './decode-gemini-user-part.js';

function resultText(response: JsonObject): { text: string; isError: boolean } {
  const keys = Object.keys(response);
  if (
    keys.length === 1 &&
    (keys[0] === 'content' || keys[0] === 'output') &&
    typeof response[keys[0]] === 'string'
  )
    return { text: response[keys[0]] as string, isError: false };
  if (keys.length === 1 && keys[0] === 'error') {
    const e = response.error;
    return { text: typeof e === 'string' ? e : JSON.stringify(e), isError: true };
  }
  return { text: JSON.stringify(response), isError: false };
}

/** `toolCallId`: the id of the functionCall this answers (matched by the caller) */
export function decodeGeminiFunctionResponse(
  value: unknown,
  path: string,
  toolCallId: string,
): ToolResultPart {
  const fr = requireRecord(value, path);
  const name = requireString(fr, 'name', path);
  const response =
    fr.response === undefined || fr.response === null ? {} : requireRecord(fr.response, `${path}.response`);
  const { text, isError } = resultText(response);
  const content: Array<TextPart | ImagePart | DocumentPart> = [{ type: 'text', text }];
  if (fr.parts !== undefined) {
    requireArray(fr.parts, `${path}.parts`).forEach((p, i) => {
      const pp = `${path}.parts[${i}]`;
      const media = isRecord(p) ? decodeGeminiMediaPart(p, pp) : undefined;
      if (!media) throw invalidRequest(`${pp}: expected an inlineData or fileData part`, pp);
      content.push(media);
    });
  }
  const out: ToolResultPart = { type: 'tool_result', toolCallId, toolName: name, content };
  if (isError) out.isError = true;
  return out;
}

/** the id a functionResponse names, if any */
export function functionResponseId(value: unknown): string | undefined {
  return isRecord(value) && typeof value.id === 'string' && value.id ? value.id : undefined;
}
