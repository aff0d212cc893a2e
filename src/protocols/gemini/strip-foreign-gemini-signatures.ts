// A Gemini client's body on its way to a Gemini provider unchanged (passthrough) may hold
// signatures another provider made, which the gateway wrapped as `sy1.<origin>.…` when it showed
// that provider's answer to the client (see decode-gemini-signature.ts). Gemini rejects them:
// a thought part carrying one is dropped (its text means nothing to Gemini without Gemini's
// signature), a function call gets Google's documented stand-in signature instead, any other
// part loses the signature. A Content left with no parts is dropped.
import { FOREIGN_SIGNATURE_PREFIX } from '../anthropic/wrap-foreign-signature.js';
import { SKIP_THOUGHT_SIGNATURE_VALIDATOR } from './convert-assistant-to-gemini-parts.js';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isForeign = (v: unknown) => typeof v === 'string' && v.startsWith(FOREIGN_SIGNATURE_PREFIX);

function stripPart(part: unknown): unknown {
  if (!isRecord(part) || !isForeign(part.thoughtSignature)) return part;
  if (part.thought === true) return undefined;
  if (part.functionCall !== undefined) return { ...part, thoughtSignature: SKIP_THOUGHT_SIGNATURE_VALIDATOR };
  const { thoughtSignature: _foreign, ...rest } = part;
  return rest;
}

/** The body without foreign signatures; the body given is not changed. */
export function stripForeignGeminiSignatures(body: Json): Json {
  if (!Array.isArray(body.contents)) return body;
  const contents: unknown[] = [];
  for (const content of body.contents) {
    if (!isRecord(content) || !Array.isArray(content.parts)) {
      contents.push(content);
      continue;
    }
    const parts = content.parts.map(stripPart).filter((p) => p !== undefined);
    if (parts.length > 0) contents.push({ ...content, parts });
  }
  return { ...body, contents };
}
