// Email + password sign-in for local accounts. Every refusal looks the same from outside (one
// result, one argon2 verification): an unknown email, an SSO-only account, a service account
// and a disabled user are verified against a dummy hash or their own, so neither the answer
// nor its timing tells which accounts exist.
import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.js';
import { hashPassword, verifyPassword } from './passwords.js';

export interface LocalUser {
  id: string;
  email: string;
  name: string;
  superadmin: boolean;
}

// made once, lazily: a real argon2id hash of a random string, so verifying against it costs
// what verifying a real user's password costs
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummyHash;
}

/** makes the dummy hash ahead of the first sign-in (else that one unknown email takes twice as long) */
export async function prepareLocalSignIn(): Promise<void> {
  await dummy();
}

/** emails are stored lower-cased and trimmed */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** the user for a correct email and password of an enabled, non-service local account; null otherwise */
export async function verifyLocalSignIn(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<LocalUser | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'password_hash', 'service_account', 'superadmin', 'disabled'])
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
  const usable =
    row !== undefined && row.password_hash !== null && row.service_account === 0 && row.disabled === 0;
  // a disabled account still verifies its own hash: the same work as an enabled one
  const hash = row?.password_hash ?? (await dummy());
  const ok = await verifyPassword(hash, password);
  if (!ok || !usable) return null;
  return { id: row.id, email: row.email, name: row.name, superadmin: row.superadmin === 1 };
}
