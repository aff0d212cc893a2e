// The conversation behind `previous_response_id`: a kept answer's input items and output items,
// followed by the new input, as one full input list (what a provider without that answer needs).
import { invalidRequest } from '../canonical/index.js';
import type { StoredResponse } from './responses-store.js';

type Json = Record<string, unknown>;

/** the request's `input` as a list of items (a string is one user message) */
export function inputItems(input: unknown): unknown[] {
  if (typeof input === 'string')
    return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
  if (Array.isArray(input)) return input;
  if (input === undefined || input === null) return [];
  throw invalidRequest("Invalid type for 'input': expected a string or an array of input items.", 'input');
}

/** the full input: the earlier turns (kept input + output), then this request's input */
export function expandHistory(previous: StoredResponse | undefined, input: unknown[]): unknown[] {
  if (!previous) return input;
  const output = Array.isArray(previous.response.output) ? (previous.response.output as Json[]) : [];
  return [...previous.input, ...output, ...input];
}

/**
 * May the request go to the provider with its `previous_response_id` as it is? Only to the provider
 * that made that answer, which passed it through unchanged and was allowed to keep it.
 */
export function providerHolds(previous: StoredResponse | undefined, providerId: string): boolean {
  return (
    previous !== undefined &&
    previous.mode === 'passthrough' &&
    previous.provider === providerId &&
    previous.response.store !== false
  );
}
