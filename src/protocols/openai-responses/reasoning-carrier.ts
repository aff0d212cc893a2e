// How a Responses client carries reasoning through its round trip: a reasoning item's
// `encrypted_content` holds the provider's opaque reasoning state. OpenAI's own values go as they
// are; another provider's signature (Anthropic's thinking signature, Gemini's thoughtSignature)
// or redacted data is wrapped as `sy1.<origin>.<value>` / `sy1r.<origin>.<data>` so that it comes
// back with its origin and is only ever sent to the provider that made it. OpenAI's values are
// Fernet tokens (`gAAAA…`), which never start with these prefixes.
import {
  invalidRequest,
  type ReasoningPart,
  type RedactedReasoningPart,
  type SignatureOrigin,
} from '../../canonical/index.js';

const SIGNATURE = 'sy1.';
const REDACTED = 'sy1r.';
const ORIGINS: readonly SignatureOrigin[] = ['anthropic', 'gemini', 'bedrock', 'simulated', 'openai'];

/** `encrypted_content` for a reasoning part's signature (undefined when it has none) */
export function carrySignature(
  part: Pick<ReasoningPart, 'signature' | 'signatureOrigin'>,
): string | undefined {
  if (!part.signature) return undefined;
  const origin = part.signatureOrigin;
  return origin === undefined || origin === 'openai'
    ? part.signature
    : `${SIGNATURE}${origin}.${part.signature}`;
}

/** `encrypted_content` for redacted reasoning */
export function carryRedacted(part: RedactedReasoningPart): string {
  return `${REDACTED}${part.origin ?? 'anthropic'}.${part.data}`;
}

export type CarriedReasoning =
  | { kind: 'signature'; signature: string; origin: SignatureOrigin }
  | { kind: 'redacted'; data: string; origin: SignatureOrigin };

/** what a client's `encrypted_content` stands for; `param` names it in the error a bad value gets */
export function readCarried(value: string, param: string): CarriedReasoning {
  const prefix = value.startsWith(REDACTED) ? REDACTED : value.startsWith(SIGNATURE) ? SIGNATURE : undefined;
  if (!prefix) return { kind: 'signature', signature: value, origin: 'openai' };
  const rest = value.slice(prefix.length);
  const dot = rest.indexOf('.');
  const origin = rest.slice(0, Math.max(dot, 0)) as SignatureOrigin;
  const inner = dot < 0 ? '' : rest.slice(dot + 1);
  if (!ORIGINS.includes(origin) || inner === '')
    throw invalidRequest(
      `Invalid '${param}': a value starting with '${prefix}' is reasoning state this gateway wrapped; ` +
        'send it back exactly as the gateway returned it.',
      param,
    );
  return prefix === REDACTED
    ? { kind: 'redacted', data: inner, origin }
    : { kind: 'signature', signature: inner, origin };
}
