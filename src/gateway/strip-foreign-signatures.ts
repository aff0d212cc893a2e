// An Anthropic client's body on its way to an Anthropic-protocol provider unchanged
// (passthrough) may hold reasoning another provider made: thinking signatures and
// redacted_thinking data the gateway wrapped as `sy1.<origin>.…` when it showed that provider's
// answer to the client. Anthropic rejects them, so those blocks are dropped (a thinking block
// cannot be sent without a valid signature). Checking the serialized body for `"sy1.` first
// keeps the common case to one `includes`.
import { FOREIGN_SIGNATURE_PREFIX, isWrappedForeignSignature } from '../protocols/anthropic/index.js';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** true when the serialized body may hold a wrapped value (a JSON string starting with the prefix) */
export function mayHoldForeignSignatures(serialized: string): boolean {
  return serialized.includes(`"${FOREIGN_SIGNATURE_PREFIX}`);
}

function isForeignBlock(block: unknown): boolean {
  if (!isRecord(block)) return false;
  if (block.type === 'thinking') return isWrappedForeignSignature(block.signature);
  if (block.type === 'redacted_thinking') return isWrappedForeignSignature(block.data);
  return false;
}

/**
 * The body without the thinking / redacted_thinking blocks of `messages[*].content` whose
 * signature or data is wrapped. A message left with no content is dropped too (Anthropic
 * rejects empty content, and combines the consecutive turns of one role this may leave). The
 * body given is not changed; anything not recognised is kept as it is.
 */
export function stripForeignSignatures(body: Json): Json {
  if (!Array.isArray(body.messages)) return body;
  const messages: unknown[] = [];
  for (const msg of body.messages) {
    if (!isRecord(msg) || !Array.isArray(msg.content)) {
      messages.push(msg);
      continue;
    }
    const content = msg.content.filter((b) => !isForeignBlock(b));
    if (content.length === msg.content.length) messages.push(msg);
    else if (content.length > 0) messages.push({ ...msg, content });
  }
  return { ...body, messages };
}

/** the body serialized for an Anthropic-protocol provider: stripped of foreign reasoning when it holds any */
export function serializeForAnthropic(body: Json): string {
  const json = JSON.stringify(body);
  return mayHoldForeignSignatures(json) ? JSON.stringify(stripForeignSignatures(body)) : json;
}
