// One chat call (OpenAI /v1/chat/completions or Anthropic /v1/messages): find the model, then
// pass through, translate, or simulate.
import { invalidRequest } from '../canonical/index.js';
import type { CallContext } from './call-context.js';
import type { GatewayServices } from './gateway-services.js';
import { passthroughCall } from './passthrough-call.js';
import { sameProtocol } from './protocol-registry.js';
import { resolveTarget } from './resolve-target.js';
import { simulatedCall } from './simulated-call.js';
import { translatedCall } from './translated-call.js';

export async function chatCall(gw: GatewayServices, ctx: CallContext, body: unknown): Promise<void> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const json = body as Record<string, unknown>;
  const target = resolveTarget(gw, ctx, json.model, 'chat');
  if (target.provider.protocol === 'simulated') return simulatedCall(gw, ctx, json, target);
  if (sameProtocol(ctx.client, target.provider.protocol)) return passthroughCall(gw, ctx, json, target);
  return translatedCall(gw, ctx, json, target);
}
