// An error body from an OpenAI-compatible provider -> message/type/code/param.
// Providers disagree on the shape; all of these occur:
//   {"error": {"message": "...", "type": "...", "param": "...", "code": "..."}}   OpenAI, most
//   {"error": "string"}                                                         vLLM (older), some proxies
//   {"message": "...", "type"?: "..."}                                          Mistral, Perplexity
//   {"detail": "..."} / {"detail": [{"msg": "...", "loc": [...]}]}              FastAPI servers
//   [{"error": {...}}]                                                          Gemini's OpenAI endpoint
//   plain text or HTML                                                          gateways, load balancers

export interface OpenAIUpstreamError {
  message: string;
  type?: string;
  code?: string;
  param?: string;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function fromDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const msgs = detail
      .map((d) => {
        const o = obj(d);
        if (!o) return str(d);
        const loc = Array.isArray(o.loc) ? o.loc.join('.') : undefined;
        const msg = str(o.msg) ?? str(o.message);
        return msg && loc ? `${loc}: ${msg}` : msg;
      })
      .filter((m): m is string => !!m);
    return msgs.length > 0 ? msgs.join('; ') : undefined;
  }
  return str(obj(detail)?.message);
}

/** The parsed error of a parsed JSON body, or undefined when it has no recognisable error. */
export function readOpenAIErrorObject(json: unknown): OpenAIUpstreamError | undefined {
  if (Array.isArray(json)) return json.length > 0 ? readOpenAIErrorObject(json[0]) : undefined;
  const root = obj(json);
  if (!root) return undefined;
  const errField = root.error;
  const e = obj(errField) ?? root;
  const message =
    (typeof errField === 'string' ? errField : undefined) ??
    str(e.message) ??
    fromDetail(e.detail) ??
    fromDetail(root.detail) ??
    str(root.message);
  if (!message) return undefined;
  const out: OpenAIUpstreamError = { message };
  const type = str(e.type) ?? str(root.type);
  const code = str(e.code) ?? str(root.code);
  const param = str(e.param);
  if (type) out.type = type;
  if (code) out.code = code;
  if (param) out.param = param;
  return out;
}

const MAX_TEXT = 500;

export function parseOpenAIUpstreamError(status: number, body: Buffer): OpenAIUpstreamError {
  const text = body.toString('utf8').trim();
  if (text !== '') {
    try {
      const parsed = readOpenAIErrorObject(JSON.parse(text));
      if (parsed) return parsed;
    } catch {
      // not JSON: fall through to the raw text
    }
    const plain = text
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (plain !== '') {
      return { message: plain.length > MAX_TEXT ? `${plain.slice(0, MAX_TEXT)}…` : plain };
    }
  }
  return { message: `The upstream provider answered with HTTP ${status} and no error message.` };
}
