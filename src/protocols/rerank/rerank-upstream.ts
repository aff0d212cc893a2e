// The rerank request as each provider family takes it, and its answer read back:
//   cohere  POST {base}/rerank on api.cohere.com/v2: documents as strings, top_n, no
//           return_documents; answers {id, results, meta.billed_units.search_units}
//   voyage  POST {base}/rerank: top_k, return_documents, truncation; answers
//           {object:'list', data:[{index, relevance_score, document?}], usage.total_tokens}
//   jina    POST {base}/rerank (Jina, and OpenAI-compatible hosts that serve rerank models):
//           top_n, return_documents; answers {results, usage.total_tokens}
import type { RerankRequest } from './rerank-request.js';

export type RerankFlavour = 'cohere' | 'voyage' | 'jina';

export interface RerankResult {
  index: number;
  relevanceScore: number;
}

export interface RerankAnswer {
  id?: string;
  results: RerankResult[];
  /** Cohere's billed search units, when reported */
  searchUnits?: number;
  /** tokens the provider billed, when reported */
  totalTokens?: number;
}

export function encodeRerankRequest(flavour: RerankFlavour, req: RerankRequest, model: string): unknown {
  const common = { model, query: req.query, documents: req.documents };
  switch (flavour) {
    case 'cohere':
      return {
        ...common,
        ...(req.topN !== undefined ? { top_n: req.topN } : {}),
        ...(req.maxTokensPerDoc !== undefined ? { max_tokens_per_doc: req.maxTokensPerDoc } : {}),
      };
    case 'voyage':
      return { ...common, ...(req.topN !== undefined ? { top_k: req.topN } : {}), return_documents: false };
    case 'jina':
      return { ...common, ...(req.topN !== undefined ? { top_n: req.topN } : {}), return_documents: false };
  }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** throws when the body has no results list of {index, relevance_score} within the documents */
export function decodeRerankResponse(flavour: RerankFlavour, body: unknown, documents: number): RerankAnswer {
  const b = (body ?? {}) as Record<string, any>;
  const list = flavour === 'voyage' ? b.data : b.results;
  if (!Array.isArray(list)) throw new Error(`no ${flavour === 'voyage' ? 'data' : 'results'} list`);
  const results = list.map((r: any, i: number): RerankResult => {
    const index = r?.index;
    const score = num(r?.relevance_score);
    if (!Number.isInteger(index) || index < 0 || index >= documents || score === undefined)
      throw new Error(`result ${i} has no valid index and relevance_score`);
    return { index, relevanceScore: score };
  });
  const billed = b.meta?.billed_units ?? {};
  const answer: RerankAnswer = { results };
  if (typeof b.id === 'string') answer.id = b.id;
  const units = num(billed.search_units);
  if (units !== undefined) answer.searchUnits = units;
  const tokens = num(b.usage?.total_tokens) ?? num(billed.total_tokens) ?? num(b.meta?.tokens?.input_tokens);
  if (tokens !== undefined) answer.totalTokens = tokens;
  return answer;
}
