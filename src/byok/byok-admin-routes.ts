// Admin routes for an org's own provider keys: list (hints only), set, remove. The key is
// accepted once in a request body and never shown or audited again: answers and audit entries
// carry the 4-character hint.
import { Type as T } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { AdminRouteDef, AdminRouter } from '../admin/admin-router.js';
import { orgScope } from '../admin/scopes.js';
import { GatewayError } from '../canonical/errors.js';
import type { Database } from '../store/index.js';
import type { ProviderCredentials } from './provider-credentials.js';

export interface ByokAdminDeps {
  db: Kysely<Database>;
  credentials: ProviderCredentials;
}

const CredentialSchema = T.Object({
  id: T.String(),
  org_id: T.String(),
  provider: T.String(),
  hint: T.String({ description: 'last 4 characters of the key' }),
  key_id: T.String({ description: 'the master encryption key it is sealed under' }),
  created_by: T.Union([T.String(), T.Null()]),
  created_at: T.Integer(),
  updated_at: T.Integer(),
});

const OrgParams = T.Object({ orgId: T.String() });
const ProviderParams = T.Object({ orgId: T.String(), provider: T.String() });
type ProviderParams = { orgId: string; provider: string };
const SetBody = T.Object(
  {
    api_key: T.String({ minLength: 1, description: 'the provider key; stored encrypted, never shown again' }),
  },
  { additionalProperties: false },
);

export function registerByokAdminRoutes(router: AdminRouter, deps: ByokAdminDeps): void {
  const { db, credentials } = deps;

  const list: AdminRouteDef<unknown, Record<string, unknown>, { orgId: string }> = {
    method: 'GET',
    url: '/orgs/:orgId/provider-keys',
    permission: 'byok.read',
    summary: "List the org's own provider keys (hints only)",
    tags: ['byok'],
    schema: { params: OrgParams, response: { 200: T.Object({ data: T.Array(CredentialSchema) }) } },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: async (req) => ({ data: await credentials.list(req.params.orgId) }),
  };
  router.route(list);

  const set: AdminRouteDef<{ api_key: string }, Record<string, unknown>, ProviderParams> = {
    method: 'PUT',
    url: '/orgs/:orgId/provider-keys/:provider',
    permission: 'byok.manage',
    summary: "Store or replace the org's own key for a provider (encrypted at rest)",
    tags: ['byok'],
    schema: { params: ProviderParams, body: SetBody, response: { 200: CredentialSchema } },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: async (req) => {
      const { orgId, provider } = req.params;
      const { before, after } = await credentials.set(orgId, provider, req.body.api_key, req.identity.actor);
      await req.audit({
        action: before ? 'byok.replace' : 'byok.create',
        orgId,
        targetType: 'provider_credential',
        targetId: after.id,
        before,
        after,
      });
      return after;
    },
  };
  router.route(set);

  const remove: AdminRouteDef<unknown, Record<string, unknown>, ProviderParams> = {
    method: 'DELETE',
    url: '/orgs/:orgId/provider-keys/:provider',
    permission: 'byok.manage',
    summary: "Remove the org's own key for a provider (its traffic goes back to the gateway's key)",
    tags: ['byok'],
    schema: {
      params: ProviderParams,
      response: { 200: T.Object({ deleted: T.Boolean(), provider_key: CredentialSchema }) },
    },
    scope: (req) => orgScope(db, req.params.orgId),
    handler: async (req) => {
      const { orgId, provider } = req.params;
      const removed = await credentials.remove(orgId, provider);
      if (!removed)
        throw new GatewayError('not_found', `org ${orgId} has no key for provider ${provider}`, {
          code: 'provider_key_not_found',
        });
      await req.audit({
        action: 'byok.delete',
        orgId,
        targetType: 'provider_credential',
        targetId: removed.id,
        before: removed,
        after: null,
      });
      return { deleted: true, provider_key: removed };
    },
  };
  router.route(remove);

  router.route({
    method: 'POST',
    url: '/provider-keys/reencrypt',
    permission: 'instance.manage',
    summary: 'Re-seal every stored provider key under the current master encryption key (after rotating it)',
    tags: ['byok'],
    schema: { response: { 200: T.Object({ reencrypted: T.Integer() }) } },
    scope: () => ({ kind: 'instance' }),
    handler: async (req) => {
      let reencrypted: number;
      try {
        reencrypted = await credentials.reencryptAll();
      } catch (e) {
        // some rows may have been re-sealed before the failure: that is a change too
        await req.audit({ action: 'byok.reencrypt', after: { error: (e as Error).message } });
        throw e;
      }
      await req.audit({ action: 'byok.reencrypt', after: { reencrypted } });
      return { reencrypted };
    },
  });
}
