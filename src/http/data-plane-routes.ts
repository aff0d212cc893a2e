// The routes clients call. Each handler takes over the raw response (streams and passthrough
// bodies are written directly), so errors before the first byte are rendered here too.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type CallContext,
  chatCall,
  countTokensCall,
  embeddingsCall,
  type GatewayServices,
  getModel,
  listModels,
  msSince,
  reachedProvider,
  responsesCall,
  responsesLookup,
} from '../gateway/index.js';
import { toGatewayError, writeError } from './error-reply.js';
import { registerMediaRoutes } from './media-routes.js';
import { protocolOf } from './server.js';

export type Handler = (gw: GatewayServices, ctx: CallContext, body: unknown) => Promise<void>;

export function run(gw: GatewayServices, endpoint: string, handler: Handler) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const res = reply.raw;
    const ac = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) ac.abort();
    });
    const q = req.url.indexOf('?');
    const ctx: CallContext = {
      requestId: req.id,
      client: protocolOf(req),
      principal: req.principal!,
      headers: req.headers,
      query: q >= 0 ? req.url.slice(q) : '',
      res,
      signal: ac.signal,
      abort: (reason) => ac.abort(reason),
      startedAt: req.startedAt,
      outcome: { endpoint },
      // set per attempt; declared here so every context has the same shape
      timeouts: undefined,
      onFirstByte: undefined,
      ticket: undefined,
    };
    try {
      gw.admission?.checkAccess(ctx, req.ip);
      await handler(gw, ctx, req.body);
    } catch (e) {
      const err = toGatewayError(e);
      if (res.destroyed) ctx.outcome.clientAborted = true;
      ctx.outcome.status = err.status;
      ctx.outcome.error = err.message;
      if (err.kind === 'internal') req.log.error({ err: e, requestId: req.id }, 'unhandled error');
      writeError(res, ctx.client, err, req.id);
    }
    gw.admission?.settle(ctx);
    logOutcome(req, ctx);
  };
}

function logOutcome(req: FastifyRequest, ctx: CallContext) {
  const o = ctx.outcome;
  const entry = {
    requestId: ctx.requestId,
    principal: ctx.principal.id,
    ...o,
    // only when there was more than one try (or a skip): compact, one string each
    attempts: o.attempts?.map((a) => `${a.deployment} ${a.outcome} ${Math.round(a.ms)}ms`),
    latencyMs: Math.round(msSince(ctx.startedAt) * 1000) / 1000,
  };
  // requests rejected before reaching any provider leave no trace at info level
  if (!reachedProvider(o)) req.log.debug(entry, 'request rejected');
  else req.log.info(entry, 'request');
}

function modelsStyle(req: FastifyRequest): 'openai' | 'anthropic' {
  return req.headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai';
}

export function registerDataPlaneRoutes(app: FastifyInstance, gw: GatewayServices): void {
  app.post('/v1/chat/completions', { config: { protocol: 'openai' } }, run(gw, 'chat.completions', chatCall));
  app.post('/chat/completions', { config: { protocol: 'openai' } }, run(gw, 'chat.completions', chatCall));
  app.post('/v1/messages', { config: { protocol: 'anthropic' } }, run(gw, 'messages', chatCall));
  app.post(
    '/v1/messages/count_tokens',
    { config: { protocol: 'anthropic' } },
    run(gw, 'messages.count_tokens', countTokensCall),
  );
  app.post('/v1/embeddings', { config: { protocol: 'openai' } }, run(gw, 'embeddings', embeddingsCall));
  app.post('/embeddings', { config: { protocol: 'openai' } }, run(gw, 'embeddings', embeddingsCall));
  registerMediaRoutes(app, gw, run);
  const responses = { config: { protocol: 'responses' as const } };
  app.post('/v1/responses', responses, run(gw, 'responses', responsesCall));
  app.post('/responses', responses, run(gw, 'responses', responsesCall));
  type Lookup = (gw: GatewayServices, ctx: CallContext, id: string) => Promise<void>;
  const byId = (lookup: Lookup) => (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) =>
    run(gw, 'responses', (g, ctx) => lookup(g, ctx, req.params.id))(req, reply);
  app.get('/v1/responses/:id', responses, byId(responsesLookup.retrieve));
  app.delete('/v1/responses/:id', responses, byId(responsesLookup.delete));
  app.get('/v1/responses/:id/input_items', responses, byId(responsesLookup.inputItems));

  app.get('/v1/models', { config: { protocol: 'auto' } }, async (req) => {
    const q = req.query as Record<string, string | undefined>;
    return listModels(gw, req.principal!, modelsStyle(req), {
      limit: q.limit !== undefined ? Number(q.limit) : undefined,
      afterId: q.after_id,
      beforeId: q.before_id,
    });
  });
  app.get('/v1/models/*', { config: { protocol: 'auto' } }, async (req) => {
    const id = decodeURIComponent((req.params as { '*': string })['*']);
    return getModel(gw, req.principal!, id, modelsStyle(req));
  });
}
