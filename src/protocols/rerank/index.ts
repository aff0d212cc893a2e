// POST /v1/rerank: the client's shape, each provider family's request and answer, our answer.
export {
  decodeRerankRequest,
  MAX_RERANK_DOCUMENTS,
  type RerankRequest,
  searchUnitsBound,
  searchUnitsOf,
} from './rerank-request.js';
export { encodeRerankResponse, type RerankBilled } from './rerank-response.js';
export {
  decodeRerankResponse,
  encodeRerankRequest,
  type RerankAnswer,
  type RerankFlavour,
  type RerankResult,
} from './rerank-upstream.js';
