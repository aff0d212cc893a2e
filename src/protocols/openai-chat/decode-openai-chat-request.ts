// A client's /v1/chat/completions body -> CanonicalRequest, validated field by field.
//
// Parameters the canonical model has no place for are dropped when they only tune sampling
// or billing (frequency/presence penalties, logit_bias, service_tier, store, prompt cache
// keys, prediction). Parameters whose *result* cannot be produced by another protocol
// (n > 1, logprobs, audio output) are rejected with a 400 naming the parameter, so the
// client never gets an answer that silently lacks what it asked for.
import { type CanonicalRequest, invalidRequest, type ReasoningEffort } from '../../canonical/index.js';
import { convertOpenAIMessages } from './convert-openai-messages.js';
import { convertOpenAIResponseFormat } from './convert-openai-response-format.js';
import { convertOpenAITools } from './convert-openai-tools.js';
import {
  invalidType,
  isObject,
  type JsonObject,
  missingParam,
  optionalArray,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredString,
} from './read-openai-request-fields.js';

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;

function readMessages(body: JsonObject): unknown[] {
  const messages = optionalArray(body, 'messages', 'messages');
  if (!messages) throw missingParam('messages');
  if (messages.length === 0) {
    throw invalidRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
    );
  }
  return messages;
}

function readStop(body: JsonObject): string[] | undefined {
  const stop = body.stop;
  if (stop === undefined || stop === null) return undefined;
  if (typeof stop === 'string') return [stop];
  if (!Array.isArray(stop)) throw invalidType('stop', 'a string or an array of strings', stop);
  stop.forEach((s, i) => {
    if (typeof s !== 'string') throw invalidType(`stop[${i}]`, 'a string', s);
  });
  return stop.length > 0 ? (stop as string[]) : undefined;
}

function readMetadata(body: JsonObject): Record<string, string> | undefined {
  const md = optionalObject(body, 'metadata', 'metadata');
  if (!md) return undefined;
  for (const [k, v] of Object.entries(md)) {
    if (typeof v !== 'string') throw invalidType(`metadata.${k}`, 'a string', v);
  }
  return md as Record<string, string>;
}

/** Rejects parameters whose result another protocol cannot produce. */
function rejectUntranslatable(body: JsonObject): void {
  const n = optionalNumber(body, 'n', 'n', { integer: true, min: 1 });
  if (n !== undefined && n > 1) {
    throw invalidRequest(
      "'n' greater than 1 is only supported when the model speaks the OpenAI protocol; " +
        'this model is served through another protocol, which returns a single choice.',
      'n',
    );
  }
  if (optionalBoolean(body, 'logprobs', 'logprobs') === true) {
    throw invalidRequest(
      "'logprobs' is only supported when the model speaks the OpenAI protocol; " +
        'this model is served through another protocol, which reports no token log probabilities.',
      'logprobs',
    );
  }
  const modalities = optionalArray(body, 'modalities', 'modalities');
  if (modalities?.includes('audio') || (body.audio !== undefined && body.audio !== null)) {
    throw invalidRequest(
      'Audio output is only supported when the model speaks the OpenAI protocol; ' +
        'this model is served through another protocol, which returns text only.',
      modalities?.includes('audio') ? 'modalities' : 'audio',
    );
  }
}

export function decodeOpenAIChatRequest(body: unknown): CanonicalRequest {
  if (!isObject(body)) throw invalidRequest('The request body must be a JSON object.');
  const model = requiredString(body, 'model', 'model');
  if (model.trim() === '') throw invalidRequest("Invalid 'model': the model name is empty.", 'model');
  const messages = convertOpenAIMessages(readMessages(body));
  rejectUntranslatable(body);

  const req: CanonicalRequest = {
    model,
    messages,
    stream: optionalBoolean(body, 'stream', 'stream') ?? false,
  };
  const set = <K extends keyof CanonicalRequest>(key: K, value: CanonicalRequest[K] | undefined) => {
    if (value !== undefined) req[key] = value;
  };

  const { tools, toolChoice } = convertOpenAITools(body);
  set('tools', tools);
  set('toolChoice', toolChoice);
  set('parallelToolCalls', optionalBoolean(body, 'parallel_tool_calls', 'parallel_tool_calls'));
  set(
    'maxTokens',
    optionalNumber(body, 'max_completion_tokens', 'max_completion_tokens', { integer: true, min: 1 }) ??
      optionalNumber(body, 'max_tokens', 'max_tokens', { integer: true, min: 1 }),
  );
  set('temperature', optionalNumber(body, 'temperature', 'temperature', { min: 0, max: 2 }));
  set('topP', optionalNumber(body, 'top_p', 'top_p', { min: 0, max: 1 }));
  set('stop', readStop(body));
  set('seed', optionalNumber(body, 'seed', 'seed', { integer: true }));
  set(
    'user',
    optionalString(body, 'user', 'user') ?? optionalString(body, 'safety_identifier', 'safety_identifier'),
  );
  set('metadata', readMetadata(body));
  set('responseFormat', convertOpenAIResponseFormat(body));

  const effort = optionalEnum(body, 'reasoning_effort', 'reasoning_effort', EFFORTS);
  if (effort !== undefined) {
    // OpenAI's 'max' is above 'xhigh'; the canonical scale stops at 'xhigh'
    const canonical: ReasoningEffort = effort === 'max' ? 'xhigh' : effort;
    req.reasoning = { enabled: canonical !== 'none', effort: canonical };
  }

  if (req.stream) {
    const options = optionalObject(body, 'stream_options', 'stream_options');
    const includeUsage = options && optionalBoolean(options, 'include_usage', 'stream_options.include_usage');
    req.streamUsage = includeUsage === true;
  }
  return req;
}
