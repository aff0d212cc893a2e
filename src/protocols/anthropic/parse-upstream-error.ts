// Reads an Anthropic upstream's error response body. Anthropic answers with
// `{type: 'error', error: {type, message}}`; proxies and load balancers in front of it may
// answer with HTML or plain text, so anything else becomes the message as is.
import { isRecord } from './read-request-fields.js';

const MAX_MESSAGE = 500;

export function parseAnthropicUpstreamError(
  status: number,
  body: Buffer,
): { message: string; type?: string } {
  const text = body.toString('utf8').trim();
  try {
    const json: unknown = JSON.parse(text);
    if (isRecord(json)) {
      const error = json.error;
      if (isRecord(error) && typeof error.message === 'string') {
        return typeof error.type === 'string'
          ? { message: error.message, type: error.type }
          : { message: error.message };
      }
      // `{"error": "..."}` and `{"message": "..."}` from gateways in between
      if (typeof error === 'string') return { message: error };
      if (typeof json.message === 'string') return { message: json.message };
    }
  } catch {
    // not JSON
  }
  if (!text) return { message: `Anthropic upstream returned HTTP ${status} with an empty body` };
  const oneLine = text.replace(/\s+/g, ' ');
  return {
    message: oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE)}…` : oneLine,
  };
}
