// Mounts every route of the admin router under /admin/v1 and serves the OpenAPI document of
// them at /admin/v1/openapi.json. Per request: authenticate the bearer token (401), validate
// params/query/body against the route's TypeBox schemas (400), resolve the scope and hide objects
// of orgs the caller has no role in (404), check the permission (403), run the handler with an
// audit() bound to the caller. Errors answer in the OpenAI error shape, as on the data plane.
import swagger from '@fastify/swagger';
import { Ajv } from 'ajv';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, hasRoleInOrg } from '../accounts/permissions.js';
import type { AuditLog } from '../audit/audit-log.js';
import { GatewayError } from '../canonical/index.js';
import { errorPayload, toGatewayError } from '../http/error-reply.js';
import type { AdminIdentity, AdminRequest, AdminRouteDef, AdminRouter, RouteScope } from './admin-router.js';

export const ADMIN_PREFIX = '/admin/v1';

export interface AdminApiDeps {
  router: AdminRouter;
  /** the admin identity for a bearer token (master key, session token, …); null = unknown token */
  identify: (bearerToken: string) => Promise<AdminIdentity | null>;
  audit: AuditLog;
  /** OpenAPI `info.version` (default: 1) */
  version?: string;
}

const BEARER = /^Bearer\s+(\S.*)$/i;

function bearerToken(req: FastifyRequest): string | undefined {
  const m = BEARER.exec(req.headers.authorization ?? '');
  return m ? m[1]!.trim() : undefined;
}

export function registerAdminApi(app: FastifyInstance, deps: AdminApiDeps): void {
  // an encapsulated context: the swagger plugin sees only the admin routes, and the error
  // handler applies only to them
  app.register(async (admin) => {
    await admin.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Switchyard admin API',
          version: deps.version ?? '1',
          description:
            'Organizations, teams, projects, users, virtual keys, credits, budgets, usage and the audit log. ' +
            'Every route needs "Authorization: Bearer <token>" (the master key or an admin session token) ' +
            'and a permission in a scope; see docs/governance.md.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
    });

    // bodies are JSON: no type coercion, unknown fields rejected (not silently dropped);
    // params and query strings are text: coerced to the schema's types
    const bodies = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false, strict: false });
    const strings = new Ajv({
      coerceTypes: 'array',
      useDefaults: true,
      removeAdditional: false,
      strict: false,
    });
    admin.setValidatorCompiler(({ schema, httpPart }) =>
      (httpPart === 'body' ? bodies : strings).compile(schema),
    );

    admin.setErrorHandler((e, req, reply) => {
      const err = adminError(e);
      if (err.kind === 'internal') req.log.error({ err: e, requestId: req.id }, 'admin API error');
      sendError(reply, err, req.id);
    });

    const identities = new WeakMap<FastifyRequest, AdminIdentity>();
    const authenticate = async (req: FastifyRequest) => {
      const token = bearerToken(req);
      if (!token)
        throw new GatewayError(
          'authentication',
          'The admin API needs "Authorization: Bearer <token>" (the master key or a session token)',
        );
      const identity = await deps.identify(token);
      if (!identity) throw new GatewayError('authentication', 'Invalid or expired admin token');
      identities.set(req, identity);
    };

    for (const def of deps.router.routes()) {
      admin.route({
        method: def.method,
        url: ADMIN_PREFIX + def.url,
        config: { public: true, protocol: 'openai' },
        schema: {
          summary: def.summary,
          tags: def.tags,
          ...(def.schema?.params ? { params: def.schema.params } : {}),
          ...(def.schema?.querystring ? { querystring: def.schema.querystring } : {}),
          ...(def.schema?.body ? { body: def.schema.body } : {}),
          ...(def.schema?.response ? { response: def.schema.response } : {}),
          description: `Permission: \`${def.permission}\``,
        },
        onRequest: authenticate,
        // an absent body is an empty object (the schema still demands its required fields)
        ...(def.schema?.body
          ? {
              preValidation: async (req: FastifyRequest) => {
                if (req.body === undefined || req.body === null) req.body = {};
              },
            }
          : {}),
        handler: async (req, reply) => {
          const identity = identities.get(req)!;
          const base = {
            identity,
            body: req.body,
            query: (req.query ?? {}) as Record<string, unknown>,
            params: (req.params ?? {}) as Record<string, string>,
            ip: req.ip,
            userAgent: req.headers['user-agent'] ?? null,
          };
          await authorize(def, base);
          const areq: AdminRequest = {
            ...base,
            audit: (entry) => deps.audit.append(identity.actor, entry, base.ip, base.userAgent),
          };
          const result = await def.handler(areq);
          const status = def.successStatus ?? 200;
          reply.code(status);
          return status === 204 ? reply.send() : result;
        },
      });
    }

    admin.get(
      `${ADMIN_PREFIX}/openapi.json`,
      { config: { public: true, protocol: 'openai' }, schema: { hide: true } },
      async () => admin.swagger(),
    );
  });
}

/** scope → 404 for orgs the caller has no role in → permission → 403 */
export async function authorize(
  def: AdminRouteDef<any, any, any>,
  req: Omit<AdminRequest, 'audit'>,
): Promise<RouteScope> {
  const scope = await def.scope(req);
  const { identity } = req;
  if (scope.kind === 'org' && !identity.superadmin && !hasRoleInOrg(identity, scope.orgId)) throw notFound();
  if (!can(identity, def.permission, scope))
    throw new GatewayError('permission', `This needs the "${def.permission}" permission here`, {
      code: 'permission_denied',
    });
  return scope;
}

/** the answer for objects that do not exist or that the caller may not know exist */
export const notFound = (what = 'object') =>
  new GatewayError('not_found', `No such ${what}`, { code: 'not_found' });

/** a request that conflicts with the current state (a slug taken, an org still holding keys): 409 */
export const conflict = (message: string) =>
  new GatewayError('invalid_request', message, { status: 409, code: 'conflict' });

interface ValidationLikeError {
  validation?: { instancePath?: string; message?: string }[];
  validationContext?: string;
  message: string;
}

function adminError(e: unknown): GatewayError {
  const v = e as ValidationLikeError;
  if (v && Array.isArray(v.validation)) {
    const first = v.validation[0];
    const path = first?.instancePath ? first.instancePath.slice(1).replace(/\//g, '.') : undefined;
    return new GatewayError('invalid_request', v.message, {
      param: path ? `${v.validationContext ?? 'body'}.${path}` : v.validationContext,
      code: 'invalid_request',
    });
  }
  return toGatewayError(e);
}

function sendError(reply: FastifyReply, err: GatewayError, requestId: string) {
  const p = errorPayload('openai', err, requestId);
  reply.code(p.status).headers(p.headers).send(p.body);
}
