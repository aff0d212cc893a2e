// The CLI speaks to the admin API in-process: the same routes, validation, scope and permission
// checks, handlers and audit log as HTTP callers get, mounted on a Fastify instance that never
// listens, and called with `inject`. The CLI's identity is `cli`, a superadmin; a random token
// made for this process is the only one that identifies it.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { superadminIdentity } from '../accounts/admin-identity.js';
import type { AdminIdentity, AdminRouter } from '../admin/index.js';
import { ADMIN_PREFIX, registerAdminApi } from '../admin/index.js';
import type { AuditLog } from '../audit/index.js';
import { AdminApiError } from './cli-errors.js';

export const CLI_IDENTITY: AdminIdentity = superadminIdentity('cli');

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

/** a path segment from a user-given id (ids never need it, but names in paths might) */
export const seg = (s: string) => encodeURIComponent(s);

export class AdminClient {
  /** the error the last handler threw (calls are made one at a time) */
  private lastFailure: unknown;
  private app!: FastifyInstance;
  private readonly token = randomBytes(32).toString('base64url');

  private constructor() {}

  static async create(router: AdminRouter, audit: AuditLog): Promise<AdminClient> {
    const client = new AdminClient();
    const app = Fastify({ logger: false });
    // the error a handler threw, which a 5xx answer hides: the CLI prints it
    app.addHook('onError', async (_req, _reply, err) => {
      client.lastFailure = err;
    });
    registerAdminApi(app, {
      router,
      audit,
      identify: async (t) => (t === client.token ? CLI_IDENTITY : null),
    });
    await app.ready();
    client.app = app;
    return client;
  }

  /** calls `method path` (under /admin/v1) and returns the JSON answer; AdminApiError otherwise */
  async call<T = unknown>(method: HttpMethod, path: string, opts: CallOptions = {}): Promise<T> {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) query[k] = String(v);
    this.lastFailure = undefined;
    const res = await this.app.inject({
      method,
      url: ADMIN_PREFIX + path,
      query,
      headers: { authorization: `Bearer ${this.token}`, 'user-agent': 'switchyard-cli' },
      ...(opts.body === undefined ? {} : { payload: opts.body as object }),
    });
    const text = res.body;
    if (res.statusCode >= 400) {
      let message = `the admin API answered ${res.statusCode}`;
      let code: string | null = null;
      try {
        const body = JSON.parse(text) as { error?: { message?: string; code?: string | null } };
        if (body.error?.message) message = body.error.message;
        code = body.error?.code ?? null;
      } catch {
        if (text) message = text;
      }
      throw new AdminApiError(
        res.statusCode,
        message,
        code,
        res.statusCode >= 500 ? this.lastFailure : undefined,
      );
    }
    if (res.statusCode === 204 || text === '') return undefined as T;
    return JSON.parse(text) as T;
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
