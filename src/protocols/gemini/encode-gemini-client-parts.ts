// Canonical assistant parts as the parts a Gemini client reads in a candidate (the inverse of
// convertGeminiPartsToCanonical):
// - reasoning with text → a `thought: true` part, with its signature;
// - an empty reasoning part that only carries a signature → the signature goes on the next
//   text or functionCall part (where Gemini put it), else on a part of its own;
// - text → text, tool_call → functionCall {id, name, args};
// - redacted reasoning has no Gemini form and is left out.
// Signatures another provider made are wrapped (see decode-gemini-signature.ts).
import type { AssistantPart } from '../../canonical/index.js';
import { parseToolArguments } from '../anthropic/parse-tool-arguments.js';
import { encodeGeminiClientSignature } from './decode-gemini-signature.js';
import type { GeminiPart } from './gemini-types.js';

export function encodeGeminiClientParts(content: AssistantPart[]): GeminiPart[] {
  const out: GeminiPart[] = [];
  let pending: string | undefined;
  const take = (p: GeminiPart): GeminiPart => {
    if (pending) p.thoughtSignature = pending;
    pending = undefined;
    return p;
  };
  for (const part of content) {
    switch (part.type) {
      case 'reasoning': {
        const sig = part.signature
          ? encodeGeminiClientSignature(part.signature, part.signatureOrigin)
          : undefined;
        if (part.text === '') {
          if (sig) pending = sig;
          break;
        }
        out.push(
          sig
            ? { text: part.text, thought: true, thoughtSignature: sig }
            : { text: part.text, thought: true },
        );
        break;
      }
      case 'text':
        if (part.text !== '') out.push(take({ text: part.text }));
        break;
      case 'tool_call':
        out.push(
          take({ functionCall: { id: part.id, name: part.name, args: parseToolArguments(part.arguments) } }),
        );
        break;
      default:
        break;
    }
  }
  if (pending) out.push({ text: '', thoughtSignature: pending });
  return out;
}
