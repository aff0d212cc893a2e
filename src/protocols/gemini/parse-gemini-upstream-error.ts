/** What an upstream error body says, for the gateway's error. */
export interface GeminiUpstreamError {
  message: string;
  /** Google's status string, e.g. `INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED` */
  type?: string;
}

const MAX_TEXT = 500;

/**
 * Reads Google's error body `{"error": {"code", "message", "status"}}`, also as the one-element
 * array some endpoints send (`[{"error": …}]`). A body that is not that shape gives its text
 * (cut to 500 characters), or the HTTP status when it is empty.
 */
export function parseGeminiUpstreamError(status: number, body: Buffer): GeminiUpstreamError {
  const text = body.toString('utf8').trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  const error = first && typeof first === 'object' ? (first as { error?: unknown }).error : undefined;
  if (error && typeof error === 'object') {
    const { message, status: type } = error as { message?: unknown; status?: unknown };
    const out: GeminiUpstreamError = {
      message: typeof message === 'string' && message ? message : `Gemini returned HTTP ${status}`,
    };
    if (typeof type === 'string' && type) out.type = type;
    return out;
  }
  if (typeof error === 'string' && error) return { message: error };
  if (text === '') return { message: `Gemini returned HTTP ${status} with an empty body` };
  return { message: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text };
}
