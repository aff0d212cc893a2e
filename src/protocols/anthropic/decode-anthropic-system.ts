// System prompt content (the top-level `system` field, or a `role: 'system'` message's
// content): a string or an array of text blocks.
import { type CanonicalMessage, invalidRequest, type TextPart } from '../../canonical/index.js';
import { decodeTextBlock } from './decode-anthropic-content-block.js';
import { requireArray, requireOneOf, requireRecord } from './read-request-fields.js';

/** A string or an array of text blocks as text parts (an empty string gives none). */
export function decodeSystemContent(value: unknown, path: string): TextPart[] {
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  if (value === undefined) throw invalidRequest(`${path}: field required`, path);
  return requireArray(value, path).map((item, i) => {
    const bp = `${path}[${i}]`;
    const block = requireRecord(item, bp);
    requireOneOf(block, 'type', bp, ['text']);
    return decodeTextBlock(block, bp);
  });
}

/** The top-level `system` field as a canonical system message (none when absent or empty). */
export function decodeAnthropicSystem(value: unknown, path = 'system'): CanonicalMessage | undefined {
  if (value === undefined || value === null) return undefined;
  const content = decodeSystemContent(value, path);
  return content.length === 0 ? undefined : { role: 'system', content };
}
