// Money: prices, cost, the credit ledger and its live counters, redemption codes, budgets.
export { type BillingAdminDeps, registerBillingAdminRoutes } from './billing-admin-routes.js';
export { BudgetAlerts } from './budget-alerts.js';
export { BUDGETS_CHANNEL, type Budget, type BudgetRef, Budgets, budgetKey } from './budgets.js';
export { bpsOf, costOf, worstCaseCost } from './cost.js';
export {
  type AccountRef,
  CREDITS_CHANNEL,
  type CreditAccount,
  CreditAccounts,
  creditInKey,
  creditOutKey,
  creditTake,
  orgAccount,
} from './credit-accounts.js';
export { Ledger, type LedgerEntry, ledgerEntryView } from './ledger.js';
export { catalogPrice, FREE_PRICE, type ModelPrice, unpricedModels } from './model-price.js';
export { formatUsd, moneyView, NANOS_PER_USD, parseUsd, sumNanos, usdPerMtokToMicros } from './money.js';
export { periodBounds, periodEnd, periodKey, periodStart } from './periods.js';
export { PRICES_CHANNEL, PriceBook, type PriceCatalog } from './price-book.js';
export { RedemptionCodes } from './redemption-codes.js';
