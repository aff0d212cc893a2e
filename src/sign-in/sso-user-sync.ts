// After a successful SSO sign-in: the local user for the identity (found by issuer + subject,
// else by a verified email, else created without a password), its SSO-managed memberships
// replaced by what its groups map to (manual memberships are kept and win over a mapping to
// the same org or team), and its superadmin flag set from the superadmin groups.
import type { Kysely, Transaction } from 'kysely';
import { GatewayError } from '../canonical/errors.js';
import { newId } from '../store/ids.js';
import type { Database } from '../store/tables.js';
import { normalizeEmail } from './local-sign-in.js';
import type { SsoMembership } from './sso-role-mappings.js';

export interface SsoIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export interface SsoGrants {
  memberships: SsoMembership[];
  /** true/false: set/clear the user's superadmin flag; undefined: leave it (no superadmin groups configured) */
  superadmin: boolean | undefined;
}

const refused = (message: string, code: string) => new GatewayError('permission', message, { code });

const NO_ROLE =
  'Your account has no role in Switchyard: none of your identity-provider groups is mapped to an org or team (auth.oidc.role_mappings). Ask an administrator for access.';

/** the signed-in user's id; a permission GatewayError when the user may not sign in */
export async function syncSsoUser(db: Kysely<Database>, id: SsoIdentity, grants: SsoGrants): Promise<string> {
  // two first sign-ins of the same identity at once: the loser of the unique index retries and finds the user
  for (let attempt = 0; ; attempt++) {
    try {
      const { userId, hasRole } = await db.transaction().execute((trx) => syncInTransaction(trx, id, grants));
      if (!hasRole) throw refused(NO_ROLE, 'sso_no_role');
      return userId;
    } catch (e) {
      if (e instanceof GatewayError || attempt >= 1) throw e;
    }
  }
}

async function syncInTransaction(
  trx: Transaction<Database>,
  id: SsoIdentity,
  grants: SsoGrants,
): Promise<{ userId: string; hasRole: boolean }> {
  const now = Date.now();
  const email = id.email === null ? null : normalizeEmail(id.email);
  const bySubject = await trx
    .selectFrom('users')
    .selectAll()
    .where('oidc_issuer', '=', id.issuer)
    .where('oidc_subject', '=', id.subject)
    .executeTakeFirst();
  let user = bySubject;
  if (!user && email !== null) {
    const byEmail = await trx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (byEmail) {
      if (!id.emailVerified)
        throw refused(
          'An account with this email already exists and the identity provider has not verified the email, so it cannot be linked',
          'sso_email_unverified',
        );
      if (byEmail.oidc_subject !== null)
        throw refused(
          'This email belongs to an account linked to another single sign-on identity',
          'sso_conflict',
        );
      user = byEmail;
    }
  }
  if (user?.service_account === 1)
    throw refused('A service account cannot sign in with single sign-on', 'sso_service_account');
  if (user?.disabled === 1) throw refused('This account is disabled', 'account_disabled');

  const superadmin = grants.superadmin ?? user?.superadmin === 1;
  if (!user) {
    // nobody is created without a role to hold
    if (grants.memberships.length === 0 && !superadmin) return { userId: '', hasRole: false };
    if (email === null)
      throw refused('The identity provider did not give an email address for this account', 'sso_no_email');
    const userId = newId('user');
    await trx
      .insertInto('users')
      .values({
        id: userId,
        email,
        name: id.name ?? email,
        password_hash: null,
        service_account: 0,
        superadmin: superadmin ? 1 : 0,
        disabled: 0,
        oidc_issuer: id.issuer,
        oidc_subject: id.subject,
        created_at: now,
      })
      .execute();
    await replaceSsoMemberships(trx, userId, grants.memberships, now);
    return { userId, hasRole: true };
  }

  await trx
    .updateTable('users')
    .set({
      oidc_issuer: id.issuer,
      oidc_subject: id.subject,
      superadmin: superadmin ? 1 : 0,
      ...(id.name ? { name: id.name } : {}),
    })
    .where('id', '=', user.id)
    .execute();
  const remaining = await replaceSsoMemberships(trx, user.id, grants.memberships, now);
  return { userId: user.id, hasRole: superadmin || remaining > 0 };
}

/** drops the user's SSO memberships, adds the mapped ones; returns how many memberships it now has */
async function replaceSsoMemberships(
  trx: Transaction<Database>,
  userId: string,
  wanted: readonly SsoMembership[],
  now: number,
): Promise<number> {
  await trx.deleteFrom('memberships').where('user_id', '=', userId).where('source', '=', 'sso').execute();
  const manual = await trx
    .selectFrom('memberships')
    .select(['org_id', 'team_id'])
    .where('user_id', '=', userId)
    .execute();
  const held = new Set(manual.map((m) => `${m.org_id}\u0000${m.team_id ?? ''}`));
  const rows = wanted
    .filter((m) => !held.has(`${m.orgId}\u0000${m.teamId ?? ''}`))
    .map((m) => ({
      id: newId('mem'),
      user_id: userId,
      org_id: m.orgId,
      team_id: m.teamId,
      role: m.role,
      source: 'sso',
      created_at: now,
    }));
  if (rows.length > 0) await trx.insertInto('memberships').values(rows).execute();
  return manual.length + rows.length;
}
