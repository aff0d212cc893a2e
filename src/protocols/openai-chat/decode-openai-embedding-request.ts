// A client's /v1/embeddings body -> CanonicalEmbeddingRequest (+ the encoding it wants back).
import { type CanonicalEmbeddingRequest, invalidRequest } from '../../canonical/index.js';
import {
  invalidType,
  isObject,
  missingParam,
  optionalEnum,
  optionalNumber,
  optionalString,
  requiredString,
} from './read-openai-request-fields.js';

export type OpenAIEmbeddingEncoding = 'float' | 'base64';

export type OpenAIEmbeddingRequest = CanonicalEmbeddingRequest & { encodingFormat: OpenAIEmbeddingEncoding };

function readInput(input: unknown): string[] {
  if (input === undefined || input === null) throw missingParam('input');
  if (typeof input === 'string') {
    if (input === '') throw invalidRequest("Invalid 'input': the input text is empty.", 'input');
    return [input];
  }
  if (!Array.isArray(input)) throw invalidType('input', 'a string or an array of strings', input);
  if (input.length === 0) {
    throw invalidRequest(
      "Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'input',
    );
  }
  return input.map((s, i) => {
    if (typeof s === 'number' || Array.isArray(s)) {
      throw invalidRequest(
        "Token-array inputs are not supported: token ids only mean something to OpenAI's own tokenizer. " +
          'Send the input as text.',
        'input',
      );
    }
    if (typeof s !== 'string') throw invalidType(`input[${i}]`, 'a string', s);
    if (s === '') throw invalidRequest(`Invalid 'input[${i}]': the input text is empty.`, `input[${i}]`);
    return s;
  });
}

export function decodeOpenAIEmbeddingRequest(body: unknown): OpenAIEmbeddingRequest {
  if (!isObject(body)) throw invalidRequest('The request body must be a JSON object.');
  const model = requiredString(body, 'model', 'model');
  if (model.trim() === '') throw invalidRequest("Invalid 'model': the model name is empty.", 'model');
  const req: OpenAIEmbeddingRequest = {
    model,
    input: readInput(body.input),
    encodingFormat:
      optionalEnum(body, 'encoding_format', 'encoding_format', ['float', 'base64'] as const) ?? 'float',
  };
  const dimensions = optionalNumber(body, 'dimensions', 'dimensions', { integer: true, min: 1 });
  if (dimensions !== undefined) req.dimensions = dimensions;
  const user = optionalString(body, 'user', 'user');
  if (user !== undefined) req.user = user;
  return req;
}
