import { type AssistantPart, invalidRequest } from '../../canonical/index.js';
import type { GeminiPart } from './gemini-types.js';

/**
 * Google's documented stand-in for a functionCall whose real thoughtSignature is unknown (the
 * history came from another model, or a client that cannot carry signatures). Gemini 3 rejects
 * replayed function calls without one. https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const SKIP_THOUGHT_SIGNATURE_VALIDATOR = 'skip_thought_signature_validator';

export interface AssistantEncodeOptions {
  /** give unsigned function calls the skip-validator signature (Gemini 3 and later) */
  fillMissingSignatures: boolean;
  /** where the message sits, for error params */
  messageIndex: number;
}

function parseArguments(text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidRequest(
      `tool call arguments must be a JSON object; got text that is not JSON: ${text.slice(0, 80)}`,
      param,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('tool call arguments must be a JSON object, not an array or a scalar', param);
  }
  return value as Record<string, unknown>;
}

/**
 * An assistant turn as Gemini `model` parts.
 *
 * Thought signatures: only signatures Gemini made (`signatureOrigin: 'gemini'`) are sent; any
 * other (Anthropic's thinking signatures, or of unknown origin) would be rejected, so its part
 * counts as unsigned. Canonical ReasoningPart.signature holds Gemini's thoughtSignature, and a
 * ToolCallPart has no signature field, so the decoders in this folder put the signature of a
 * function call (or of a text part) on a reasoning part right before it. Here that is undone:
 * - a signed reasoning part followed by a tool call → the signature goes on that functionCall
 *   part (Gemini 3 requires it there; in a parallel batch only the first call has one);
 * - a signed reasoning part with empty text followed by text → the signature goes on the text;
 * - a signed reasoning part with empty text at the end → onto the text part before it, if any;
 * - any other signed reasoning part → a `thought: true` part with its text and signature.
 * Unsigned reasoning (thought summaries, other providers' reasoning) and redacted reasoning are
 * dropped: Gemini reads nothing from thought text without its signature.
 * With `fillMissingSignatures`, a run of function calls none of which is signed gets the
 * skip-validator signature on each call.
 */
export function convertAssistantToGeminiParts(
  content: AssistantPart[],
  opts: AssistantEncodeOptions,
): GeminiPart[] {
  const out: GeminiPart[] = [];
  let pendingSignature: string | undefined;
  let runHasSignature = false;

  content.forEach((part, j) => {
    const next = content[j + 1];
    switch (part.type) {
      case 'reasoning': {
        if (!part.signature || part.signatureOrigin !== 'gemini') return;
        if (next?.type === 'tool_call' || (part.text === '' && next?.type === 'text' && next.text !== '')) {
          pendingSignature = part.signature;
        } else if (part.text !== '') {
          out.push({ text: part.text, thought: true, thoughtSignature: part.signature });
        } else {
          const prev = out[out.length - 1];
          if (prev && prev.text !== undefined && !prev.thought && !prev.thoughtSignature) {
            prev.thoughtSignature = part.signature;
          }
        }
        return;
      }
      case 'redacted_reasoning':
        return;
      case 'text': {
        runHasSignature = false;
        if (part.text === '') return;
        const p: GeminiPart = { text: part.text };
        if (pendingSignature) p.thoughtSignature = pendingSignature;
        pendingSignature = undefined;
        out.push(p);
        return;
      }
      case 'tool_call': {
        const args = parseArguments(part.arguments, `messages[${opts.messageIndex}].content[${j}].arguments`);
        const p: GeminiPart = { functionCall: { name: part.name, args } };
        if (pendingSignature) {
          p.thoughtSignature = pendingSignature;
          runHasSignature = true;
        } else if (opts.fillMissingSignatures && !runHasSignature) {
          p.thoughtSignature = SKIP_THOUGHT_SIGNATURE_VALIDATOR;
        }
        pendingSignature = undefined;
        out.push(p);
        return;
      }
    }
  });
  return out;
}
