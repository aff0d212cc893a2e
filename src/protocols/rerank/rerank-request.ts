// A client's POST /v1/rerank body (Cohere v2 / Jina shape) checked and read:
//   { model, query, documents: string[] | {text}[], top_n?, return_documents?, max_tokens_per_doc? }
import { invalidRequest } from '../../canonical/errors.js';

export interface RerankRequest {
  model: string;
  query: string;
  documents: string[];
  topN?: number;
  returnDocuments: boolean;
  maxTokensPerDoc?: number;
}

/** the most documents one request may carry (Cohere's and Voyage's limit) */
export const MAX_RERANK_DOCUMENTS = 1000;

function documentText(d: unknown, i: number): string {
  if (typeof d === 'string') return d;
  if (d && typeof d === 'object' && typeof (d as { text?: unknown }).text === 'string')
    return (d as { text: string }).text;
  throw invalidRequest(`documents[${i}] must be a string or an object with a string \`text\``, 'documents');
}

function positiveInt(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw invalidRequest(`\`${name}\` must be a whole number of at least 1`, name);
  return v;
}

export function decodeRerankRequest(body: unknown): RerankRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') throw invalidRequest('`model` is required', 'model');
  if (typeof b.query !== 'string' || b.query.trim() === '')
    throw invalidRequest('`query` must be a non-empty string', 'query');
  if (!Array.isArray(b.documents) || b.documents.length === 0)
    throw invalidRequest('`documents` must be a non-empty array of strings or {text} objects', 'documents');
  if (b.documents.length > MAX_RERANK_DOCUMENTS)
    throw invalidRequest(`\`documents\` may hold at most ${MAX_RERANK_DOCUMENTS} documents`, 'documents');
  if (b.return_documents !== undefined && typeof b.return_documents !== 'boolean')
    throw invalidRequest('`return_documents` must be true or false', 'return_documents');
  return {
    model: b.model,
    query: b.query,
    documents: b.documents.map(documentText),
    topN: positiveInt(b.top_n, 'top_n'),
    returnDocuments: b.return_documents === true,
    maxTokensPerDoc: positiveInt(b.max_tokens_per_doc, 'max_tokens_per_doc'),
  };
}

/**
 * Cohere's search units: one query with up to 100 documents is one unit; a document longer than
 * 500 tokens (with the query) counts once per 500-token chunk. Bytes bound tokens from above,
 * so this bounds the units the provider can bill.
 */
export function searchUnitsBound(req: RerankRequest): number {
  const q = Buffer.byteLength(req.query);
  let chunks = 0;
  for (const d of req.documents) chunks += Math.max(1, Math.ceil((q + Buffer.byteLength(d)) / 500));
  return Math.max(1, Math.ceil(chunks / 100));
}

/** the units billed when the provider reports none: one per 100 documents */
export function searchUnitsOf(req: RerankRequest): number {
  return Math.max(1, Math.ceil(req.documents.length / 100));
}
