// Canonical messages into Anthropic's `system` + `messages`.
//
// - System messages before the first user/assistant/tool message become the top-level
//   `system` (text blocks, cache_control kept).
// - A system message later in the conversation cannot go there without moving it ahead of
//   turns it was meant to follow, and mid-conversation `role: "system"` messages are not
//   accepted by every Claude model, so its text is sent as a user turn at its place (merged
//   with a neighbouring user turn, if any).
// - `tool` messages become user turns of tool_result blocks.
// - Anthropic wants user and assistant turns to alternate: consecutive turns of one role
//   are merged, and in a merged user turn the tool_result blocks come first (Anthropic
//   rejects text before the tool results that answer the previous assistant turn).
// - Reasoning parts go back as `thinking` blocks only with a signature Anthropic made
//   (origin 'anthropic', or unknown: an Anthropic client's own): Anthropic rejects unsigned
//   thinking and signatures from another provider (Gemini's), so those parts are dropped.
//   Redacted reasoning goes back as `redacted_thinking` unless another provider made it.
//   Empty text is dropped.
import type { AssistantPart, CanonicalMessage, SignatureOrigin, UserPart } from '../../canonical/index.js';
import type {
  AnthropicAssistantBlock,
  AnthropicMessageParam,
  AnthropicTextBlock,
  AnthropicUserBlock,
} from './anthropic-wire-types.js';
import {
  toAnthropicCacheControl,
  toAnthropicDocumentBlock,
  toAnthropicImageBlock,
  toAnthropicTextBlock,
  toAnthropicToolResultBlock,
} from './convert-to-anthropic-content-block.js';
import { parseToolArguments } from './parse-tool-arguments.js';
import { sanitizeAnthropicToolId } from './sanitize-anthropic-tool-id.js';

export interface AnthropicPrompt {
  system: AnthropicTextBlock[];
  messages: AnthropicMessageParam[];
}

function userBlock(part: UserPart, path: string): AnthropicUserBlock | undefined {
  switch (part.type) {
    case 'text':
      return toAnthropicTextBlock(part);
    case 'image':
      return toAnthropicImageBlock(part, path);
    case 'document':
      return toAnthropicDocumentBlock(part, path);
    case 'tool_result':
      return toAnthropicToolResultBlock(part, path);
  }
}

/** unknown origin: the signature came verbatim from an Anthropic client, so it is Anthropic's */
const isAnthropics = (origin: SignatureOrigin | undefined) => origin === undefined || origin === 'anthropic';

function assistantBlock(part: AssistantPart): AnthropicAssistantBlock | undefined {
  switch (part.type) {
    case 'text':
      return toAnthropicTextBlock(part);
    case 'reasoning':
      return part.signature && isAnthropics(part.signatureOrigin)
        ? { type: 'thinking', thinking: part.text, signature: part.signature }
        : undefined;
    case 'redacted_reasoning':
      return isAnthropics(part.origin) ? { type: 'redacted_thinking', data: part.data } : undefined;
    case 'tool_call': {
      const block: AnthropicAssistantBlock = {
        type: 'tool_use',
        id: sanitizeAnthropicToolId(part.id),
        name: part.name,
        input: parseToolArguments(part.arguments),
      };
      return part.cacheControl
        ? { ...block, cache_control: toAnthropicCacheControl(part.cacheControl) }
        : block;
    }
  }
}

const defined = <T>(v: T | undefined): v is T => v !== undefined;

/** One canonical message as an Anthropic turn (before merging); none if nothing is left. */
function toTurn(msg: CanonicalMessage, path: string): AnthropicMessageParam | undefined {
  if (msg.role === 'assistant') {
    const content = msg.content.map(assistantBlock).filter(defined);
    return content.length ? { role: 'assistant', content } : undefined;
  }
  const parts: UserPart[] = msg.content;
  const content = parts.map((p, i) => userBlock(p, `${path}.content[${i}]`)).filter(defined);
  return content.length ? { role: 'user', content } : undefined;
}

function pushMerged(turns: AnthropicMessageParam[], turn: AnthropicMessageParam): void {
  const last = turns.at(-1);
  if (last && last.role === turn.role) {
    (last.content as unknown[]).push(...turn.content);
  } else {
    turns.push({ role: turn.role, content: [...turn.content] } as AnthropicMessageParam);
  }
}

/** tool_result blocks first, everything else after, each group in its original order. */
function toolResultsFirst(turn: AnthropicMessageParam): void {
  if (turn.role !== 'user') return;
  const results = turn.content.filter((b) => b.type === 'tool_result');
  if (results.length === 0) return;
  turn.content = [...results, ...turn.content.filter((b) => b.type !== 'tool_result')];
}

export function convertToAnthropicMessages(messages: CanonicalMessage[]): AnthropicPrompt {
  const system: AnthropicTextBlock[] = [];
  const turns: AnthropicMessageParam[] = [];
  let leading = true;
  messages.forEach((msg, i) => {
    const path = `messages[${i}]`;
    if (msg.role === 'system') {
      const blocks = msg.content.map(toAnthropicTextBlock).filter(defined);
      if (leading) system.push(...blocks);
      else if (blocks.length) pushMerged(turns, { role: 'user', content: blocks });
      return;
    }
    leading = false;
    const turn = toTurn(msg, path);
    if (turn) pushMerged(turns, turn);
  });
  for (const t of turns) toolResultsFirst(t);
  return { system, messages: turns };
}
