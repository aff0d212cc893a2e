// POST /v1/embeddings: deterministic vectors per input, `dimensions` honoured (not on ada-002, as upstream),
// `encoding_format: "base64"` answered with little-endian float32 bytes in base64 like api.openai.com.
import { estimateTokens } from '../estimate-tokens.js';
import { encodeFloat32Base64, fakeEmbedding } from '../fake-embedding.js';
import type { Reply } from '../fake-upstream-types.js';
import { invalidRequest } from './openai-errors.js';

export function answerOpenAIEmbeddings(body: unknown, fallbackModel?: string): Reply {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return invalidRequest('We could not parse the JSON body of your request.');
  }
  const request = body as Record<string, any>;
  const model: unknown = request.model ?? fallbackModel;
  if (typeof model !== 'string' || model === '') return invalidRequest('you must provide a model parameter');
  if (request.input === undefined) {
    return invalidRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  }
  const inputs = readInputs(request.input);
  if (!inputs) {
    return invalidRequest(
      "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
    );
  }
  if (request.dimensions !== undefined && model === 'text-embedding-ada-002') {
    return invalidRequest('This model does not support specifying dimensions.');
  }
  const fullDimensions = model.includes('3-large') ? 3072 : 1536;
  const dimensions = typeof request.dimensions === 'number' ? request.dimensions : fullDimensions;
  const base64 = request.encoding_format === 'base64';
  const data = inputs.map((input, index) => {
    const vector = fakeEmbedding(input.key, fullDimensions, dimensions);
    return { object: 'embedding', index, embedding: base64 ? encodeFloat32Base64(vector) : vector };
  });
  const promptTokens = inputs.reduce((sum, input) => sum + input.tokens, 0);
  return {
    type: 'json',
    status: 200,
    body: { object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } },
  };
}

/** Inputs as hash keys with their token counts; undefined when the input is empty or of the wrong type. */
function readInputs(input: unknown): { key: string; tokens: number }[] | undefined {
  const items: unknown[] =
    Array.isArray(input) && !input.every((x) => typeof x === 'number') ? input : [input];
  if (items.length === 0) return undefined;
  const inputs: { key: string; tokens: number }[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item !== '') inputs.push({ key: item, tokens: estimateTokens(item) });
    else if (Array.isArray(item) && item.length > 0 && item.every((x) => typeof x === 'number')) {
      inputs.push({ key: JSON.stringify(item), tokens: item.length });
    } else return undefined;
  }
  return inputs;
}
