// Canonical tool-call arguments are JSON text; Anthropic's tool_use `input` is an object.
import { isRecord } from './read-request-fields.js';

/**
 * The arguments as an object. Empty, invalid or non-object JSON (a model that produced
 * broken arguments) becomes `{}`, so one bad call does not fail the whole response.
 */
export function parseToolArguments(args: string): Record<string, unknown> {
  if (args.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(args);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
