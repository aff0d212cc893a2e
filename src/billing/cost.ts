// The cost of a call from its usage and its price. Pure, exact integer arithmetic:
//   prices are micro-USD per million tokens = pico-USD per token, so tokens × price = picos;
//   nanos = picos / 1000 rounded half up (≥ 500 picos round up).
// Canonical usage counts cache reads and writes INSIDE inputTokens and reasoning INSIDE
// outputTokens, so they are taken out before the plain input/output prices apply (a cache
// token is never billed twice); a difference that would be negative (a provider reporting
// inconsistent numbers) counts as 0.
import type { Usage } from '../canonical/types.js';
import type { ModelPrice } from './model-price.js';

type TokenPrices = Pick<ModelPrice, 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'reasoning'>;

/**
 * The token prices for a call with this many input tokens (cache reads and writes included): the
 * highest long-context tier it exceeds (Anthropic: "If the total input tokens exceed 200K, the
 * whole request is billed at the premium rates"), else the base prices.
 */
export function priceForInput(price: ModelPrice, inputTokens: number): TokenPrices {
  let chosen: TokenPrices = price;
  for (const tier of price.tiers ?? []) if (inputTokens > tier.above) chosen = tier;
  return chosen;
}

const PICOS_PER_NANO = 1000n;

function nonNegative(n: number): bigint {
  return n > 0 ? BigInt(Math.floor(n)) : 0n;
}

/** picos → nanos, half up (never negative here) */
function picosToNanos(picos: bigint): number {
  return Number((picos + PICOS_PER_NANO / 2n) / PICOS_PER_NANO);
}

/** the cost of one call in integer nano-USD (at its long-context tier when its input reaches one) */
export function costOf(usage: Usage, modelPrice: ModelPrice): number {
  if (modelPrice.free) return 0;
  const price = priceForInput(modelPrice, usage.inputTokens);
  const cacheRead = nonNegative(usage.cacheReadTokens);
  const cacheWrite = nonNegative(usage.cacheWriteTokens);
  const reasoning = nonNegative(usage.reasoningTokens);
  const plainInput = nonNegative(usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
  const plainOutput = nonNegative(usage.outputTokens - usage.reasoningTokens);
  const picos =
    plainInput * BigInt(price.input) +
    cacheRead * BigInt(price.cacheRead) +
    cacheWrite * BigInt(price.cacheWrite) +
    plainOutput * BigInt(price.output) +
    reasoning * BigInt(price.reasoning);
  return picosToNanos(picos);
}

/**
 * What a call can cost at most, reserved before the upstream call: every prompt token at the
 * dearest input-side price (input, cache write, cache read) and every possible output token at
 * the dearest output-side price (output, reasoning), over the base prices and every long-context
 * tier the prompt bound reaches, rounded up to the nano. Settlement then charges `costOf` the
 * actual usage, which never exceeds this for the same or fewer input tokens.
 */
export function worstCaseCost(promptTokens: number, maxOutputTokens: number, price: ModelPrice): number {
  if (price.free) return 0;
  const reached = [price, ...(price.tiers ?? []).filter((t) => promptTokens > t.above)];
  const inPrice = Math.max(...reached.map((p) => Math.max(p.input, p.cacheWrite, p.cacheRead)));
  const outPrice = Math.max(...reached.map((p) => Math.max(p.output, p.reasoning)));
  const picos = nonNegative(promptTokens) * BigInt(inPrice) + nonNegative(maxOutputTokens) * BigInt(outPrice);
  return Number((picos + PICOS_PER_NANO - 1n) / PICOS_PER_NANO);
}

/** a fee or discount in basis points of an amount, rounded half up (1 bps = 0.01 %) */
export function bpsOf(nanos: number, bps: number): number {
  return Number((BigInt(nanos) * BigInt(bps) + 5000n) / 10000n);
}
