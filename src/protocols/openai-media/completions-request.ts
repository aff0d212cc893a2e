// Legacy POST /v1/completions (OpenAI): the prompt, checked. A model of the `completion` kind
// on an OpenAI-compatible provider gets the body as sent; any other (chat) model gets it as a
// chat request with the prompt as its one user turn — only where that is faithful: one string
// prompt, one choice, no echo, no suffix, no logprobs, no best_of.
import { invalidRequest } from '../../canonical/errors.js';

type Json = Record<string, unknown>;

/** the legacy endpoint's own default answer length */
export const COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

export function checkCompletionsRequest(body: unknown): Json {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const b = body as Json;
  if (typeof b.model !== 'string' || b.model === '') throw invalidRequest('`model` is required', 'model');
  const p = b.prompt;
  const ok =
    typeof p === 'string' ||
    (Array.isArray(p) &&
      p.length > 0 &&
      (p.every((x) => typeof x === 'string') ||
        p.every((x) => typeof x === 'number') ||
        p.every((x) => Array.isArray(x) && x.every((t) => typeof t === 'number'))));
  if (!ok) throw invalidRequest('`prompt` must be a string, an array of strings, or token arrays', 'prompt');
  if (b.stream !== undefined && typeof b.stream !== 'boolean')
    throw invalidRequest('`stream` must be a boolean', 'stream');
  const max = b.max_tokens;
  if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isInteger(max) || max < 0))
    throw invalidRequest('`max_tokens` must be a whole number', 'max_tokens');
  return b;
}

/** the one prompt a chat model can answer faithfully, or a 400 naming what cannot be translated */
export function chatPromptOf(b: Json): string {
  const refuse = (what: string, param: string) =>
    invalidRequest(
      `${what} cannot be served by a chat model; use a model of the completion kind (for example gpt-3.5-turbo-instruct)`,
      param,
    );
  let prompt = b.prompt;
  if (Array.isArray(prompt)) {
    if (prompt.length !== 1 || typeof prompt[0] !== 'string')
      throw refuse('More than one prompt, or a prompt of token ids,', 'prompt');
    prompt = prompt[0];
  }
  if (typeof prompt !== 'string') throw refuse('A prompt of token ids', 'prompt');
  if (b.echo === true) throw refuse('`echo`', 'echo');
  if (typeof b.suffix === 'string' && b.suffix !== '') throw refuse('`suffix`', 'suffix');
  if (b.logprobs !== undefined && b.logprobs !== null) throw refuse('`logprobs`', 'logprobs');
  if (typeof b.n === 'number' && b.n > 1) throw refuse('`n` above 1', 'n');
  if (typeof b.best_of === 'number' && b.best_of > 1) throw refuse('`best_of` above 1', 'best_of');
  if (b.logit_bias !== undefined && b.logit_bias !== null) throw refuse('`logit_bias`', 'logit_bias');
  return prompt;
}

/** the equivalent Chat Completions body (decoded by the OpenAI chat codec from there) */
export function completionsToChatBody(b: Json): Json {
  const out: Json = {
    model: b.model,
    messages: [{ role: 'user', content: chatPromptOf(b) }],
    max_tokens: b.max_tokens ?? COMPLETIONS_DEFAULT_MAX_TOKENS,
  };
  for (const k of ['temperature', 'top_p', 'stop', 'seed', 'user', 'presence_penalty', 'frequency_penalty'])
    if (b[k] !== undefined && b[k] !== null) out[k] = b[k];
  if (b.stream === true) {
    out.stream = true;
    if (b.stream_options !== undefined) out.stream_options = b.stream_options;
  }
  return out;
}
