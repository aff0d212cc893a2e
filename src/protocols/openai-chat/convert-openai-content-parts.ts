// Message `content` (a string or an array of parts) from an OpenAI client -> canonical parts.

import { parseDataUrl } from '../../canonical/data-url.js';
import {
  type CacheControl,
  type DocumentPart,
  type ImagePart,
  invalidRequest,
  type MediaSource,
  type TextPart,
} from '../../canonical/index.js';
import {
  invalidType,
  invalidValue,
  isObject,
  type JsonObject,
  missingParam,
  optionalEnum,
  optionalString,
  requiredString,
} from './read-openai-request-fields.js';

export type ContentPart = TextPart | ImagePart | DocumentPart;

/** OpenAI's explicit cache breakpoint on a part, as a canonical cache mark. */
function readCacheControl(part: JsonObject): CacheControl | undefined {
  return isObject(part.prompt_cache_breakpoint) ? { type: 'ephemeral' } : undefined;
}

function textPart(text: string, cacheControl?: CacheControl): TextPart {
  return cacheControl ? { type: 'text', text, cacheControl } : { type: 'text', text };
}

function readParts(content: unknown, param: string): JsonObject[] {
  if (!Array.isArray(content)) throw invalidType(param, 'a string or an array of content parts', content);
  return content.map((part, j) => {
    if (!isObject(part)) throw invalidType(`${param}[${j}]`, 'an object', part);
    if (part.type === undefined) throw missingParam(`${param}[${j}].type`);
    return part;
  });
}

/**
 * Content that may only hold text (system, developer and tool messages; assistant messages
 * also allow `refusal` parts, which become text). Empty strings carry nothing and are dropped.
 */
export function readTextContent(
  content: unknown,
  param: string,
  opts: { allowRefusal?: boolean } = {},
): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [textPart(content)];
  const allowed = opts.allowRefusal ? ['text', 'refusal'] : ['text'];
  const out: TextPart[] = [];
  readParts(content, param).forEach((part, j) => {
    const p = `${param}[${j}]`;
    if (part.type === 'text') {
      const text = requiredString(part, 'text', `${p}.text`);
      if (text !== '') out.push(textPart(text, readCacheControl(part)));
    } else if (part.type === 'refusal' && opts.allowRefusal) {
      const text = requiredString(part, 'refusal', `${p}.refusal`);
      if (text !== '') out.push(textPart(text));
    } else {
      throw invalidValue(`${p}.type`, part.type, allowed);
    }
  });
  return out;
}

const MEDIA_TYPE_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
};

/** A file's media type from its name; OpenAI's chat file input is PDF unless the name says otherwise. */
function mediaTypeForFilename(filename: string | undefined): string {
  const ext = filename?.split('.').pop()?.toLowerCase();
  return (ext && MEDIA_TYPE_BY_EXTENSION[ext]) || 'application/pdf';
}

function readImagePart(part: JsonObject, p: string): ImagePart {
  const imageUrl = part.image_url;
  if (imageUrl === undefined || imageUrl === null) throw missingParam(`${p}.image_url`);
  // some clients send the URL as a bare string; OpenAI's schema says `{url, detail?}`
  const obj: JsonObject = typeof imageUrl === 'string' ? { url: imageUrl } : (imageUrl as JsonObject);
  if (!isObject(obj)) throw invalidType(`${p}.image_url`, 'an object', imageUrl);
  const url = requiredString(obj, 'url', `${p}.image_url.url`);
  const detail = optionalEnum(obj, 'detail', `${p}.image_url.detail`, ['auto', 'low', 'high'] as const);
  let source: MediaSource;
  if (url.startsWith('data:')) {
    const parsed = parseDataUrl(url);
    if (!parsed)
      throw invalidRequest(`Invalid '${p}.image_url.url': the data URL is malformed.`, `${p}.image_url.url`);
    source = { kind: 'base64', mediaType: parsed.mediaType, data: parsed.data };
  } else if (/^https?:\/\//i.test(url)) {
    source = { kind: 'url', url };
  } else {
    throw invalidRequest(
      `Invalid '${p}.image_url.url': expected an http(s) URL or a base64 data URL.`,
      `${p}.image_url.url`,
    );
  }
  const image: ImagePart = { type: 'image', source };
  if (detail) image.detail = detail;
  const cacheControl = readCacheControl(part);
  if (cacheControl) image.cacheControl = cacheControl;
  return image;
}

function readFilePart(part: JsonObject, p: string): DocumentPart {
  const file = part.file;
  if (file === undefined || file === null) throw missingParam(`${p}.file`);
  if (!isObject(file)) throw invalidType(`${p}.file`, 'an object', file);
  const filename = optionalString(file, 'filename', `${p}.file.filename`);
  const fileData = optionalString(file, 'file_data', `${p}.file.file_data`);
  if (fileData === undefined) {
    if (file.file_id !== undefined && file.file_id !== null) {
      throw invalidRequest(
        `'${p}.file.file_id' is not supported for this model: uploaded files live in an OpenAI account ` +
          'that other providers cannot read. Send the file inline as `file_data` (a base64 data URL).',
        `${p}.file.file_id`,
      );
    }
    throw missingParam(`${p}.file.file_data`);
  }
  const parsed = fileData.startsWith('data:')
    ? parseDataUrl(fileData)
    : { mediaType: mediaTypeForFilename(filename), data: fileData.replace(/\s+/g, '') };
  if (!parsed)
    throw invalidRequest(`Invalid '${p}.file.file_data': the data URL is malformed.`, `${p}.file.file_data`);
  const source: MediaSource = parsed.mediaType.startsWith('text/')
    ? { kind: 'text', mediaType: parsed.mediaType, text: Buffer.from(parsed.data, 'base64').toString('utf8') }
    : { kind: 'base64', mediaType: parsed.mediaType, data: parsed.data };
  const doc: DocumentPart = { type: 'document', source };
  if (filename) doc.filename = filename;
  const cacheControl = readCacheControl(part);
  if (cacheControl) doc.cacheControl = cacheControl;
  return doc;
}

/** User message content: text, `image_url` and `file` parts. `input_audio` cannot be translated. */
export function readUserContent(content: unknown, param: string): ContentPart[] {
  if (typeof content === 'string') return content === '' ? [] : [textPart(content)];
  const out: ContentPart[] = [];
  readParts(content, param).forEach((part, j) => {
    const p = `${param}[${j}]`;
    switch (part.type) {
      case 'text': {
        const text = requiredString(part, 'text', `${p}.text`);
        if (text !== '') out.push(textPart(text, readCacheControl(part)));
        break;
      }
      case 'image_url':
        out.push(readImagePart(part, p));
        break;
      case 'file':
        out.push(readFilePart(part, p));
        break;
      case 'input_audio':
        throw invalidRequest(
          `'${p}' is an audio input, which only models that speak the OpenAI protocol accept; ` +
            'this model is served through another protocol that has no audio input.',
          p,
        );
      default:
        throw invalidValue(`${p}.type`, part.type, ['text', 'image_url', 'input_audio', 'file']);
    }
  });
  return out;
}
