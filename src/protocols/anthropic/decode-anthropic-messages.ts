// A client's `messages` array into canonical messages. Tool results stay as tool_result
// parts inside the user message that carries them (upstream encoders that need a separate
// tool turn split them out); their toolName is filled from the tool_use blocks before them.
import {
  type AssistantPart,
  type CanonicalMessage,
  invalidRequest,
  type UserPart,
} from '../../canonical/index.js';
import { decodeAssistantBlock, decodeUserBlock } from './decode-anthropic-content-block.js';
import { decodeSystemContent } from './decode-anthropic-system.js';
import { requireArray, requireOneOf, requireRecord } from './read-request-fields.js';

// `system` messages inside `messages` are in the Messages API since SDK 0.100
// ("mid-conversation system blocks"); they map to canonical system messages.
const ROLES = ['user', 'assistant', 'system'] as const;

function contentOf<T>(
  value: unknown,
  path: string,
  decode: (block: unknown, path: string) => T,
): T[] | string {
  if (typeof value === 'string') return value;
  if (value === undefined) throw invalidRequest(`${path}: field required`, path);
  return requireArray(value, path).map((block, i) => decode(block, `${path}[${i}]`));
}

export function decodeAnthropicMessages(value: unknown, path = 'messages'): CanonicalMessage[] {
  const list = requireArray(value, path);
  if (list.length === 0) throw invalidRequest(`${path}: at least one message is required`, path);
  const toolNames = new Map<string, string>();
  return list.map((item, i): CanonicalMessage => {
    const mp = `${path}[${i}]`;
    const msg = requireRecord(item, mp);
    const role = requireOneOf(msg, 'role', mp, ROLES);
    const cp = `${mp}.content`;
    if (role === 'assistant') {
      const content = contentOf<AssistantPart>(msg.content, cp, decodeAssistantBlock);
      const parts: AssistantPart[] =
        typeof content === 'string' ? [{ type: 'text', text: content }] : content;
      for (const p of parts) if (p.type === 'tool_call') toolNames.set(p.id, p.name);
      return { role, content: parts };
    }
    if (role === 'system') {
      return { role, content: decodeSystemContent(msg.content, cp) };
    }
    const content = contentOf<UserPart>(msg.content, cp, decodeUserBlock);
    const parts: UserPart[] = typeof content === 'string' ? [{ type: 'text', text: content }] : content;
    for (const p of parts) {
      if (p.type === 'tool_result' && p.toolName === undefined) {
        const name = toolNames.get(p.toolCallId);
        if (name !== undefined) p.toolName = name;
      }
    }
    return { role, content: parts };
  });
}
