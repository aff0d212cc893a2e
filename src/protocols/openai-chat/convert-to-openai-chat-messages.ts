// Canonical messages -> Chat Completions `messages` for an OpenAI-compatible provider.
//
// - Tool results become `role: "tool"` messages. Inside a user turn (Anthropic clients put
//   them there) they are emitted first, so they sit right after the assistant turn that made
//   the calls; the turn's other parts follow as a user message.
// - Tool messages only hold text: images/documents a tool returned follow the run of tool
//   messages in a user message. A result marked as an error gets an "Error: " prefix, the
//   only way to tell the model.
// - Reasoning parts in assistant history are dropped: providers reject them on input.
// - Cache marks are dropped (OpenAI-compatible providers cache prefixes on their own).

import { toDataUrl } from '../../canonical/data-url.js';
import {
  type CanonicalMessage,
  type DocumentPart,
  type ImagePart,
  invalidRequest,
  type TextPart,
  type ToolResultPart,
} from '../../canonical/index.js';
import type { OpenAIContentPartOut, OpenAIMessageOut, OpenAIToolCall } from './openai-chat-wire-types.js';

const EXTENSION: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/csv': 'csv',
  'text/html': 'html',
  'application/json': 'json',
};

function imagePart(part: ImagePart): OpenAIContentPartOut {
  const { source } = part;
  if (source.kind === 'text') {
    throw invalidRequest(
      'An image part carries text instead of image data; it cannot be sent to this model.',
    );
  }
  const image: { url: string; detail?: 'auto' | 'low' | 'high' } = {
    url: source.kind === 'base64' ? toDataUrl(source.mediaType, source.data) : source.url,
  };
  if (part.detail) image.detail = part.detail;
  return { type: 'image_url', image_url: image };
}

/** Text documents travel as text; binary ones (PDF) as a `file` part with a data URL. */
function documentPart(part: DocumentPart, param: string): OpenAIContentPartOut {
  const { source } = part;
  if (source.kind === 'text') return { type: 'text', text: source.text };
  if (source.kind === 'url') {
    throw invalidRequest(
      'A document given by URL cannot be sent to a Chat Completions model: its file input takes only inline data. ' +
        'Send the document as base64 data instead.',
      param,
    );
  }
  if (source.mediaType.startsWith('text/')) {
    return { type: 'text', text: Buffer.from(source.data, 'base64').toString('utf8') };
  }
  const filename =
    part.filename ??
    part.title ??
    `document.${EXTENSION[source.mediaType] ?? source.mediaType.split('/').pop()}`;
  return { type: 'file', file: { filename, file_data: toDataUrl(source.mediaType, source.data) } };
}

function mediaParts(
  parts: Array<TextPart | ImagePart | DocumentPart>,
  param: string,
): OpenAIContentPartOut[] {
  return parts.map((p, j) =>
    p.type === 'text'
      ? { type: 'text', text: p.text }
      : p.type === 'image'
        ? imagePart(p)
        : documentPart(p, `${param}[${j}]`),
  );
}

/** A user message: a plain string when it is one text, parts otherwise. */
function userMessage(parts: OpenAIContentPartOut[]): OpenAIMessageOut {
  const only = parts[0];
  if (parts.length === 1 && only?.type === 'text') return { role: 'user', content: only.text };
  return { role: 'user', content: parts };
}

const joinText = (parts: Array<{ type: string; text?: string }>, sep: string) =>
  parts
    .filter((p): p is TextPart => p.type === 'text')
    .map((p) => p.text)
    .join(sep);

/** Tool messages for a run of results, then a user message with whatever media they returned. */
function toolMessages(results: ToolResultPart[], param: string): OpenAIMessageOut[] {
  const out: OpenAIMessageOut[] = [];
  const attachments: OpenAIContentPartOut[] = [];
  results.forEach((r, k) => {
    const media = r.content.filter((p) => p.type !== 'text');
    let text = joinText(r.content, '\n\n');
    if (media.length > 0) {
      attachments.push({ type: 'text', text: `Attachments of tool result ${r.toolCallId}:` });
      attachments.push(...mediaParts(media, `${param}[${k}].content`));
      if (text === '') text = '(attachments follow in the next message)';
    }
    if (r.isError) text = `Error: ${text}`;
    out.push({ role: 'tool', tool_call_id: r.toolCallId, content: text });
  });
  if (attachments.length > 0) out.push({ role: 'user', content: attachments });
  return out;
}

export function convertToOpenAIChatMessages(messages: CanonicalMessage[]): OpenAIMessageOut[] {
  const out: OpenAIMessageOut[] = [];
  messages.forEach((m, i) => {
    const param = `messages[${i}].content`;
    switch (m.role) {
      case 'system': {
        const text = joinText(m.content, '\n\n');
        if (text !== '') out.push({ role: 'system', content: text });
        break;
      }
      case 'user': {
        const results = m.content.filter((p): p is ToolResultPart => p.type === 'tool_result');
        const rest = m.content.filter((p) => p.type !== 'tool_result') as Array<
          TextPart | ImagePart | DocumentPart
        >;
        out.push(...toolMessages(results, param));
        if (rest.length > 0) out.push(userMessage(mediaParts(rest, param)));
        else if (results.length === 0) out.push({ role: 'user', content: '' });
        break;
      }
      case 'assistant': {
        const text = joinText(m.content, '');
        const toolCalls: OpenAIToolCall[] = m.content.flatMap((p) =>
          p.type === 'tool_call'
            ? [{ id: p.id, type: 'function' as const, function: { name: p.name, arguments: p.arguments } }]
            : [],
        );
        if (toolCalls.length > 0)
          out.push({ role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls });
        else out.push({ role: 'assistant', content: text });
        break;
      }
      case 'tool':
        out.push(...toolMessages(m.content, param));
        break;
    }
  });
  return out;
}
