// One content block of a client's Anthropic request into a canonical part. Blocks produced
// by Anthropic's server tools (web search results, code execution, …) and the Files API have
// no canonical form: they are rejected with a message saying they need an Anthropic model.
// Thinking signatures and redacted data this gateway wrapped (another provider's, see
// wrap-foreign-signature.ts) are unwrapped into the value and its origin.
import {
  type AssistantPart,
  type CacheControl,
  type DocumentPart,
  type ImagePart,
  invalidRequest,
  type TextPart,
  type ToolResultPart,
  type UserPart,
} from '../../canonical/index.js';
import {
  isRecord,
  type JsonObject,
  optionalBoolean,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from './read-request-fields.js';
import { unwrapForeignSignature } from './wrap-foreign-signature.js';

/** Content block types only Anthropic's API understands (server tools, search results, compaction). */
const ANTHROPIC_ONLY_BLOCKS = new Set([
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'mcp_tool_use',
  'mcp_tool_result',
  'container_upload',
  'compaction',
  'search_result',
  'tool_reference',
]);

const USER_BLOCKS = ['text', 'image', 'document', 'tool_result'] as const;
const ASSISTANT_BLOCKS = ['text', 'thinking', 'redacted_thinking', 'tool_use'] as const;
const TOOL_RESULT_BLOCKS = ['text', 'image', 'document'] as const;

function blockType(block: JsonObject, path: string, allowed: readonly string[], where: string): string {
  const type = requireString(block, 'type', path);
  if (allowed.includes(type)) return type;
  const p = `${path}.type`;
  if (ANTHROPIC_ONLY_BLOCKS.has(type)) {
    throw invalidRequest(
      `${p}: '${type}' blocks are specific to Anthropic's API (server tools, search results, compaction) and cannot be sent to another provider; use an Anthropic model for this conversation`,
      p,
    );
  }
  const elsewhere =
    (USER_BLOCKS as readonly string[]).includes(type) ||
    (ASSISTANT_BLOCKS as readonly string[]).includes(type);
  throw invalidRequest(
    elsewhere
      ? `${p}: '${type}' blocks are not allowed in ${where}; allowed here: ${allowed.join(', ')}`
      : `${p}: unknown content block type '${type}'; expected one of ${allowed.join(', ')}`,
    p,
  );
}

/** `cache_control` of a block, if any: `{type: 'ephemeral', ttl?}`. */
export function decodeCacheControl(block: JsonObject, path: string): CacheControl | undefined {
  const v = block.cache_control;
  if (v === undefined || v === null) return undefined;
  const p = `${path}.cache_control`;
  const cc = requireRecord(v, p);
  if (cc.type !== 'ephemeral') {
    throw invalidRequest(`${p}.type: expected 'ephemeral', got ${JSON.stringify(cc.type)}`, `${p}.type`);
  }
  const ttl = optionalString(cc, 'ttl', p);
  return ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl };
}

const withCache = <T extends object>(part: T, cc: CacheControl | undefined): T =>
  cc ? { ...part, cacheControl: cc } : part;

export function decodeTextBlock(block: JsonObject, path: string): TextPart {
  return withCache(
    { type: 'text', text: requireString(block, 'text', path) },
    decodeCacheControl(block, path),
  );
}

function sourceOf(block: JsonObject, path: string): { source: JsonObject; type: string; path: string } {
  const p = `${path}.source`;
  if (block.source === undefined) throw invalidRequest(`${p}: field required`, p);
  const source = requireRecord(block.source, p);
  return { source, type: requireString(source, 'type', p), path: p };
}

function filesApiError(path: string): never {
  throw invalidRequest(
    `${path}.type: 'file' sources refer to Anthropic's Files API and cannot be sent to another provider; send the content as base64 or a URL, or use an Anthropic model`,
    `${path}.type`,
  );
}

function decodeImageBlock(block: JsonObject, path: string): ImagePart {
  const { source, type, path: sp } = sourceOf(block, path);
  let part: ImagePart;
  if (type === 'base64') {
    part = {
      type: 'image',
      source: {
        kind: 'base64',
        mediaType: requireString(source, 'media_type', sp),
        data: requireString(source, 'data', sp),
      },
    };
  } else if (type === 'url') {
    part = { type: 'image', source: { kind: 'url', url: requireString(source, 'url', sp) } };
  } else if (type === 'file') {
    filesApiError(sp);
  } else {
    throw invalidRequest(`${sp}.type: expected 'base64' or 'url', got '${type}'`, `${sp}.type`);
  }
  return withCache(part, decodeCacheControl(block, path));
}

