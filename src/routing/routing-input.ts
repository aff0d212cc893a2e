// What the router reads off a request, from the CanonicalRequest of any client protocol: the
// last user turn's text, the system text, the history's size, what the request needs (tools,
// images, structured output), its output limit, and the conversation's stable prefix (for cache
// affinity). Pure; no token counting here (the caller passes the count).
import type { CanonicalMessage, CanonicalRequest } from '../canonical/types.js';
import type { RoutingInput } from './model/contract.js';

export interface RequestReading {
  input: RoutingInput;
  /** system text + the first user turn's text: the same on every turn of one conversation */
  stablePrefix: string;
  /** earlier turns exist (a conversation, not a single question) */
  multiTurn: boolean;
  metadata: Readonly<Record<string, string>>;
}

function textOf(m: CanonicalMessage): { text: string; images: boolean } {
  let text = '';
  let images = false;
  for (const p of m.content) {
    if (p.type === 'text') text += text ? `\n${p.text}` : p.text;
    else if (p.type === 'image') images = true;
    else if (p.type === 'document' && p.source.kind === 'text') text += `\n${p.source.text}`;
    else if (p.type === 'tool_result')
      for (const c of p.content) {
        if (c.type === 'text') text += `\n${c.text}`;
        else if (c.type === 'image') images = true;
      }
    else if (p.type === 'tool_call') text += `\n${p.name} ${p.arguments}`;
  }
  return { text, images };
}

export function readRequest(req: CanonicalRequest, promptTokens: number): RequestReading {
  let system = '';
  let lastUser = -1;
  let firstUser = -1;
  for (let i = 0; i < req.messages.length; i++) {
    const role = req.messages[i]!.role;
    if (role === 'user' || role === 'tool') {
      lastUser = i;
      if (firstUser < 0 && role === 'user') firstUser = i;
    }
  }
  let prompt = '';
  let historyChars = 0;
  let hasImages = false;
  let firstUserText = '';
  for (let i = 0; i < req.messages.length; i++) {
    const m = req.messages[i]!;
    const { text, images } = textOf(m);
    hasImages ||= images;
    if (m.role === 'system') system += system ? `\n${text}` : text;
    else if (i === lastUser) prompt = text;
    else historyChars += text.length;
    if (i === firstUser) firstUserText = text;
  }
  const rf = req.responseFormat?.type;
  return {
    input: {
      prompt,
      system: system || undefined,
      historyChars,
      hasTools: (req.tools?.length ?? 0) > 0 && req.toolChoice?.type !== 'none',
      structuredOutput: rf === 'json_object' || rf === 'json_schema',
      hasImages,
      promptTokens,
      maxOutputTokens: req.maxTokens,
    },
    stablePrefix: `${system}\u0000${firstUserText}`,
    multiTurn: firstUser >= 0 && firstUser < lastUser,
    metadata: req.metadata ?? {},
  };
}
