// Images and documents as Converse content blocks. Bedrock takes media as base64 bytes or as an
// S3 object (s3:// URL); it does not fetch http(s) URLs, so those are a clear client error.
import { parseDataUrl } from '../../canonical/data-url.js';
import { invalidRequest, type MediaSource } from '../../canonical/index.js';
import type {
  BedrockDocumentBlock,
  BedrockDocumentFormat,
  BedrockImageBlock,
  BedrockImageFormat,
  BedrockSource,
} from './bedrock-types.js';

const IMAGE_FORMATS: Record<string, BedrockImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const DOCUMENT_FORMATS: Record<string, BedrockDocumentFormat> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

const EXTENSION_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html',
  txt: 'text/plain',
  md: 'text/markdown',
};

interface Resolved {
  mediaType: string | undefined;
  source: BedrockSource;
}

function resolve(src: MediaSource, param: string): Resolved {
  switch (src.kind) {
    case 'base64':
      return { mediaType: src.mediaType, source: { bytes: src.data } };
    case 'text':
      return {
        mediaType: src.mediaType,
        source: { bytes: Buffer.from(src.text, 'utf8').toString('base64') },
      };
    case 'url': {
      const inline = parseDataUrl(src.url);
      if (inline) return { mediaType: inline.mediaType, source: { bytes: inline.data } };
      if (src.url.startsWith('s3://')) {
        const ext = /\.([a-z0-9]+)$/i.exec(src.url)?.[1]?.toLowerCase();
        return {
          mediaType: src.mediaType ?? (ext ? EXTENSION_TYPES[ext] : undefined),
          source: { s3Location: { uri: src.url } },
        };
      }
      throw invalidRequest(
        'Amazon Bedrock does not fetch media from URLs: send it inline (a data: URL or base64) or as an s3:// URL',
        param,
      );
    }
  }
}

export function convertImageToBedrock(src: MediaSource, param: string): BedrockImageBlock {
  const r = resolve(src, param);
  const format = r.mediaType ? IMAGE_FORMATS[r.mediaType.toLowerCase()] : undefined;
  if (!format)
    throw invalidRequest(
      `Amazon Bedrock accepts PNG, JPEG, GIF and WebP images, not ${r.mediaType ?? 'an unknown type'}`,
      param,
    );
  return { format, source: r.source };
}

/** Bedrock's document names: letters, digits, single spaces, hyphens, parentheses, brackets. */
export function bedrockDocumentName(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '')
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[^A-Za-z0-9\s\-()[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}

export function convertDocumentToBedrock(
  src: MediaSource,
  name: string | undefined,
  fallbackName: string,
  param: string,
): BedrockDocumentBlock {
  const r = resolve(src, param);
  const format = r.mediaType ? DOCUMENT_FORMATS[r.mediaType.toLowerCase()] : undefined;
  if (!format)
    throw invalidRequest(
      `Amazon Bedrock does not accept documents of type ${r.mediaType ?? 'unknown'} (PDF, CSV, DOC(X), XLS(X), HTML, TXT, MD)`,
      param,
    );
  return { format, name: bedrockDocumentName(name, fallbackName), source: r.source };
}
