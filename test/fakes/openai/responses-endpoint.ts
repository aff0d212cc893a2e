// POST /v1/responses of the fake OpenAI: validation, the kept responses behind
// `previous_response_id` (when `store` is not false), reasoning items for reasoning models
// (summary when asked, encrypted state with include: reasoning.encrypted_content — and only its
// own encrypted state is accepted back), JSON answers for text.format json_schema / json_object.
import { buildArgumentsFromSchema } from '../build-arguments-from-schema.js';
import { type Answer, answerText, decideAnswer, promptTokens } from '../decide-answer.js';
import { estimateTokens } from '../estimate-tokens.js';
import type { RecordedRequest, Reply } from '../fake-upstream-types.js';
import type { FakeIdMaker } from '../make-fake-id.js';
import { invalidRequest } from './openai-errors.js';
import { buildResponsesEvents, buildResponsesObject } from './responses-reply.js';
import { responsesInputItems, summarizeResponsesRequest } from './responses-summarize.js';
import { validateResponsesRequest } from './responses-validate.js';

const ENCRYPTED_PREFIX = 'gAAAAfake';
const reasoningTokensByEffort: Record<string, number> = {
  minimal: 4,
  low: 8,
  medium: 16,
  high: 32,
  xhigh: 48,
};
const isReasoningModel = (model: string) => /^(gpt-5|o\d)/.test(model);

interface Kept {
  items: unknown[];
  output: unknown[];
}

export interface FakeResponsesState {
  kept: Map<string, Kept>;
  makeId: FakeIdMaker;
  cachedTokens: number;
}

function checkEncrypted(items: any[]): Reply | undefined {
  for (const [i, item] of items.entries()) {
    if (item?.type !== 'reasoning' || item.encrypted_content === undefined) continue;
    if (typeof item.encrypted_content !== 'string' || !item.encrypted_content.startsWith(ENCRYPTED_PREFIX))
      return invalidRequest(
        `The encrypted content for item input[${i}] could not be verified.`,
        `input[${i}].encrypted_content`,
        'invalid_encrypted_content',
      );
  }
  return undefined;
}

export function answerResponses(
  request: RecordedRequest,
  state: FakeResponsesState,
  deployment?: string,
  /** a scripted answer (`reply-text` / `reply-tool-call`) instead of the decided one */
  scripted?: Answer,
): Reply {
  const invalid = validateResponsesRequest(request.body);
  if (invalid) return invalid;
  const body = request.body as Record<string, any>;
  const input = responsesInputItems(body.input);
  const badReasoning = checkEncrypted(input);
  if (badReasoning) return badReasoning;
  let items = input;
  if (typeof body.previous_response_id === 'string') {
    const previous = state.kept.get(body.previous_response_id);
    if (!previous)
      return invalidRequest(
        `Previous response with id '${body.previous_response_id}' not found.`,
        'previous_response_id',
        'previous_response_not_found',
      );
    items = [...(previous.items as any[]), ...(previous.output as any[]), ...input];
  }
  const summary = summarizeResponsesRequest(body, items);
  let answer = scripted ?? decideAnswer(summary);
  const format = body.text?.format?.type;
  if (
    scripted === undefined &&
    answer.kind === 'text' &&
    summary.lastTurn.kind === 'user' &&
    (format === 'json_schema' || format === 'json_object')
  )
    answer = {
      kind: 'text',
      text: JSON.stringify(
        format === 'json_schema'
          ? buildArgumentsFromSchema(body.text.format.schema)
          : { echo: summary.lastTurn.text },
      ),
      truncated: false,
    };
  const model: string = body.model ?? deployment;
  const effort = body.reasoning?.effort ?? (isReasoningModel(model) ? 'medium' : undefined);
  const reasoning = isReasoningModel(model) && effort !== undefined && effort !== 'none';
  const reasoningTokens = reasoning ? (reasoningTokensByEffort[effort] ?? 16) : 0;
  const prompt = promptTokens(summary);
  let chunk = 0;
  const id = state.makeId('resp_', 50);
  const ctx = {
    id,
    createdAt: Math.floor(Date.now() / 1000),
    model,
    answer,
    request: body,
    ids: {
      message: state.makeId('msg_', 50),
      reasoning: state.makeId('rs_', 50),
      functionCall: state.makeId('fc_', 50),
      call: state.makeId('call_', 24),
    },
    reasoningSummary:
      reasoning && body.reasoning?.summary
        ? `Thinking about how to answer: ${answerText(answer).slice(0, 40)}`
        : reasoning
          ? ''
          : undefined,
    encryptedReasoning:
      reasoning && (body.include ?? []).includes('reasoning.encrypted_content')
        ? `${ENCRYPTED_PREFIX}${state.makeId('', 40)}`
        : undefined,
    usage: {
      inputTokens: prompt,
      outputTokens: estimateTokens(answerText(answer)) + reasoningTokens,
      cachedTokens: Math.min(state.cachedTokens, prompt),
      reasoningTokens,
    },
    obfuscation: () => state.makeId('', 3 + (chunk++ % 9)),
  };
  const object = buildResponsesObject(ctx);
  if (body.store !== false) state.kept.set(id, { items, output: object.output as unknown[] });
  const headers = { 'x-request-id': state.makeId('req_', 32), 'openai-processing-ms': '15' };
  if (body.stream !== true) return { type: 'json', status: 200, headers, body: object };
  return {
    type: 'sse',
    status: 200,
    headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
    frames: buildResponsesEvents(ctx).map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`),
  };
}
