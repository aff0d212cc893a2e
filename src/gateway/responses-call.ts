// POST /v1/responses: the OpenAI Responses API. Each attempt passes the body through to a provider
// that speaks this API, or translates it (chat-completions, Anthropic, Gemini providers and the
// simulator) through the canonical model with a codec made for this request (the response object
// repeats the request's settings and carries an id the gateway may keep).
//
// `previous_response_id` works only where data retention allows keeping answers
// (responses-store.ts): otherwise a 400 asks for the full input. With retention, the kept history
// is expanded into the input, or — to the very provider that made that answer — the id is passed on.
import { withOrgCredential } from '../admission/admission.js';
import { GatewayError, invalidRequest } from '../canonical/index.js';
import { planAttempts } from '../deployments/index.js';
import {
  clientToolNames,
  createResponsesClient,
  decodeResponsesRequest,
  responsesEcho,
  responsesId,
} from '../protocols/openai-responses/index.js';
import { countRequestTokens, countTextTokens } from '../tokenizer/index.js';
import type { CallContext } from './call-context.js';
import { bodySize, requestedMaxOutput } from './chat-call.js';
import type { GatewayServices } from './gateway-services.js';
import { requestedModels } from './requested-models.js';
import { expandHistory, inputItems, providerHolds } from './responses-history.js';
import { responsesPassthrough } from './responses-passthrough.js';
import type { StoredResponse } from './responses-store.js';
import { runAttempts } from './run-attempts.js';
import { simulatedCall } from './simulated-call.js';
import { translatedCall } from './translated-call.js';

type Json = Record<string, unknown>;

export const NO_RETENTION_MESSAGE =
  "'previous_response_id' cannot be used with this API key: this gateway keeps no conversation state " +
  'for it (data retention is off for its organization and key). Send the whole conversation in ' +
  "'input' instead: the earlier input items followed by the output items of each earlier response.";

async function previousResponse(gw: GatewayServices, ctx: CallContext, body: Json, days: number | null) {
  const id = body.previous_response_id;
  if (id === undefined || id === null) return undefined;
  if (typeof id !== 'string' || id === '')
    throw invalidRequest(
      "Invalid type for 'previous_response_id': expected a string.",
      'previous_response_id',
    );
  if (days === null || !gw.responses) throw invalidRequest(NO_RETENTION_MESSAGE, 'previous_response_id');
  const found = await gw.responses.get(ctx.principal, id);
  if (!found)
    throw new GatewayError('invalid_request', `Previous response with id '${id}' not found.`, {
      param: 'previous_response_id',
      code: 'previous_response_not_found',
    });
  return found;
}

/** the request as the router reads it; built-in tools (which it cannot weigh) left out rather than refused */
function routingView(body: Json) {
  try {
    return decodeResponsesRequest(body);
  } catch {
    const tools = Array.isArray(body.tools)
      ? body.tools.filter((t) => (t as Json)?.type === 'function')
      : undefined;
    return decodeResponsesRequest({ ...body, tools, tool_choice: undefined });
  }
}

/** a prompt count that never fails (a body with built-in tools still passes through) */
function promptCounter(body: Json) {
  return async () => {
    try {
      return await countRequestTokens(decodeResponsesRequest(body));
    } catch {
      return countTextTokens(JSON.stringify(body.input ?? '') + String(body.instructions ?? ''));
    }
  };
}

export async function responsesCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object.');
  const raw = body as Json;
  const days = gw.responses ? await gw.responses.retentionDays(ctx.principal) : null;
  const keep = days !== null && raw.store !== false;
  const previous = await previousResponse(gw, ctx, raw, days);
  const newInput = inputItems(raw.input);
  const fullInput = expandHistory(previous, newInput);

  // a routing mode (`auto`, `auto:<policy>`, a default policy) picks the models; otherwise the request names them
  const requested =
    (await gw.router?.route(ctx, raw, (b) => routingView({ ...b, input: fullInput }), bodySize(ctx))) ??
    requestedModels(ctx, raw);
  const { previous_response_id: _, ...rest } = requested.body;
  // what every attempt but a same-provider passthrough sends: the whole conversation
  const expanded: Json = previous ? { ...rest, input: fullInput } : requested.body;
  ctx.outcome.requestedModel = requested.names[0];
  const countPrompt = promptCounter(expanded);
  // bytes bound the prompt's tokens; a continued conversation's history is not in the body
  const promptBound = previous ? bodySize(ctx) + Buffer.byteLength(JSON.stringify(fullInput)) : bodySize(ctx);

  const plan = await planAttempts(gw.deployments, {
    names: requested.names,
    ownFallbacks: requested.own,
    principal: ctx.principal,
    want: 'chat',
    promptBound,
    countPrompt,
  });
  const admitted = gw.admission
    ? await gw.admission.admit(ctx, plan, {
        promptBound,
        maxOutputTokens: requestedMaxOutput(raw),
        embedding: false,
      })
    : plan;

  // the finished response object, whichever way the answering attempt went
  let finished: Json | undefined;
  const done = (response: object) => {
    finished = response as Json;
  };
  const codec = createResponsesClient({
    id: responsesId.response(),
    echo: responsesEcho(raw, { store: keep, previousResponseId: previous?.id ?? null }),
    toolNames: clientToolNames(raw),
    onComplete: done,
  });
  await runAttempts(gw, ctx, admitted, (attempt, deployment) => {
    const d = withOrgCredential(attempt, deployment);
    if (d.provider.protocol === 'simulated') return simulatedCall(gw, attempt, expanded, d, codec);
    if (d.provider.responsesApi) {
      const body = providerHolds(previous, d.provider.id) ? requested.body : expanded;
      return responsesPassthrough(gw, attempt, body, d, { countPrompt, onComplete: done });
    }
    return translatedCall(gw, attempt, expanded, d, codec);
  });

  const response = finished as Json | undefined;
  if (!response || !keep || days === null || !gw.responses) return;
  if (
    typeof response.id !== 'string' ||
    (response.status !== 'completed' && response.status !== 'incomplete')
  )
    return;
  const record: StoredResponse = {
    id: response.id,
    // the attempt that answered
    provider: ctx.outcome.provider ?? '',
    model: ctx.outcome.modelId ?? '',
    mode: ctx.outcome.mode ?? 'translated',
    input: fullInput,
    response,
    createdAt: Date.now(),
  };
  // the answer is already with the client; a failed write is logged by the store
  await gw.responses.save(ctx.principal, days, record);
}
