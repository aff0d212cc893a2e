// models/{model}:embedContent and :batchEmbedContents: deterministic vectors per text, honouring
// `outputDimensionality`.
import { fakeEmbedding } from '../fake-embedding.js';
import type { Reply } from '../fake-upstream-types.js';
import { googleError } from './gemini-errors.js';

export function answerGeminiEmbedContent(model: string, body: unknown): Reply {
  const request = asRecord(body);
  const values = embed(model, request, 'EmbedContentRequest');
  if (typeof values === 'string') return googleError(400, values);
  return { type: 'json', status: 200, body: { embedding: { values } } };
}

export function answerGeminiBatchEmbedContents(model: string, body: unknown): Reply {
  const requests = asRecord(body).requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    return googleError(400, '* BatchEmbedContentsRequest.requests: requests is not specified\n');
  }
  const embeddings: { values: number[] }[] = [];
  for (const request of requests) {
    const values = embed(model, asRecord(request), 'BatchEmbedContentsRequest.requests[]');
    if (typeof values === 'string') return googleError(400, values);
    embeddings.push({ values });
  }
  return { type: 'json', status: 200, body: { embeddings } };
}

/** The vector, or the INVALID_ARGUMENT message when the request has no text. */
function embed(model: string, request: Record<string, any>, where: string): number[] | string {
  const parts = request.content?.parts;
  const text = Array.isArray(parts) ? parts.map((part: any) => part?.text ?? '').join(' ') : '';
  if (text === '') return `* ${where}.content: content is not specified\n`;
  const fullDimensions = model.startsWith('gemini-embedding') ? 3072 : 768;
  const requested = request.outputDimensionality ?? request.output_dimensionality;
  return fakeEmbedding(text, fullDimensions, typeof requested === 'number' ? requested : fullDimensions);
}

function asRecord(value: unknown): Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, any>)
    : {};
}