function decodeDocumentBlock(block: JsonObject, path: string): DocumentPart {
  const { source, type, path: sp } = sourceOf(block, path);
  let part: DocumentPart;
  if (type === 'base64') {
    part = {
      type: 'document',
      source: {
        kind: 'base64',
        mediaType: requireString(source, 'media_type', sp),
        data: requireString(source, 'data', sp),
      },
    };
  } else if (type === 'text') {
    part = {
      type: 'document',
      source: {
        kind: 'text',
        mediaType: optionalString(source, 'media_type', sp) ?? 'text/plain',
        text: requireString(source, 'data', sp),
      },
    };
  } else if (type === 'url') {
    // Anthropic's URL document source is always a PDF
    part = {
      type: 'document',
      source: { kind: 'url', url: requireString(source, 'url', sp), mediaType: 'application/pdf' },
    };
  } else if (type === 'file') {
    filesApiError(sp);
  } else {
    throw invalidRequest(
      `${sp}.type: expected 'base64', 'text' or 'url', got '${type}' (other document sources cannot be sent to another provider)`,
      `${sp}.type`,
    );
  }
  const title = optionalString(block, 'title', path);
  if (title !== undefined) part.title = title;
  return withCache(part, decodeCacheControl(block, path));
}

function decodeToolResultBlock(block: JsonObject, path: string): ToolResultPart {
  const part: ToolResultPart = {
    type: 'tool_result',
    toolCallId: requireString(block, 'tool_use_id', path),
    content: [],
  };
  const content = block.content;
  if (typeof content === 'string') {
    part.content = [{ type: 'text', text: content }];
  } else if (content !== undefined && content !== null) {
    const cp = `${path}.content`;
    part.content = requireArray(content, cp).map((item, i) => {
      const ip = `${cp}[${i}]`;
      const b = requireRecord(item, ip);
      const type = blockType(b, ip, TOOL_RESULT_BLOCKS, 'tool_result content');
      if (type === 'text') return decodeTextBlock(b, ip);
      if (type === 'image') return decodeImageBlock(b, ip);
      return decodeDocumentBlock(b, ip);
    });
  }
  const isError = optionalBoolean(block, 'is_error', path);
  if (isError !== undefined) part.isError = isError;
  return withCache(part, decodeCacheControl(block, path));
}

/** A block of a `user` message. */
export function decodeUserBlock(value: unknown, path: string): UserPart {
  const block = requireRecord(value, path);
  const type = blockType(block, path, USER_BLOCKS, 'user messages');
  if (type === 'text') return decodeTextBlock(block, path);
  if (type === 'image') return decodeImageBlock(block, path);
  if (type === 'document') return decodeDocumentBlock(block, path);
  return decodeToolResultBlock(block, path);
}

/** A block of an `assistant` message. */
export function decodeAssistantBlock(value: unknown, path: string): AssistantPart {
  const block = requireRecord(value, path);
  const type = blockType(block, path, ASSISTANT_BLOCKS, 'assistant messages');
  if (type === 'text') return decodeTextBlock(block, path);
  if (type === 'thinking') {
    const raw = optionalString(block, 'signature', path);
    const text = requireString(block, 'thinking', path);
    if (!raw) return { type: 'reasoning', text };
    const { value: signature, origin } = unwrapForeignSignature(raw, `${path}.signature`);
    return origin
      ? { type: 'reasoning', text, signature, signatureOrigin: origin }
      : { type: 'reasoning', text, signature };
  }
  if (type === 'redacted_thinking') {
    const raw = requireString(block, 'data', path);
    const { value: data, origin } = unwrapForeignSignature(raw, `${path}.data`);
    return origin ? { type: 'redacted_reasoning', data, origin } : { type: 'redacted_reasoning', data };
  }
  const input = block.input;
  if (!isRecord(input)) {
    const p = `${path}.input`;
    throw invalidRequest(
      input === undefined ? `${p}: field required` : `${p}: expected an object, got ${JSON.stringify(input)}`,
      p,
    );
  }
  return withCache(
    {
      type: 'tool_call',
      id: requireString(block, 'id', path),
      name: requireString(block, 'name', path),
      arguments: JSON.stringify(input),
    },
    decodeCacheControl(block, path),
  );
}
