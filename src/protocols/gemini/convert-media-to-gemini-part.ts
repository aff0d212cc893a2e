import { parseDataUrl } from '../../canonical/data-url.js';
import type { MediaSource } from '../../canonical/index.js';
import type { GeminiPart } from './gemini-types.js';

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  csv: 'text/csv',
};

function mimeFromUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext ? MIME_BY_EXTENSION[ext] : undefined;
}

/**
 * An image or document source as a Gemini part: base64 (and `data:` URLs) → inlineData,
 * other URLs → fileData (mimeType from the source, else guessed from the file extension,
 * else left out), plain-text documents → inlineData of their UTF-8 bytes.
 */
export function convertMediaToGeminiPart(source: MediaSource): GeminiPart {
  switch (source.kind) {
    case 'base64':
      return { inlineData: { mimeType: source.mediaType, data: source.data } };
    case 'text':
      return {
        inlineData: { mimeType: source.mediaType, data: Buffer.from(source.text, 'utf8').toString('base64') },
      };
    case 'url': {
      const inline = parseDataUrl(source.url);
      if (inline) return { inlineData: { mimeType: inline.mediaType, data: inline.data } };
      const mimeType = source.mediaType ?? mimeFromUrl(source.url);
      return { fileData: mimeType ? { mimeType, fileUri: source.url } : { fileUri: source.url } };
    }
  }
}
