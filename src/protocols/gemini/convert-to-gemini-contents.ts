import { type CanonicalMessage, invalidRequest } from '../../canonical/index.js';
import { convertAssistantToGeminiParts } from './convert-assistant-to-gemini-parts.js';
import { convertMediaToGeminiPart } from './convert-media-to-gemini-part.js';
import { convertToolResultToGeminiParts } from './convert-tool-result-to-gemini-parts.js';
import { isGemini3OrLater } from './gemini-model-family.js';
import type { GeminiContent, GeminiGenerateContentRequest, GeminiPart } from './gemini-types.js';

function toolCallNames(messages: CanonicalMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of messages) {
    if (m.role !== 'assistant') continue;
    for (const p of m.content) if (p.type === 'tool_call') names.set(p.id, p.name);
  }
  return names;
}

/**
 * Canonical messages as Gemini `contents` plus `systemInstruction`.
 * - system messages (wherever they are) become systemInstruction parts, in order;
 * - user and tool turns are `user`, assistant turns are `model`; consecutive turns of the same
 *   role are merged, since Gemini wants them alternating (tool results then user text → one turn);
 * - a tool result needs the function name: ToolResultPart.toolName, else the name of the tool
 *   call with that id in the history;
 * - empty text parts are left out (Gemini refuses them); turns left with no parts are skipped.
 */
export function convertToGeminiContents(
  messages: CanonicalMessage[],
  model: string,
): Pick<GeminiGenerateContentRequest, 'contents' | 'systemInstruction'> {
  const gemini3 = isGemini3OrLater(model);
  const names = toolCallNames(messages);
  const system: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];

  messages.forEach((message, i) => {
    let parts: GeminiPart[] = [];
    switch (message.role) {
      case 'system':
        for (const p of message.content) if (p.text !== '') system.push({ text: p.text });
        return;
      case 'assistant':
        parts = convertAssistantToGeminiParts(message.content, {
          fillMissingSignatures: gemini3,
          messageIndex: i,
        });
        break;
      case 'user':
      case 'tool':
        message.content.forEach((p, j) => {
          if (p.type === 'text') {
            if (p.text !== '') parts.push({ text: p.text });
          } else if (p.type === 'image' || p.type === 'document') {
            parts.push(convertMediaToGeminiPart(p.source));
          } else {
            const name = p.toolName ?? names.get(p.toolCallId);
            if (!name) {
              throw invalidRequest(
                `tool result refers to tool call id "${p.toolCallId}", which no earlier assistant message has; ` +
                  'Gemini needs the function name of every tool result',
                `messages[${i}].content[${j}]`,
              );
            }
            parts.push(...convertToolResultToGeminiParts(p, name, { multimodalFunctionResponse: gemini3 }));
          }
        });
        break;
    }
    if (parts.length === 0) return;
    const role = message.role === 'assistant' ? 'model' : 'user';
    const last = contents[contents.length - 1];
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  });

  if (contents.length === 0) {
    throw invalidRequest('the request needs at least one non-empty user or assistant message', 'messages');
  }
  return system.length > 0 ? { contents, systemInstruction: { parts: system } } : { contents };
}
