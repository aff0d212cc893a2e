// What admission needs from the rest of governance, as narrow ports: app.ts plugs the billing,
// budget, org and BYOK services in; tests can plug simple ones.
import type { KeyGrant } from '../auth/index.js';
import type { ModelPrice } from '../billing/model-price.js';
import type { BudgetPeriod, BudgetScope, CreditAccountScope } from '../store/index.js';

export interface CreditAccount {
  scope: CreditAccountScope;
  id: string;
}

export interface CreditPort {
  /** which account pays for this key's calls (the key's, its team's, or its org's) */
  payerFor(grant: KeyGrant): CreditAccount | Promise<CreditAccount>;
  /** seed the account's live counters from the ledger once per process */
  ensureSeeded(account: CreditAccount): Promise<void>;
  /** total ever credited (the cap) */
  inKey(account: CreditAccount): string;
  /** total charged plus live reservations */
  outKey(account: CreditAccount): string;
}

export interface BudgetRule {
  id: string;
  orgId: string;
  scope: BudgetScope;
  scopeId: string;
  period: BudgetPeriod;
  limitNanos: number;
  mode: 'hard' | 'soft';
  /** percent of the limit at which an alert is recorded; null = only when exceeded */
  alertPct: number | null;
}

export interface BudgetPort {
  /** the budgets over this key: its own, its project's, its team's, its org's (synchronous, cached) */
  budgetsFor(grant: KeyGrant): readonly BudgetRule[];
  counterKey(budget: BudgetRule, periodKey: string): string;
  periodKey(period: BudgetPeriod, nowMs: number): string;
  /** seed the period's spend counter from stored usage once per process */
  ensureSeeded(budget: BudgetRule, periodKey: string): Promise<void>;
  recordAlert(
    budget: BudgetRule,
    periodKey: string,
    kind: 'threshold' | 'exceeded',
    spentNanos: number,
  ): Promise<void>;
}

export interface OrgSettings {
  prepaid: boolean;
  byokFeeBps: number;
}

export interface OrgPort {
  /** from the cache */
  settings(orgId: string): OrgSettings | undefined;
  /** from the database (an org the cache has not seen yet) */
  load(orgId: string): Promise<OrgSettings | undefined>;
}

export interface PricePort {
  /** the price after overrides and discounts; null = unpriced (never silently free) */
  priceFor(orgId: string | null, modelId: string): ModelPrice | null;
}

export interface CredentialPort {
  /** the org's own key for this provider (BYOK), or null */
  credentialFor(orgId: string, provider: string): string | null | Promise<string | null>;
}

export interface AdmissionPorts {
  prices: PricePort;
  orgs: OrgPort;
  credits: CreditPort;
  budgets: BudgetPort;
  credentials?: CredentialPort;
}
