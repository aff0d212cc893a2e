// One chat call (OpenAI /v1/chat/completions or Anthropic /v1/messages): plan the deployments
// to try (the model, its deployments, its fallbacks), then for each attempt pass through,
// translate, or simulate, depending on what that deployment speaks.
import { invalidRequest } from '../canonical/index.js';
import { planAttempts } from '../deployments/index.js';
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

export async function chatCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const requested = requestedModels(ctx, body as Record<string, unknown>);
  const clean = requested.body;
  ctx.outcome.requestedModel = requested.names[0];
  const plan = await planAttempts(gw.deployments, {
    names: requested.names,
    ownFallbacks: requested.own,
    principal: ctx.principal,
    want: 'chat',
    promptBound: bodySize(ctx),
    countPrompt: () => countRequestTokens(clientCodecs[ctx.client].decodeRequest(clean)),
  });
  await runAttempts(gw, ctx, plan, (attempt, d) => {
    if (d.provider.protocol === 'simulated') return simulatedCall(gw, attempt, clean, d);
    if (sameProtocol(attempt.client, d.provider.protocol)) return passthroughCall(gw, attempt, clean, d);
    return translatedCall(gw, attempt, clean, d);
  });
}
