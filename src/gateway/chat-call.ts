// One chat call of any client protocol (Chat Completions, Responses, Anthropic Messages, Gemini
// generateContent): the router's choice for a routing mode, else the models the request names;
// plan the deployments to try (each model's deployments, its fallbacks), admit, then for each
// attempt pass through, translate, or simulate, depending on what that deployment speaks.
import { withOrgCredential } from '../admission/admission.js';
import { invalidRequest } from '../canonical/index.js';
import { asksLongContext, planAttempts } from '../deployments/index.js';
import { countRequestTokens } from '../tokenizer/index.js';
import type { CallContext } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';
import { passthroughCall } from './passthrough-call.js';
import { clientCodecs, sameProtocol } from './protocol-registry.js';
import { requestedModels } from './requested-models.js';
import { runAttempts } from './run-attempts.js';
import { simulatedCall } from './simulated-call.js';
import { translatedCall } from './translated-call.js';

/** bytes of the request body: an upper bound of its prompt tokens that costs nothing */
export function bodySize(ctx: CallContext): number {
  const n = Number(ctx.headers['content-length']);
  return Number.isFinite(n) && n > 0 ? n : Number.POSITIVE_INFINITY;
}

/** the output limit the request itself sets (any client protocol's field), if any */
export function requestedMaxOutput(body: Record<string, unknown>): number | undefined {
  const gemini = body.generationConfig as { maxOutputTokens?: unknown } | undefined;
  const v =
    body.max_tokens ?? body.max_completion_tokens ?? body.max_output_tokens ?? gemini?.maxOutputTokens;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.ceil(v) : undefined;
}

export async function chatCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const raw = body as Record<string, unknown>;
  // a routing mode (`auto`, `auto:<policy>`, a default policy) picks the models; otherwise the request names them
  const requested =
    (await gw.router?.route(ctx, raw, (b) => clientCodecs[ctx.client].decodeRequest(b), bodySize(ctx))) ??
    requestedModels(ctx, raw);
  const clean = requested.body;
  ctx.outcome.requestedModel = requested.names[0];
  const plan = await planAttempts(gw.deployments, {
    names: requested.names,
    ownFallbacks: requested.own,
    principal: ctx.principal,
    want: 'chat',
    promptBound: bodySize(ctx),
    countPrompt: () => countRequestTokens(clientCodecs[ctx.client].decodeRequest(clean)),
    // Anthropic's 1M window travels with the beta header, i.e. only on passthrough to Anthropic
    longContext: ctx.client === 'anthropic' && asksLongContext(ctx.headers['anthropic-beta']),
  });
  const admitted = gw.admission
    ? await gw.admission.admit(ctx, plan, {
        promptBound: bodySize(ctx),
        maxOutputTokens: requestedMaxOutput(clean),
        embedding: false,
      })
    : plan;
  await runAttempts(gw, ctx, admitted, (attempt, deployment) => {
    const d = withOrgCredential(attempt, deployment);
    if (d.provider.protocol === 'simulated') return simulatedCall(gw, attempt, clean, d);
    if (sameProtocol(attempt.client, d.provider.protocol) && d.provider.responsesApi !== 'only')
      return passthroughCall(gw, attempt, clean, d);
    return translatedCall(gw, attempt, clean, d);
  });
}
