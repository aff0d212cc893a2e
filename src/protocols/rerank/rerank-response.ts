// Our answer to POST /v1/rerank, one shape whatever the provider: Cohere v2's fields (id,
// results, meta.billed_units) and Jina's (model, usage), results best first, each document
// echoed as {text} when the client asked for it.
import type { RerankRequest } from './rerank-request.js';
import type { RerankAnswer } from './rerank-upstream.js';

export interface RerankBilled {
  searchUnits?: number;
  totalTokens?: number;
}

export function encodeRerankResponse(
  answer: RerankAnswer,
  req: RerankRequest,
  id: string,
  billed: RerankBilled,
): unknown {
  const ranked = [...answer.results].sort((a, b) => b.relevanceScore - a.relevanceScore);
  const top = req.topN !== undefined ? ranked.slice(0, req.topN) : ranked;
  const billedUnits: Record<string, number> = {};
  if (billed.searchUnits !== undefined) billedUnits.search_units = billed.searchUnits;
  if (billed.totalTokens !== undefined) billedUnits.total_tokens = billed.totalTokens;
  return {
    id: answer.id ?? id,
    model: req.model,
    results: top.map((r) => ({
      index: r.index,
      relevance_score: r.relevanceScore,
      ...(req.returnDocuments ? { document: { text: req.documents[r.index] } } : {}),
    })),
    meta: { billed_units: billedUnits },
    ...(billed.totalTokens !== undefined ? { usage: { total_tokens: billed.totalTokens } } : {}),
  };
}
