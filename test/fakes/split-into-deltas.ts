// Streams send text in small pieces like real models do: one word (with its leading whitespace) per delta.
// Joining the pieces gives back the text exactly.

export function splitTextIntoDeltas(text: string): string[] {
  const pieces = text.match(/\s*\S+/g) ?? [];
  const joined = pieces.join('');
  if (joined.length < text.length) {
    const rest = text.slice(joined.length);
    if (pieces.length === 0) return [rest];
    pieces[pieces.length - 1] += rest;
  }
  return pieces;
}

/** Tool-call argument JSON arrives in fixed-size fragments (10 characters), as partial JSON. */
export function splitJsonIntoFragments(json: string, size = 10): string[] {
  const fragments: string[] = [];
  for (let i = 0; i < json.length; i += size) fragments.push(json.slice(i, i + size));
  return fragments;
}
