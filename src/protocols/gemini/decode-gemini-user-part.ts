// One part of a Gemini client's `user` turn as a canonical user part (function responses are
// read by decodeGeminiFunctionResponse).
import {
  type DocumentPart,
  type ImagePart,
  invalidRequest,
  type MediaSource,
} from '../../canonical/index.js';
import {
  describeJsonType,
  type JsonObject,
  requireRecord,
  requireString,
} from '../anthropic/read-request-fields.js';

/** image/* media → an image part, anything else (PDF, audio, text…) → a document part */
export function mediaPart(source: MediaSource, mimeType: string | undefined): ImagePart | DocumentPart {
  return mimeType?.startsWith('image/') ? { type: 'image', source } : { type: 'document', source };
}

/** inlineData / fileData as a canonical media part; undefined for other parts */
export function decodeGeminiMediaPart(part: JsonObject, path: string): ImagePart | DocumentPart | undefined {
  if (part.inlineData !== undefined) {
    const d = requireRecord(part.inlineData, `${path}.inlineData`);
    const mimeType = requireString(d, 'mimeType', `${path}.inlineData`);
    const data = requireString(d, 'data', `${path}.inlineData`);
    return mediaPart({ kind: 'base64', mediaType: mimeType, data }, mimeType);
  }
  if (part.fileData !== undefined) {
    const f = requireRecord(part.fileData, `${path}.fileData`);
    const url = requireString(f, 'fileUri', `${path}.fileData`);
    const mimeType = typeof f.mimeType === 'string' && f.mimeType ? f.mimeType : undefined;
    return mediaPart(mimeType ? { kind: 'url', url, mediaType: mimeType } : { kind: 'url', url }, mimeType);
  }
  return undefined;
}

/** the kinds of part no other protocol can carry */
const UNSUPPORTED = ['executableCode', 'codeExecutionResult', 'videoMetadata', 'toolCall', 'toolResponse'];

export function unsupportedPart(part: JsonObject, path: string): never {
  const kind = UNSUPPORTED.find((k) => part[k] !== undefined);
  if (kind)
    throw invalidRequest(
      `${path}.${kind}: this kind of part can only be sent to a Gemini model`,
      `${path}.${kind}`,
    );
  throw invalidRequest(
    `${path}: a part needs one of text, inlineData, fileData, functionCall or functionResponse; got keys ${
      Object.keys(part).join(', ') || 'none'
    }`,
    path,
  );
}

/** text → text part (type-checked) */
export function decodeGeminiText(part: JsonObject, path: string): string {
  if (typeof part.text !== 'string')
    throw invalidRequest(
      `${path}.text: expected a string, got ${describeJsonType(part.text)}`,
      `${path}.text`,
    );
  return part.text;
}
