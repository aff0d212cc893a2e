// What a call costs an org: the catalog's list price, then price overrides, then the org's
// discount. Synchronous on the request path (everything is cached in memory); reloaded on every
// instance when the channel `prices` carries a message (each change publishes one).
//
// Overrides (table price_overrides) name a model exactly or by a pattern with `*`. For each
// kind of token separately, the first override in this order that sets a price wins, else the
// catalog's price:
//   1. the org's override for the exact model      3. the instance's override for the exact model
//   2. the org's pattern overrides, most specific   4. the instance's patterns, most specific
//      (most literal characters) first
// Then the defaults: cache read and cache write at the input price, reasoning at the output
// price. A model with no input or output price after all that is unpriced (null): the gateway
// refuses to bill it at $0. A model the catalog marks free costs nothing unless an override
// prices it.
// The org's discount (orgs.discount_bps) applies to list prices: catalog and instance-wide
// override prices. A price from the org's own override is already that org's price and is not
// discounted again. The catalog's long-context tiers (prices above 200k input tokens) are list
// prices too: discounted like them, and not applied to a model an override prices.
import type { Kysely } from 'kysely';
import { GatewayError } from '../canonical/errors.js';
import type { CatalogModel } from '../catalog/catalog-model.js';
import type { SharedState } from '../shared-state/shared-state.js';
import { newId } from '../store/ids.js';
import { int8ToNumber, int8ToNumberOrNull } from '../store/numbers.js';
import type { Database } from '../store/tables.js';
import {
  catalogPartialPrice,
  catalogUnitPrices,
  completePrice,
  FREE_PRICE,
  type ModelPrice,
  type PartialPrice,
  withCatalogTiers,
} from './model-price.js';
import { microsToUsdPerMtok } from './money.js';

export const PRICES_CHANNEL = 'prices';

const KINDS = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning'] as const;
type PriceKind = (typeof KINDS)[number];

/** what PriceBook needs of the catalog (ModelCatalog has it) */
export interface PriceCatalog {
  get(id: string): CatalogModel | undefined;
}

export interface PriceOverride {
  id: string;
  /** null = every org */
  orgId: string | null;
  /** an exact model id or a pattern with `*` */
  model: string;
  /** micro-USD per million tokens; null = not overridden */
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  reasoning: number | null;
  createdAt: number;
}

export type PriceOverrideInput = Omit<PriceOverride, 'id' | 'createdAt'>;

interface CompiledOverride extends PriceOverride {
  /** null for an exact model */
  pattern: RegExp | null;
  /** literal characters of a pattern, for "most specific first" */
  specificity: number;
}

function compile(o: PriceOverride): CompiledOverride {
  if (!o.model.includes('*')) return { ...o, pattern: null, specificity: Number.POSITIVE_INFINITY };
  const escaped = o.model
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return { ...o, pattern: new RegExp(`^${escaped}$`), specificity: o.model.replace(/\*/g, '').length };
}

const matches = (o: CompiledOverride, modelId: string) =>
  o.pattern ? o.pattern.test(modelId) : o.model === modelId;

function order(a: CompiledOverride, b: CompiledOverride): number {
  return b.specificity - a.specificity || a.model.localeCompare(b.model) || a.id.localeCompare(b.id);
}

/** a price less a discount in basis points, rounded half up to the micro-USD */
export function discounted(micros: number, bps: number): number {
  if (bps <= 0) return micros;
  return Math.floor((micros * (10_000 - Math.min(bps, 10_000)) + 5_000) / 10_000);
}

/** an override for an API answer (USD per million tokens as decimal strings) */
export function priceOverrideView(o: PriceOverride) {
  const usd = (m: number | null) => (m === null ? null : microsToUsdPerMtok(m));
  return {
    id: o.id,
    org_id: o.orgId,
    model: o.model,
    input_per_mtok_usd: usd(o.input),
    output_per_mtok_usd: usd(o.output),
    cache_read_per_mtok_usd: usd(o.cacheRead),
    cache_write_per_mtok_usd: usd(o.cacheWrite),
    reasoning_per_mtok_usd: usd(o.reasoning),
    created_at: new Date(o.createdAt).toISOString(),
  };
}

