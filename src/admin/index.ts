// The admin API: the route contract, the registry, the Fastify mounting, scope resolvers.
export type * from './admin-router.js';
export { createAdminRouter } from './create-admin-router.js';
export {
  ADMIN_PREFIX,
  type AdminApiDeps,
  authorize,
  conflict,
  notFound,
  registerAdminApi,
} from './register-admin-api.js';
export { keyScope, orgScope, projectScope, teamScope } from './scopes.js';
