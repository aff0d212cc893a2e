// The registry of admin routes: every capability adds its routes here, registerAdminApi mounts
// them, the OpenAPI document and the RBAC matrix test read them back.
import type { AdminRouteDef, AdminRouter } from './admin-router.js';

export function createAdminRouter(): AdminRouter {
  const defs: AdminRouteDef<any, any, any>[] = [];
  const seen = new Set<string>();
  return {
    route(def) {
      if (!def.url.startsWith('/')) throw new Error(`admin route url must start with "/": ${def.url}`);
      const key = `${def.method} ${def.url}`;
      if (seen.has(key)) throw new Error(`admin route registered twice: ${key}`);
      seen.add(key);
      defs.push(def);
    },
    routes: () => defs,
  };
}
