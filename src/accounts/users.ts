// Users: local accounts (argon2id password), SSO-linked accounts (made by sign-in) and service
// accounts (no password, no SSO: they act through their keys). Never answered with a hash.
import type { Insertable, Kysely, Selectable } from 'kysely';
import { conflict, notFound } from '../admin/register-admin-api.js';
import { invalidRequest } from '../canonical/index.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../sign-in/passwords.js';
import { int8ToNumber, newId } from '../store/index.js';
import type { Database, UsersTable } from '../store/tables.js';

export interface User {
  id: string;
  email: string;
  name: string;
  service_account: boolean;
  superadmin: boolean;
  disabled: boolean;
  /** signs in with a password */
  has_password: boolean;
  /** linked to an SSO identity */
  sso: boolean;
  created_at: number;
}

export const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  service_account: r.service_account === 1,
  superadmin: r.superadmin === 1,
  disabled: r.disabled === 1,
  has_password: r.password_hash !== null,
  sso: r.oidc_subject !== null,
  created_at: int8ToNumber(r.created_at),
});

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface LocalUserInput {
  email: string;
  name: string;
  /** absent = an account that signs in by SSO only (linked at first sign-in by email) */
  password?: string;
  superadmin?: boolean;
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalidRequest(`password: at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
}

export class UserService {
  constructor(private readonly db: Kysely<Database>) {}

  async createLocal(input: LocalUserInput): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw invalidRequest('email: not an email address', 'email');
    if (input.password !== undefined) checkPassword(input.password);
    if (await this.getByEmail(email)) throw conflict(`A user with the email ${email} exists`);
    const row = {
      id: newId('user'),
      email,
      name: input.name,
      password_hash: input.password === undefined ? null : await hashPassword(input.password),
      service_account: 0,
      superadmin: input.superadmin ? 1 : 0,
      disabled: 0,
      oidc_issuer: null,
      oidc_subject: null,
      created_at: Date.now(),
    };
    await this.insert(row);
    return toUser(row);
  }

  /** a service account: a user without credentials of its own, acting through its keys */
  async createServiceAccount(name: string): Promise<User> {
    const id = newId('user');
    const row = {
      id,
      // unique and never deliverable (RFC 2606 `.invalid`)
      email: `${id}@service-accounts.invalid`,
      name,
      password_hash: null,
      service_account: 1,
      superadmin: 0,
      disabled: 0,
      oidc_issuer: null,
      oidc_subject: null,
      created_at: Date.now(),
    };
    await this.insert(row);
    return toUser(row);
  }

  private async insert(row: Insertable<UsersTable>): Promise<void> {
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (e) {
      if (await this.getByEmail(row.email)) throw conflict(`A user with the email ${row.email} exists`);
      throw e;
    }
  }

  async get(id: string): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async require(id: string): Promise<User> {
    const u = await this.get(id);
    if (!u) throw notFound('user');
    return u;
  }

  async getByEmail(email: string): Promise<User | null> {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async list(opts: { serviceAccounts?: boolean } = {}): Promise<User[]> {
    let q = this.db.selectFrom('users').selectAll();
    if (opts.serviceAccounts !== undefined) q = q.where('service_account', '=', opts.serviceAccounts ? 1 : 0);
    return (await q.orderBy('id').execute()).map(toUser);
  }

  async update(
    id: string,
    patch: { name?: string; disabled?: boolean; superadmin?: boolean; password?: string | null },
  ): Promise<{ before: User; after: User }> {
    const before = await this.require(id);
    const set: { name?: string; disabled?: number; superadmin?: number; password_hash?: string | null } = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (patch.superadmin !== undefined) {
      if (before.service_account && patch.superadmin)
        throw invalidRequest('A service account cannot be a superadmin');
      set.superadmin = patch.superadmin ? 1 : 0;
    }
    if (patch.password !== undefined) {
      if (before.service_account && patch.password !== null)
        throw invalidRequest('A service account has no password', 'password');
      if (patch.password !== null) checkPassword(patch.password);
      set.password_hash = patch.password === null ? null : await hashPassword(patch.password);
    }
    if (Object.keys(set).length > 0)
      await this.db.updateTable('users').set(set).where('id', '=', id).execute();
    return { before, after: (await this.get(id))! };
  }
}
