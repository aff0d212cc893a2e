import { type AssistantPart, newId } from '../../canonical/index.js';
import type { GeminiPart } from './gemini-types.js';

/**
 * Response parts as canonical assistant parts.
 * - `thought: true` text → reasoning (with its own thoughtSignature, if any);
 * - a thoughtSignature on any other part → an empty-text reasoning part carrying it, placed
 *   right before that part's content, so a function call's signature can be sent back on it
 *   (see convertAssistantToGeminiParts) and survives clients that only keep thinking blocks;
 * - text → text (adjacent text parts joined), functionCall → tool_call with the call's `id`
 *   when Gemini gives one, else a fresh `call_…` id, and the args as JSON text.
 * Parts the canonical model has no place for (inline images, code execution) are left out.
 * Every signature is marked as Gemini's (`signatureOrigin`), so no other provider is sent it.
 */
export function convertGeminiPartsToCanonical(parts: GeminiPart[]): AssistantPart[] {
  const out: AssistantPart[] = [];
  for (const part of parts) {
    if (!part || typeof part !== 'object') continue;
    const signature =
      typeof part.thoughtSignature === 'string' && part.thoughtSignature ? part.thoughtSignature : undefined;
    if (part.thought === true && typeof part.text === 'string') {
      out.push(
        signature
          ? { type: 'reasoning', text: part.text, signature, signatureOrigin: 'gemini' }
          : { type: 'reasoning', text: part.text },
      );
      continue;
    }
    if (signature) out.push({ type: 'reasoning', text: '', signature, signatureOrigin: 'gemini' });
    if (typeof part.text === 'string') {
      if (part.text === '') continue;
      const last = out[out.length - 1];
      if (last?.type === 'text') last.text += part.text;
      else out.push({ type: 'text', text: part.text });
    } else if (part.functionCall && typeof part.functionCall.name === 'string') {
      out.push({
        type: 'tool_call',
        id: part.functionCall.id || newId.toolCall(),
        name: part.functionCall.name,
        arguments: JSON.stringify(part.functionCall.args ?? {}),
      });
    }
  }
  return out;
}
