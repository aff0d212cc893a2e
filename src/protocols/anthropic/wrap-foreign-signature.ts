// How an Anthropic client carries another provider's reasoning signature through its own round
// trip. A Gemini thoughtSignature shown to an Anthropic client as a `thinking` block's signature
// (or redacted_thinking data) comes back in the next request looking like Anthropic's own; sent
// to Anthropic as is, Anthropic rejects the request. So on the way out it is wrapped as
// `sy1.<origin>.<signature>` and on the way back unwrapped into the signature and its origin.
// Anthropic's signatures are base64, which has no `.`, so they never start with the prefix;
// anything without it is Anthropic's own (origin left unknown).
import { invalidRequest, type SignatureOrigin } from '../../canonical/index.js';

export const FOREIGN_SIGNATURE_PREFIX = 'sy1.';

const ORIGINS: readonly SignatureOrigin[] = ['anthropic', 'gemini', 'openai', 'bedrock', 'simulated'];

/** The value an Anthropic client is shown: wrapped when another provider made it. */
export function wrapForeignSignature(value: string, origin: SignatureOrigin | undefined): string {
  if (value === '' || origin === undefined || origin === 'anthropic') return value;
  return `${FOREIGN_SIGNATURE_PREFIX}${origin}.${value}`;
}

/** true for a value this gateway wrapped (another provider's signature or data). */
export function isWrappedForeignSignature(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(FOREIGN_SIGNATURE_PREFIX);
}

/**
 * A signature (or redacted data) from an Anthropic client's request: a wrapped one as the
 * provider's own value and its origin, anything else as is with no origin. `param` names the
 * field for the error a malformed wrapped value gets.
 */
export function unwrapForeignSignature(
  value: string,
  param: string,
): { value: string; origin?: SignatureOrigin } {
  if (!value.startsWith(FOREIGN_SIGNATURE_PREFIX)) return { value };
  const rest = value.slice(FOREIGN_SIGNATURE_PREFIX.length);
  const dot = rest.indexOf('.');
  const origin = rest.slice(0, Math.max(dot, 0)) as SignatureOrigin;
  const inner = dot < 0 ? '' : rest.slice(dot + 1);
  if (!ORIGINS.includes(origin) || inner === '') {
    throw invalidRequest(
      `${param}: a value starting with '${FOREIGN_SIGNATURE_PREFIX}' is a signature this gateway wrapped as ` +
        `'${FOREIGN_SIGNATURE_PREFIX}<origin>.<signature>' with origin ${ORIGINS.join(' or ')}; ` +
        `got '${value.slice(0, 40)}'. Send back the value exactly as the gateway returned it`,
      param,
    );
  }
  return { value: inner, origin };
}
