// Google's Gemini API as a client protocol: POST /v1beta/models/{model}:{method} for
// generateContent, streamGenerateContent (SSE with ?alt=sse, a JSON array without), countTokens,
// embedContent and batchEmbedContents, and GET /v1beta/models[/{model}]. The model is in the
// path (and may hold a `/`, as Switchyard names do: models/openai/gpt-4o-mini:generateContent),
// so one wildcard route per prefix reads `{model}:{method}` itself. The model and streaming go
// into the body as `model` and `stream` for the gateway's call pipeline (see
// protocols/gemini/decode-gemini-request.ts). Errors are in Google's shape.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError, invalidRequest } from '../canonical/index.js';
import { geminiCountTokensCall } from '../gateway/gemini-count-tokens-call.js';
import { geminiEmbedCall } from '../gateway/gemini-embed-call.js';
import { getGeminiModel, listGeminiModels } from '../gateway/gemini-models.js';
import { chatCall, type GatewayServices } from '../gateway/index.js';
import { type Handler, run } from './data-plane-routes.js';
import { adaptSseToJsonArray } from './gemini-json-array-stream.js';

const PREFIXES = ['/v1beta/models', '/v1/models'];

/** `gemini-2.5-flash:generateContent` → model and method (the last `:` splits them) */
export function splitModelMethod(path: string): { model: string; method: string } {
  const decoded = decodeURIComponent(path);
  const i = decoded.lastIndexOf(':');
  if (i <= 0)
    throw new GatewayError('not_found', `No method in models/${decoded}: expected models/{model}:{method}`);
  return { model: decoded.slice(0, i).replace(/^models\//, ''), method: decoded.slice(i + 1) };
}

/** the body with the gateway's `model` and `stream` fields */
function withModel(model: string, stream: boolean): (body: unknown) => Record<string, unknown> {
  return (body) => {
    if (body === undefined) return { model, stream };
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw invalidRequest('The request body must be a JSON object');
    return { ...(body as Record<string, unknown>), model, stream };
  };
}

const METHODS: Record<string, { endpoint: string; stream?: boolean; handler: Handler }> = {
  generateContent: { endpoint: 'gemini.generateContent', handler: chatCall },
  streamGenerateContent: { endpoint: 'gemini.streamGenerateContent', stream: true, handler: chatCall },
  countTokens: { endpoint: 'gemini.countTokens', handler: geminiCountTokensCall },
  embedContent: { endpoint: 'gemini.embedContent', handler: geminiEmbedCall(false) },
  batchEmbedContents: { endpoint: 'gemini.batchEmbedContents', handler: geminiEmbedCall(true) },
};

const unknownMethod = (method: string) =>
  new GatewayError(
    'not_found',
    `Method not found: '${method}' (this gateway serves ${Object.keys(METHODS).join(', ')})`,
  );

export function registerGeminiRoutes(app: FastifyInstance, gw: GatewayServices): void {
  const runners = new Map(
    Object.entries(METHODS).map(([name, m]) => [
      name,
      (model: string) => {
        const body = withModel(model, m.stream === true);
        return run(gw, m.endpoint, (g, ctx, b) => m.handler(g, ctx, body(b)));
      },
    ]),
  );
  const fail = (err: unknown) =>
    run(gw, 'gemini', async () => {
      throw err;
    });

  for (const prefix of PREFIXES) {
    app.post(
      `${prefix}/*`,
      { config: { protocol: 'gemini' } },
      async (req: FastifyRequest, reply: FastifyReply) => {
        let target: { model: string; method: string };
        try {
          target = splitModelMethod((req.params as { '*': string })['*']);
        } catch (e) {
          return fail(e)(req, reply);
        }
        const runner = runners.get(target.method);
        if (!runner) return fail(unknownMethod(target.method))(req, reply);
        if (target.method === 'streamGenerateContent' && (req.query as { alt?: unknown }).alt !== 'sse')
          adaptSseToJsonArray(reply.raw);
        return runner(target.model)(req, reply);
      },
    );
  }
  // GET /v1/models is OpenAI's and Anthropic's list already: Gemini's is under /v1beta only
  app.get('/v1beta/models', { config: { protocol: 'gemini' } }, async (req) =>
    listGeminiModels(gw, req.principal!, req.query as { pageSize?: string; pageToken?: string }),
  );
  app.get('/v1beta/models/*', { config: { protocol: 'gemini' } }, async (req) => {
    const id = decodeURIComponent((req.params as { '*': string })['*']).replace(/^models\//, '');
    return getGeminiModel(gw, req.principal!, id);
  });
}
