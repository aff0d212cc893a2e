// A client's POST /v1/responses body -> CanonicalRequest, validated field by field.
//
// Fields that only tune OpenAI's own service (service_tier, truncation, prompt_cache_key,
// store, include, safety settings) have no canonical place and are dropped; `previous_response_id`
// is resolved before this (gateway/responses-call.ts). Fields whose result another protocol
// cannot produce (background mode, conversations, prompt templates, log probabilities) get a
// 400 naming them.
import {
  type CanonicalRequest,
  invalidRequest,
  type ReasoningEffort,
  type ResponseFormat,
} from '../../canonical/index.js';
import {
  invalidType,
  invalidValue,
  isObject,
  type JsonObject,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredString,
} from '../openai-chat/read-openai-request-fields.js';
import { decodeResponsesInput } from './decode-responses-input.js';
import { decodeResponsesTools } from './decode-responses-tools.js';

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

function readFormat(body: JsonObject): ResponseFormat | undefined {
  const text = optionalObject(body, 'text', 'text');
  const format = text && optionalObject(text, 'format', 'text.format');
  if (!format) return undefined;
  const type = requiredString(format, 'type', 'text.format.type');
  if (type === 'text' || type === 'json_object') return { type };
  if (type !== 'json_schema')
    throw invalidValue('text.format.type', type, ['text', 'json_schema', 'json_object']);
  const rf: ResponseFormat = {
    type: 'json_schema',
    name: requiredString(format, 'name', 'text.format.name'),
    schema: optionalObject(format, 'schema', 'text.format.schema') ?? {},
  };
  const strict = optionalBoolean(format, 'strict', 'text.format.strict');
  if (strict !== undefined) rf.strict = strict;
  const description = optionalString(format, 'description', 'text.format.description');
  if (description !== undefined) rf.description = description;
  return rf;
}

function readMetadata(body: JsonObject): Record<string, string> | undefined {
  const md = optionalObject(body, 'metadata', 'metadata');
  if (!md) return undefined;
  for (const [k, v] of Object.entries(md))
    if (typeof v !== 'string') throw invalidType(`metadata.${k}`, 'a string', v);
  return Object.keys(md).length > 0 ? (md as Record<string, string>) : undefined;
}

function rejectUntranslatable(body: JsonObject): void {
  const reject = (param: string, what: string) => {
    throw invalidRequest(
      `'${param}' (${what}) is only supported when the model speaks the OpenAI Responses API; ` +
        'this model is served through another protocol.',
      param,
    );
  };
  if (optionalBoolean(body, 'background', 'background') === true) reject('background', 'background mode');
  if (body.conversation !== undefined && body.conversation !== null)
    reject('conversation', 'conversations kept by OpenAI');
  if (body.prompt !== undefined && body.prompt !== null) reject('prompt', 'prompt templates kept by OpenAI');
  const top = optionalNumber(body, 'top_logprobs', 'top_logprobs', { integer: true, min: 0 });
  if (top !== undefined && top > 0) reject('top_logprobs', 'token log probabilities');
}

export function decodeResponsesRequest(body: unknown): CanonicalRequest {
  if (!isObject(body)) throw invalidRequest('The request body must be a JSON object.');
  const model = requiredString(body, 'model', 'model');
  if (model.trim() === '') throw invalidRequest("Invalid 'model': the model name is empty.", 'model');
  rejectUntranslatable(body);
  const req: CanonicalRequest = {
    model,
    messages: decodeResponsesInput(body),
    stream: optionalBoolean(body, 'stream', 'stream') ?? false,
    // the usage always comes in response.completed
    streamUsage: true,
  };
  const set = <K extends keyof CanonicalRequest>(key: K, value: CanonicalRequest[K] | undefined) => {
    if (value !== undefined) req[key] = value;
  };
  const { tools, toolChoice, droppedTools } = decodeResponsesTools(body);
  set('tools', tools);
  set('toolChoice', toolChoice);
  set('droppedTools', droppedTools);
  set('parallelToolCalls', optionalBoolean(body, 'parallel_tool_calls', 'parallel_tool_calls'));
  set('maxTokens', optionalNumber(body, 'max_output_tokens', 'max_output_tokens', { integer: true, min: 1 }));
  set('temperature', optionalNumber(body, 'temperature', 'temperature', { min: 0, max: 2 }));
  set('topP', optionalNumber(body, 'top_p', 'top_p', { min: 0, max: 1 }));
  set(
    'user',
    optionalString(body, 'user', 'user') ?? optionalString(body, 'safety_identifier', 'safety_identifier'),
  );
  set('metadata', readMetadata(body));
  set('responseFormat', readFormat(body));
  const reasoning = optionalObject(body, 'reasoning', 'reasoning');
  const effort: ReasoningEffort | undefined =
    reasoning && optionalEnum(reasoning, 'effort', 'reasoning.effort', EFFORTS);
  if (reasoning)
    optionalEnum(reasoning, 'summary', 'reasoning.summary', ['auto', 'concise', 'detailed'] as const);
  if (effort !== undefined) req.reasoning = { enabled: effort !== 'none', effort };
  return req;
}
