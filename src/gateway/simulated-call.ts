// The client's request answered by the built-in simulator, in the client's own protocol.
import type { ClientCodec } from '../canonical/index.js';
import type { ResolvedModel } from '../catalog/index.js';
import { simulateResponse, simulateStream } from '../providers/index.js';
import { type CallContext, msSince } from './call-context.js';
import { writeCanonicalStream } from './canonical-stream.js';
import type { GatewayServices } from './gateway-services.js';
import { writeJsonAnswer } from './json-answer.js';
import { clientCodecs } from './protocol-registry.js';

export async function simulatedCall(
  gw: GatewayServices,
  ctx: CallContext,
  body: unknown,
  target: ResolvedModel,
  /** the client's codec, when it is not the context's chat protocol (legacy completions) */
  client: ClientCodec = clientCodecs[ctx.client],
) {
  const req = client.decodeRequest(body);
  if (req.droppedTools) ctx.outcome.droppedTools = req.droppedTools;
  ctx.outcome.mode = 'simulated';
  ctx.outcome.stream = req.stream;
  if (!req.stream) {
    const started = process.hrtime.bigint();
    const res = await simulateResponse(req, target.model, gw.simulator, ctx.signal);
    ctx.outcome.usage = res.usage;
    writeJsonAnswer(ctx, target, JSON.stringify(client.encodeResponse(res, req.model)), msSince(started));
    return;
  }
  const encoder = client.createStreamEncoder({ model: req.model, includeUsage: req.streamUsage ?? false });
  await writeCanonicalStream(
    gw,
    ctx,
    req,
    encoder,
    { ...target, sentAt: process.hrtime.bigint() },
    simulateStream(req, target.model, gw.simulator, ctx.signal),
  );
}
