/** About one token per four characters (rounded), at least 1: close enough to real usage numbers for tests. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.round(text.length / 4));
}
