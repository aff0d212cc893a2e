// Content parts of Responses input items -> canonical parts: `input_text`, `input_image`,
// `input_file` for user turns and tool outputs; `output_text` / `refusal` for assistant turns.
import { parseDataUrl } from '../../canonical/data-url.js';
import {
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
} from '../openai-chat/read-openai-request-fields.js';

export type InputPart = TextPart | ImagePart | DocumentPart;

const notForeign = (param: string, what: string) =>
  invalidRequest(
    `'${param}' refers to ${what} stored in an OpenAI account, which other providers cannot read; ` +
      'send the content inline (a data URL or an http(s) URL).',
    param,
  );

function mediaSource(url: string, param: string): MediaSource {
  if (url.startsWith('data:')) {
    const parsed = parseDataUrl(url);
    if (!parsed) throw invalidRequest(`Invalid '${param}': the data URL is malformed.`, param);
    return parsed.mediaType.startsWith('text/')
      ? {
          kind: 'text',
          mediaType: parsed.mediaType,
          text: Buffer.from(parsed.data, 'base64').toString('utf8'),
        }
      : { kind: 'base64', mediaType: parsed.mediaType, data: parsed.data };
  }
  if (/^https?:\/\//i.test(url)) return { kind: 'url', url };
  throw invalidRequest(`Invalid '${param}': expected an http(s) URL or a base64 data URL.`, param);
}

function readImage(part: JsonObject, p: string): ImagePart {
  const url = optionalString(part, 'image_url', `${p}.image_url`);
  if (url === undefined) {
    if (part.file_id !== undefined && part.file_id !== null) throw notForeign(`${p}.file_id`, 'a file');
    throw missingParam(`${p}.image_url`);
  }
  const source = mediaSource(url, `${p}.image_url`);
  if (source.kind === 'text')
    throw invalidRequest(`Invalid '${p}.image_url': not an image.`, `${p}.image_url`);
  const image: ImagePart = { type: 'image', source };
  const detail = optionalEnum(part, 'detail', `${p}.detail`, ['auto', 'low', 'high'] as const);
  if (detail) image.detail = detail;
  return image;
}

function readFile(part: JsonObject, p: string): DocumentPart {
  const filename = optionalString(part, 'filename', `${p}.filename`);
  const data = optionalString(part, 'file_data', `${p}.file_data`);
  const url = optionalString(part, 'file_url', `${p}.file_url`);
  let source: MediaSource;
  if (data !== undefined) {
    source = data.startsWith('data:')
      ? mediaSource(data, `${p}.file_data`)
      : { kind: 'base64', mediaType: 'application/pdf', data: data.replace(/\s+/g, '') };
  } else if (url !== undefined) {
    source = mediaSource(url, `${p}.file_url`);
  } else if (part.file_id !== undefined && part.file_id !== null) {
    throw notForeign(`${p}.file_id`, 'a file');
  } else {
    throw missingParam(`${p}.file_data`);
  }
  const doc: DocumentPart = { type: 'document', source };
  if (filename) doc.filename = filename;
  return doc;
}

function parts(content: unknown, param: string): JsonObject[] {
  if (!Array.isArray(content)) throw invalidType(param, 'a string or an array of content parts', content);
  return content.map((part, j) => {
    if (!isObject(part)) throw invalidType(`${param}[${j}]`, 'an object', part);
    if (part.type === undefined) throw missingParam(`${param}[${j}].type`);
    return part;
  });
}

/** user / system / developer content and function_call_output arrays */
export function readInputContent(content: unknown, param: string, textOnly = false): InputPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const out: InputPart[] = [];
  parts(content, param).forEach((part, j) => {
    const p = `${param}[${j}]`;
    switch (part.type) {
      case 'input_text':
      case 'output_text': {
        const text = requiredString(part, 'text', `${p}.text`);
        if (text !== '') out.push({ type: 'text', text });
        return;
      }
      case 'input_image':
        if (textOnly) break;
        out.push(readImage(part, p));
        return;
      case 'input_file':
        if (textOnly) break;
        out.push(readFile(part, p));
        return;
      case 'input_audio':
        throw invalidRequest(
          `'${p}' is an audio input, which only models that speak the OpenAI protocol accept; ` +
            'this model is served through another protocol that has no audio input.',
          p,
        );
    }
    throw invalidValue(
      `${p}.type`,
      part.type,
      textOnly ? ['input_text'] : ['input_text', 'input_image', 'input_file'],
    );
  });
  return out;
}

/** assistant message content: `output_text` and `refusal` parts become text */
export function readAssistantContent(content: unknown, param: string): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const out: TextPart[] = [];
  parts(content, param).forEach((part, j) => {
    const p = `${param}[${j}]`;
    let text: string;
    if (part.type === 'output_text' || part.type === 'input_text')
      text = requiredString(part, 'text', `${p}.text`);
    else if (part.type === 'refusal') text = requiredString(part, 'refusal', `${p}.refusal`);
    else throw invalidValue(`${p}.type`, part.type, ['output_text', 'refusal']);
    if (text !== '') out.push({ type: 'text', text });
  });
  return out;
}
