// The org the quickstart works in: `default`, made on first use.
import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.js';
import { type Org, OrgService } from './orgs.js';

export const DEFAULT_ORG_SLUG = 'default';

export async function ensureDefaultOrg(db: Kysely<Database>): Promise<Org> {
  const orgs = new OrgService(db);
  const existing = await orgs.getBySlug(DEFAULT_ORG_SLUG);
  if (existing) return existing;
  try {
    return await orgs.create({ name: 'Default', slug: DEFAULT_ORG_SLUG });
  } catch (e) {
    // another process made it at the same moment
    const made = await orgs.getBySlug(DEFAULT_ORG_SLUG);
    if (made) return made;
    throw e;
  }
}
