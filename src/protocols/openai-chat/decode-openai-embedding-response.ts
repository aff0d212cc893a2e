// An OpenAI-compatible embeddings list -> CanonicalEmbeddingResponse (vectors in input order).
import { type CanonicalEmbeddingResponse, GatewayError } from '../../canonical/index.js';
import { decodeFloat32Base64 } from './float32-base64.js';
import { isObject } from './read-openai-request-fields.js';

const invalidUpstream = (why: string) =>
  new GatewayError(
    'upstream_error',
    `The upstream provider returned an invalid embeddings response: ${why}.`,
  );

/** `model` is the upstream model id, used when the body names none. */
export function decodeOpenAIEmbeddingResponse(body: unknown, model: string): CanonicalEmbeddingResponse {
  if (!isObject(body) || !Array.isArray(body.data)) throw invalidUpstream('it has no data list');
  const items = body.data.map((d, position) => {
    if (!isObject(d)) throw invalidUpstream(`data[${position}] is not an object`);
    const index = typeof d.index === 'number' ? d.index : position;
    const e = d.embedding;
    if (typeof e === 'string') return { index, embedding: decodeFloat32Base64(e) };
    if (Array.isArray(e) && e.every((v) => typeof v === 'number')) return { index, embedding: e as number[] };
    throw invalidUpstream(`data[${position}].embedding is neither a number array nor base64`);
  });
  items.sort((a, b) => a.index - b.index);
  const usage = isObject(body.usage) ? body.usage : {};
  const tokens = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : usage.total_tokens;
  return {
    model: typeof body.model === 'string' && body.model !== '' ? body.model : model,
    embeddings: items.map((i) => i.embedding),
    usage: { inputTokens: typeof tokens === 'number' ? tokens : 0 },
  };
}
