// How a Gemini client carries another provider's reasoning signature through its round trip:
// shown as a `thoughtSignature`, it comes back looking like Gemini's own, and Gemini would
// reject it. So, as for Anthropic clients, another provider's value is wrapped
// (`sy1.<origin>.<signature>`, see ../anthropic/wrap-foreign-signature.ts) on the way out and
// unwrapped on the way back. Anything not wrapped is Gemini's own.
import type { SignatureOrigin } from '../../canonical/index.js';
import { FOREIGN_SIGNATURE_PREFIX, unwrapForeignSignature } from '../anthropic/wrap-foreign-signature.js';

/** The thoughtSignature a Gemini client is shown. */
export function encodeGeminiClientSignature(value: string, origin: SignatureOrigin | undefined): string {
  if (origin === undefined || origin === 'gemini') return value;
  return `${FOREIGN_SIGNATURE_PREFIX}${origin}.${value}`;
}

/** A thoughtSignature from a Gemini client's request: the provider's value and who made it. */
export function decodeGeminiClientSignature(
  value: string,
  param: string,
): { value: string; origin: SignatureOrigin } {
  const { value: inner, origin } = unwrapForeignSignature(value, param);
  return { value: inner, origin: origin ?? 'gemini' };
}
