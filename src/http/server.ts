// The HTTP server: Fastify with a JSON body parser of our own (exact errors for malformed
// JSON), authentication on every data-plane route, and errors in the caller's protocol.
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import type { Authenticator, Principal } from '../auth/index.js';
import { GatewayError, invalidRequest, newId } from '../canonical/index.js';
import type { ClientProtocol, GatewayServices } from '../gateway/index.js';
import { registerDataPlaneRoutes } from './data-plane-routes.js';
import { errorPayload, toGatewayError } from './error-reply.js';
import { registerGeminiRoutes } from './gemini-routes.js';
import { registerHealthRoutes } from './health-routes.js';
import { createLogDestination } from './log-destination.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    startedAt: bigint;
  }
  interface FastifyContextConfig {
    /** the protocol whose error shape this route answers in; 'auto' = by anthropic-version header */
    protocol?: ClientProtocol | 'auto';
    /** no API key needed */
    public?: boolean;
  }
}

export interface ServerOptions {
  bodyLimitBytes: number;
  logLevel: string;
  /** where log lines go (default: buffered stdout) */
  logStream?: { write(line: string): void };
  /** ready to serve (providers loaded) */
  isReady?: () => boolean;
  /** adds the admin API and the other governance routes */
  mount?: (app: FastifyInstance) => void;
}

export function protocolOf(req: FastifyRequest): ClientProtocol {
  const p = req.routeOptions.config?.protocol;
  if (p !== undefined && p !== 'auto') return p;
  return req.headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai';
}

function presentedKey(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (m) return m[1]!.trim();
  }
  const x = req.headers['x-api-key'];
  if (typeof x === 'string' && x) return x.trim();
  // Google's clients: the x-goog-api-key header, or ?key= (Gemini routes only; never logged)
  if (req.routeOptions.config?.protocol !== 'gemini') return undefined;
  const g = req.headers['x-goog-api-key'];
  if (typeof g === 'string' && g) return g.trim();
  const q = (req.query as Record<string, unknown> | undefined)?.key;
  return typeof q === 'string' && q ? q.trim() : undefined;
}

export function buildServer(gw: GatewayServices, auth: Authenticator, opts: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: {
      level: opts.logLevel,
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-goog-api-key"]'],
      stream: opts.logStream ?? (opts.logLevel === 'silent' ? undefined : createLogDestination()),
    },
    // one line per call is written by the data-plane routes instead (requestId is in it)
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimitBytes,
    genReqId: () => newId.request(),
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });

  // no per-request child logger: our own request line carries the request id, and creating a
  // child logger for every request showed in the profile
  app.setChildLoggerFactory((logger) => logger);
  app.decorateRequest('principal', undefined);
  app.decorateRequest('startedAt', 0n);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(invalidRequest(`Malformed JSON in the request body: ${(e as Error).message}`), undefined);
    }
  });

  app.addHook('onRequest', async (req) => {
    req.startedAt = process.hrtime.bigint();
    if (req.routeOptions.config?.public) return;
    const key = presentedKey(req);
    if (!key)
      throw new GatewayError(
        'authentication',
        req.routeOptions.config?.protocol === 'gemini'
          ? 'Missing API key: send it in the "x-goog-api-key" header, as ?key=<key>, or as "Authorization: Bearer <key>"'
          : 'Missing API key: send it as "Authorization: Bearer <key>" or in the "x-api-key" header',
      );
    const found = auth.authenticate(key);
    const principal = found instanceof Promise ? await found : found;
    if (!principal) throw new GatewayError('authentication', 'Invalid API key', { code: 'invalid_api_key' });
    req.principal = principal;
  });

  app.setErrorHandler((e, req, reply) => {
    const err = toGatewayError(e);
    if (err.kind === 'internal') req.log.error({ err: e, requestId: req.id }, 'unhandled error');
    const p = errorPayload(protocolOf(req), err, req.id);
    reply.code(p.status).headers(p.headers).send(p.body);
  });

  app.setNotFoundHandler((req, reply) => {
    const err = new GatewayError('not_found', `No route for ${req.method} ${req.url.split('?')[0]}`);
    const p = errorPayload(protocolOf(req), err, req.id);
    reply.code(404).headers(p.headers).send(p.body);
  });

  registerHealthRoutes(app, opts.isReady ?? (() => true));
  registerDataPlaneRoutes(app, gw);
  registerGeminiRoutes(app, gw);
  opts.mount?.(app);
  return app;
}
