// Canonical messages → Converse `system` and `messages`.
// - system turns (wherever they are) → system blocks, in order;
// - tool turns → toolResult blocks of a user turn; consecutive turns of one role are merged
//   (Converse wants user and assistant to alternate);
// - tool calls → toolUse with the arguments as an object; tool-call ids kept to Bedrock's
//   alphabet (letters, digits, `_`, `-`), the same mapping on calls and results;
// - reasoning → reasoningContent only when Bedrock made its signature (origin 'bedrock'); any
//   other provider's reasoning would be rejected, so it stays behind;
// - `cacheControl` on a part → a cachePoint block right after it;
// - empty text is left out (Converse rejects blank text blocks).
import type {
  AssistantPart,
  CacheControl,
  CanonicalMessage,
  ToolResultPart,
  UserPart,
} from '../../canonical/index.js';
import type {
  BedrockContentBlock,
  BedrockMessage,
  BedrockSystemBlock,
  BedrockToolResultContent,
} from './bedrock-types.js';
import { convertDocumentToBedrock, convertImageToBedrock } from './convert-media-to-bedrock.js';

export interface ConvertedBedrockMessages {
  system: BedrockSystemBlock[];
  messages: BedrockMessage[];
}

export interface BedrockMessageOptions {
  /** Claude models take the toolResult `status` field; others reject it */
  toolResultStatus: boolean;
}

const CACHE_POINT = { cachePoint: { type: 'default' as const } };

export const bedrockToolId = (id: string) => id.replace(/[^a-zA-Z0-9_-]/g, '_') || 'tool';

function parseArguments(text: string): unknown {
  try {
    const v: unknown = JSON.parse(text || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

function withCache(out: BedrockContentBlock[], block: BedrockContentBlock, cc: CacheControl | undefined) {
  out.push(block);
  if (cc) out.push(CACHE_POINT);
}

function toolResult(
  part: ToolResultPart,
  param: string,
  opts: BedrockMessageOptions,
  docCount: { n: number },
): BedrockContentBlock {
  const content: BedrockToolResultContent[] = [];
  part.content.forEach((c, i) => {
    const p = `${param}.content[${i}]`;
    if (c.type === 'text') {
      if (c.text !== '') content.push({ text: c.text });
    } else if (c.type === 'image') content.push({ image: convertImageToBedrock(c.source, p) });
    else
      content.push({
        document: convertDocumentToBedrock(c.source, c.title ?? c.filename, `document-${++docCount.n}`, p),
      });
  });
  return {
    toolResult: {
      toolUseId: bedrockToolId(part.toolCallId),
      content,
      ...(opts.toolResultStatus && part.isError ? { status: 'error' as const } : {}),
    },
  };
}

function userBlocks(
  parts: UserPart[],
  param: string,
  opts: BedrockMessageOptions,
  docCount: { n: number },
): BedrockContentBlock[] {
  const out: BedrockContentBlock[] = [];
  for (const [i, part] of parts.entries()) {
    const p = `${param}.content[${i}]`;
    if (part.type === 'text') {
      if (part.text !== '') withCache(out, { text: part.text }, part.cacheControl);
    } else if (part.type === 'image') {
      withCache(out, { image: convertImageToBedrock(part.source, p) }, part.cacheControl);
    } else if (part.type === 'document') {
      const name = part.title ?? part.filename;
      const document = convertDocumentToBedrock(part.source, name, `document-${++docCount.n}`, p);
      withCache(out, { document }, part.cacheControl);
    } else {
      withCache(out, toolResult(part, p, opts, docCount), part.cacheControl);
    }
  }
  return out;
}

function assistantBlocks(parts: AssistantPart[]): BedrockContentBlock[] {
  const out: BedrockContentBlock[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        if (part.text !== '') withCache(out, { text: part.text }, part.cacheControl);
        break;
      case 'reasoning':
        if (part.signature && part.signatureOrigin === 'bedrock')
          out.push({ reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } });
        break;
      case 'redacted_reasoning':
        if (part.origin === 'bedrock') out.push({ reasoningContent: { redactedContent: part.data } });
        break;
      case 'tool_call':
        withCache(
          out,
          {
            toolUse: {
              toolUseId: bedrockToolId(part.id),
              name: part.name,
              input: parseArguments(part.arguments),
            },
          },
          part.cacheControl,
        );
        break;
    }
  }
  return out;
}

export function convertToBedrockMessages(
  messages: CanonicalMessage[],
  opts: BedrockMessageOptions,
): ConvertedBedrockMessages {
  const system: BedrockSystemBlock[] = [];
  const out: BedrockMessage[] = [];
  const docCount = { n: 0 };
  const push = (role: 'user' | 'assistant', content: BedrockContentBlock[]) => {
    if (content.length === 0) return;
    const last = out[out.length - 1];
    if (last?.role === role) last.content.push(...content);
    else out.push({ role, content });
  };
  for (const [i, m] of messages.entries()) {
    const param = `messages[${i}]`;
    if (m.role === 'system') {
      for (const part of m.content) {
        if (part.text === '') continue;
        system.push({ text: part.text });
        if (part.cacheControl) system.push(CACHE_POINT);
      }
    } else if (m.role === 'assistant') push('assistant', assistantBlocks(m.content));
    else push('user', userBlocks(m.content, param, opts, docCount));
  }
  return { system, messages: out };
}
