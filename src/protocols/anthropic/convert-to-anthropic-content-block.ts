// Canonical user-side parts (text, image, document, tool result) into Anthropic content
// blocks. `path` names the part in the canonical request for error messages.

import { parseDataUrl } from '../../canonical/data-url.js';
import {
  type CacheControl,
  type DocumentPart,
  type ImagePart,
  invalidRequest,
  type TextPart,
  type ToolResultPart,
} from '../../canonical/index.js';
import type {
  AnthropicCacheControl,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
} from './anthropic-wire-types.js';
import { sanitizeAnthropicToolId } from './sanitize-anthropic-tool-id.js';

export function toAnthropicCacheControl(cc: CacheControl): AnthropicCacheControl {
  return cc.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: cc.ttl };
}

const withCache = <T extends object>(block: T, cc: CacheControl | undefined): T =>
  cc ? { ...block, cache_control: toAnthropicCacheControl(cc) } : block;

/** A text block; none for empty text, which Anthropic rejects. */
export function toAnthropicTextBlock(part: TextPart): AnthropicTextBlock | undefined {
  if (part.text === '') return undefined;
  const block: AnthropicTextBlock = { type: 'text', text: part.text };
  return withCache(block, part.cacheControl);
}

/** The image formats Anthropic accepts inline. */
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

function inlineImage(mediaType: string, data: string, path: string): AnthropicImageBlock {
  const type = mediaType.toLowerCase() === 'image/jpg' ? 'image/jpeg' : mediaType.toLowerCase();
  if (!IMAGE_TYPES.includes(type)) {
    throw invalidRequest(
      `${path}: Anthropic models accept ${IMAGE_TYPES.join(', ')} images, got '${mediaType}'`,
      path,
    );
  }
  return { type: 'image', source: { type: 'base64', media_type: type, data } };
}

export function toAnthropicImageBlock(part: ImagePart, path: string): AnthropicImageBlock {
  const src = part.source;
  let block: AnthropicImageBlock;
  if (src.kind === 'base64') {
    block = inlineImage(src.mediaType, src.data, path);
  } else if (src.kind === 'url') {
    const inline = parseDataUrl(src.url);
    block = inline
      ? inlineImage(inline.mediaType, inline.data, path)
      : { type: 'image', source: { type: 'url', url: src.url } };
  } else {
    throw invalidRequest(`${path}: an image cannot have a text source`, path);
  }
  return withCache(block, part.cacheControl);
}

function inlineDocument(mediaType: string, data: string, path: string): AnthropicDocumentBlock['source'] {
  if (mediaType === 'application/pdf') return { type: 'base64', media_type: mediaType, data };
  if (mediaType.startsWith('text/')) {
    return { type: 'text', media_type: 'text/plain', data: Buffer.from(data, 'base64').toString('utf8') };
  }
  throw invalidRequest(
    `${path}: Anthropic models accept PDF and plain-text documents only, got '${mediaType}'`,
    path,
  );
}

export function toAnthropicDocumentBlock(part: DocumentPart, path: string): AnthropicDocumentBlock {
  const src = part.source;
  let source: AnthropicDocumentBlock['source'];
  if (src.kind === 'base64') {
    source = inlineDocument(src.mediaType, src.data, path);
  } else if (src.kind === 'text') {
    source = { type: 'text', media_type: 'text/plain', data: src.text };
  } else {
    const inline = parseDataUrl(src.url);
    source = inline ? inlineDocument(inline.mediaType, inline.data, path) : { type: 'url', url: src.url };
  }
  const block: AnthropicDocumentBlock = { type: 'document', source };
  const title = part.title ?? part.filename;
  if (title !== undefined) block.title = title;
  return withCache(block, part.cacheControl);
}

export function toAnthropicToolResultBlock(part: ToolResultPart, path: string): AnthropicToolResultBlock {
  const content: NonNullable<AnthropicToolResultBlock['content']> = [];
  part.content.forEach((c, i) => {
    const cp = `${path}.content[${i}]`;
    if (c.type === 'text') {
      const t = toAnthropicTextBlock(c);
      if (t) content.push(t);
    } else if (c.type === 'image') content.push(toAnthropicImageBlock(c, cp));
    else content.push(toAnthropicDocumentBlock(c, cp));
  });
  const block: AnthropicToolResultBlock = {
    type: 'tool_result',
    tool_use_id: sanitizeAnthropicToolId(part.toolCallId),
  };
  if (content.length > 0) block.content = content;
  if (part.isError) block.is_error = true;
  return withCache(block, part.cacheControl);
}
