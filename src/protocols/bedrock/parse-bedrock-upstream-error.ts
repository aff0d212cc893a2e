// Bedrock's error bodies: `{"message": "..."}` (the error's type travels in the
// x-amzn-errortype header; some services also put `__type` in the body).
export interface BedrockUpstreamError {
  message: string;
  type?: string;
}

const MAX_TEXT = 500;

export function parseBedrockUpstreamError(status: number, body: Buffer): BedrockUpstreamError {
  const text = body.toString('utf8').trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (parsed && typeof parsed === 'object') {
    const o = parsed as { message?: unknown; Message?: unknown; __type?: unknown };
    const message =
      typeof o.message === 'string' ? o.message : typeof o.Message === 'string' ? o.Message : '';
    if (message) {
      const out: BedrockUpstreamError = { message };
      if (typeof o.__type === 'string' && o.__type)
        out.type = o.__type.replace(/^.*#/, '').replace(/:.*$/, '');
      return out;
    }
  }
  if (text === '') return { message: `Amazon Bedrock returned HTTP ${status} with an empty body` };
  return { message: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text };
}
