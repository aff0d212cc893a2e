// A Gemini client's `contents` (and `systemInstruction`) as canonical messages.
import {
  type AssistantPart,
  type CanonicalMessage,
  invalidRequest,
  newId,
  type TextPart,
  type UserPart,
} from '../../canonical/index.js';
import { isRecord, requireArray, requireRecord } from '../anthropic/read-request-fields.js';
import { convertGeminiPartsToCanonical } from './convert-gemini-parts-to-canonical.js';
import { decodeGeminiFunctionResponse, functionResponseId } from './decode-gemini-function-response.js';
import { decodeGeminiClientSignature } from './decode-gemini-signature.js';
import { decodeGeminiMediaPart, decodeGeminiText, unsupportedPart } from './decode-gemini-user-part.js';
import type { GeminiPart } from './gemini-types.js';

const ROLES = new Set(['user', 'model', 'function']);

/** the function calls of the last model turn not answered yet, in order */
type Pending = Array<{ id: string; name: string }>;

function partsOf(content: Record<string, unknown>, path: string): Record<string, unknown>[] {
  return requireArray(content.parts, `${path}.parts`).map((p, i) => requireRecord(p, `${path}.parts[${i}]`));
}

/**
 * A model turn: text, thought summaries and function calls, with every thoughtSignature (see
 * convertGeminiPartsToCanonical for where each lands), another provider's wrapped signature
 * given back its origin.
 */
function decodeModelTurn(parts: Record<string, unknown>[], path: string): AssistantPart[] {
  parts.forEach((part, j) => {
    const pp = `${path}.parts[${j}]`;
    if (part.text !== undefined) decodeGeminiText(part, pp);
    else if (part.functionCall !== undefined) {
      const fc = requireRecord(part.functionCall, `${pp}.functionCall`);
      if (typeof fc.name !== 'string' || fc.name === '')
        throw invalidRequest(`${pp}.functionCall.name: field required`, `${pp}.functionCall.name`);
      if (fc.args !== undefined && fc.args !== null) requireRecord(fc.args, `${pp}.functionCall.args`);
    } else if (part.inlineData !== undefined || part.fileData !== undefined) {
      throw invalidRequest(`${pp}: media in a model turn can only be sent to a Gemini model`, pp);
    } else if (part.thoughtSignature === undefined) unsupportedPart(part, pp);
  });
  const out: AssistantPart[] = [];
  for (const p of convertGeminiPartsToCanonical(parts as GeminiPart[])) {
    if (p.type === 'reasoning' && p.signature) {
      const { value, origin } = decodeGeminiClientSignature(p.signature, `${path}.parts`);
      p.signature = value;
      p.signatureOrigin = origin;
    }
    // a streamed thought comes back as several parts, the signature on the last: one block again
    const prev = out[out.length - 1];
    if (p.type === 'reasoning' && prev?.type === 'reasoning' && !prev.signature) {
      p.text = prev.text + p.text;
      out.pop();
    }
    out.push(p);
  }
  return out;
}

function decodeUserTurn(parts: Record<string, unknown>[], path: string, pending: Pending): UserPart[] {
  return parts.map((part, j): UserPart => {
    const pp = `${path}.parts[${j}]`;
    if (part.text !== undefined) return { type: 'text', text: decodeGeminiText(part, pp) };
    if (part.functionResponse !== undefined) {
      const fr = part.functionResponse;
      const id = functionResponseId(fr);
      const name = isRecord(fr) ? fr.name : undefined;
      // Gemini pairs a response with its call by id when both have one, else by name, in order
      let k = id ? pending.findIndex((c) => c.id === id) : -1;
      if (k < 0) k = pending.findIndex((c) => c.name === name);
      const callId = k >= 0 ? pending.splice(k, 1)[0]!.id : (id ?? newId.toolCall());
      return decodeGeminiFunctionResponse(fr, `${pp}.functionResponse`, callId);
    }
    if (part.functionCall !== undefined)
      throw invalidRequest(
        `${pp}.functionCall: only a model turn can hold a function call`,
        `${pp}.functionCall`,
      );
    return decodeGeminiMediaPart(part, pp) ?? unsupportedPart(part, pp);
  });
}

/** `systemInstruction`: a Content whose text parts are the system prompt */
export function decodeGeminiSystemInstruction(value: unknown): CanonicalMessage | undefined {
  if (value === undefined || value === null) return undefined;
  const path = 'systemInstruction';
  const content: TextPart[] = partsOf(requireRecord(value, path), path).map((part, j) => {
    const pp = `${path}.parts[${j}]`;
    if (part.text === undefined)
      throw invalidRequest(`${pp}: a system instruction holds text parts only`, pp);
    return { type: 'text', text: decodeGeminiText(part, pp) };
  });
  return content.length > 0 ? { role: 'system', content } : undefined;
}

/**
 * `contents` as canonical messages: `model` turns → assistant, `user` (and the legacy
 * `function`) turns → user, function responses staying as tool_result parts in them, each paired
 * with the call it answers (id, else name) so other protocols can link them.
 */
export function decodeGeminiContents(value: unknown): CanonicalMessage[] {
  const list = requireArray(value, 'contents');
  if (list.length === 0) throw invalidRequest('contents: at least one Content is required', 'contents');
  let pending: Pending = [];
  return list.map((item, i): CanonicalMessage => {
    const path = `contents[${i}]`;
    const content = requireRecord(item, path);
    const role = content.role === undefined || content.role === null ? 'user' : content.role;
    if (typeof role !== 'string' || !ROLES.has(role))
      throw invalidRequest(
        `${path}.role: expected 'user' or 'model', got ${JSON.stringify(role)}`,
        `${path}.role`,
      );
    const parts = partsOf(content, path);
    if (role === 'model') {
      const out = decodeModelTurn(parts, path);
      pending = out.flatMap((p) => (p.type === 'tool_call' ? [{ id: p.id, name: p.name }] : []));
      return { role: 'assistant', content: out };
    }
    return { role: 'user', content: decodeUserTurn(parts, path, pending) };
  });
}