export class PriceBook {
  readonly #db: Kysely<Database>;
  readonly #catalog: PriceCatalog;
  readonly #shared: SharedState;
  readonly #now: () => number;
  /** '' = instance-wide */
  #overrides = new Map<string, CompiledOverride[]>();
  #discounts = new Map<string, number>();
  /** `<org id>|<model id>` → price (null = unpriced) */
  #memo = new Map<string, ModelPrice | null>();
  #generation = 0;
  #unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    db: Kysely<Database>,
    catalog: PriceCatalog,
    shared: SharedState,
    opts: { now?: () => number } = {},
  ) {
    this.#db = db;
    this.#catalog = catalog;
    this.#shared = shared;
    this.#now = opts.now ?? Date.now;
  }

  /** load overrides and discounts, and follow changes made on any instance */
  async start(): Promise<void> {
    if (!this.#unsubscribe)
      this.#unsubscribe = await this.#shared.subscribe(PRICES_CHANNEL, () => {
        this.load().catch(() => {
          // keep the last good prices; the next change or restart reloads
        });
      });
    await this.load();
  }

  async close(): Promise<void> {
    const u = this.#unsubscribe;
    this.#unsubscribe = undefined;
    if (u) await u();
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    const [rows, orgs] = await Promise.all([
      this.#db.selectFrom('price_overrides').selectAll().execute(),
      this.#db.selectFrom('orgs').select(['id', 'discount_bps']).where('discount_bps', '>', 0).execute(),
    ]);
    if (generation !== this.#generation) return;
    const overrides = new Map<string, CompiledOverride[]>();
    for (const r of rows) {
      const o = compile(rowToOverride(r));
      const k = o.orgId ?? '';
      const list = overrides.get(k);
      if (list) list.push(o);
      else overrides.set(k, [o]);
    }
    for (const list of overrides.values()) list.sort(order);
    this.#overrides = overrides;
    this.#discounts = new Map(orgs.map((o) => [o.id, o.discount_bps]));
    this.#memo = new Map();
  }

  /** the price of a model for an org (null org: the instance's list price); null = unpriced */
  priceFor(orgId: string | null, modelId: string): ModelPrice | null {
    const memoKey = `${orgId ?? ''}|${modelId}`;
    const hit = this.#memo.get(memoKey);
    if (hit !== undefined) return hit;
    const price = this.#compute(orgId, modelId);
    if (this.#memo.size > 50_000) this.#memo.clear();
    this.#memo.set(memoKey, price);
    return price;
  }

  /** the org's discount in basis points (0 when none) */
  discountBps(orgId: string): number {
    return this.#discounts.get(orgId) ?? 0;
  }

  #compute(orgId: string | null, modelId: string): ModelPrice | null {
    const model = this.#catalog.get(modelId);
    const orgList = orgId ? (this.#overrides.get(orgId) ?? []).filter((o) => matches(o, modelId)) : [];
    const instList = (this.#overrides.get('') ?? []).filter((o) => matches(o, modelId));
    if (model?.free && orgList.length === 0 && instList.length === 0) return FREE_PRICE;
    const base: PartialPrice = model?.free
      ? { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 }
      : catalogPartialPrice(model);
    const bps = orgId ? this.discountBps(orgId) : 0;
    const partial = {} as PartialPrice;
    for (const kind of KINDS) partial[kind] = pick(kind, orgList, instList, base, bps);
    // unit prices (per image, second, character, query) come from the catalog only, discounted
    const listUnits = model?.free ? undefined : catalogUnitPrices(model);
    const units = listUnits
      ? Object.fromEntries(Object.entries(listUnits).map(([k, v]) => [k, discounted(v, bps)]))
      : undefined;
    // defaults (cache at input, reasoning at output) follow the winning input/output prices;
    // they are already discounted or not, like those
    const price = completePrice(partial, units);
    // long-context tiers are list prices: they apply (discounted) while no override prices the model
    if (!price || model?.free || orgList.length > 0 || instList.length > 0) return price;
    return withCatalogTiers(price, model, (micros) => discounted(micros, bps));
  }

  // --- administration (each change reloads here and tells every other instance) ---

  async listOverrides(orgId: string | null): Promise<PriceOverride[]> {
    let q = this.#db.selectFrom('price_overrides').selectAll();
    q = orgId === null ? q.where('org_id', 'is', null) : q.where('org_id', '=', orgId);
    const rows = await q.orderBy('model').orderBy('id').execute();
    return rows.map(rowToOverride);
  }

  async getOverride(orgId: string | null, id: string): Promise<PriceOverride> {
    const found = (await this.listOverrides(orgId)).find((o) => o.id === id);
    if (!found) throw new GatewayError('not_found', 'No such price override', { code: 'not_found' });
    return found;
  }

  async createOverride(input: PriceOverrideInput): Promise<PriceOverride> {
    validateOverride(input);
    const o: PriceOverride = { ...input, id: newId('price'), createdAt: this.#now() };
    await this.#db.insertInto('price_overrides').values(overrideToRow(o)).execute();
    await this.changed();
    return o;
  }

  async updateOverride(
    orgId: string | null,
    id: string,
    change: Partial<Omit<PriceOverrideInput, 'orgId'>>,
  ): Promise<{ before: PriceOverride; after: PriceOverride }> {
    const before = await this.getOverride(orgId, id);
    const after: PriceOverride = { ...before, ...stripUndefined(change) };
    validateOverride(after);
    const { id: _id, org_id: _org, created_at: _c, ...set } = overrideToRow(after);
    await this.#db.updateTable('price_overrides').set(set).where('id', '=', id).execute();
    await this.changed();
    return { before, after };
  }

  async deleteOverride(orgId: string | null, id: string): Promise<PriceOverride> {
    const before = await this.getOverride(orgId, id);
    await this.#db.deleteFrom('price_overrides').where('id', '=', id).execute();
    await this.changed();
    return before;
  }

  /** set an org's discount; answers the previous one */
  async setDiscount(orgId: string, bps: number): Promise<number> {
    if (!Number.isInteger(bps) || bps < 0 || bps > 10_000)
      throw new GatewayError('invalid_request', 'discount_bps is a whole number from 0 to 10000', {
        param: 'discount_bps',
      });
    const org = await this.#db
      .selectFrom('orgs')
      .select('discount_bps')
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!org) throw new GatewayError('not_found', 'No such organization', { code: 'not_found' });
    await this.#db.updateTable('orgs').set({ discount_bps: bps }).where('id', '=', orgId).execute();
    await this.changed();
    return org.discount_bps;
  }

  /** reload here and make every other instance reload (call after any change to prices or discounts) */
  async changed(): Promise<void> {
    await this.load();
    await this.#shared.publish(PRICES_CHANNEL, 'changed');
  }
}

function pick(
  kind: PriceKind,
  orgList: CompiledOverride[],
  instList: CompiledOverride[],
  base: PartialPrice,
  bps: number,
): number | null {
  for (const o of orgList) if (o[kind] !== null) return o[kind];
  for (const o of instList) if (o[kind] !== null) return discounted(o[kind]!, bps);
  const b = base[kind];
  return b === null ? null : discounted(b, bps);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function validateOverride(o: PriceOverrideInput): void {
  if (!o.model || /\s/.test(o.model))
    throw new GatewayError('invalid_request', 'model is a model id or a pattern with *', { param: 'model' });
  for (const kind of KINDS) {
    const v = o[kind];
    if (v !== null && (!Number.isSafeInteger(v) || v < 0))
      throw new GatewayError('invalid_request', `${kind} price must be zero or positive`, { param: kind });
  }
  if (KINDS.every((k) => o[k] === null))
    throw new GatewayError('invalid_request', 'A price override sets at least one price', { param: 'model' });
}

function rowToOverride(r: {
  id: string;
  org_id: string | null;
  model: string;
  input_per_mtok_micros: number | string | bigint | null;
  output_per_mtok_micros: number | string | bigint | null;
  cache_read_per_mtok_micros: number | string | bigint | null;
  cache_write_per_mtok_micros: number | string | bigint | null;
  reasoning_per_mtok_micros: number | string | bigint | null;
  created_at: number | string | bigint;
}): PriceOverride {
  return {
    id: r.id,
    orgId: r.org_id,
    model: r.model,
    input: int8ToNumberOrNull(r.input_per_mtok_micros),
    output: int8ToNumberOrNull(r.output_per_mtok_micros),
    cacheRead: int8ToNumberOrNull(r.cache_read_per_mtok_micros),
    cacheWrite: int8ToNumberOrNull(r.cache_write_per_mtok_micros),
    reasoning: int8ToNumberOrNull(r.reasoning_per_mtok_micros),
    createdAt: int8ToNumber(r.created_at),
  };
}

function overrideToRow(o: PriceOverride) {
  return {
    id: o.id,
    org_id: o.orgId,
    model: o.model,
    input_per_mtok_micros: o.input,
    output_per_mtok_micros: o.output,
    cache_read_per_mtok_micros: o.cacheRead,
    cache_write_per_mtok_micros: o.cacheWrite,
    reasoning_per_mtok_micros: o.reasoning,
    created_at: o.createdAt,
  };
}
