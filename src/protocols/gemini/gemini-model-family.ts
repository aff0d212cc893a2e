// What the encoder needs to know about a Gemini model id. Google's ids are open-ended
// (`gemini-3-flash-preview`, `gemini-3.1-pro-preview`, `gemini-flash-latest`…), so like the
// Vercel AI SDK we treat every Gemini id that is not a known older generation as Gemini 3+.

/** The bare model id: `models/gemini-3-pro` and `publishers/google/models/x` lose their prefix. */
export function bareGeminiModelId(model: string): string {
  const slash = model.lastIndexOf('/');
  return (slash >= 0 ? model.slice(slash + 1) : model).toLowerCase();
}

/** Gemini 3 and later: thinkingLevel instead of thinkingBudget, thought signatures enforced on function calls. */
export function isGemini3OrLater(model: string): boolean {
  const id = bareGeminiModelId(model);
  if (!id.startsWith('gemini-')) return false;
  if (/^gemini-[12](?:[.-]|$)/.test(id)) return false;
  if (/^gemini-pro(?:-vision)?$/.test(id)) return false;
  return true;
}

/** Pro models cannot go below `low`; Flash models accept `minimal`. */
export function minimumThinkingLevel(model: string): 'minimal' | 'low' {
  return /-pro(?:$|-)/.test(bareGeminiModelId(model)) ? 'low' : 'minimal';
}
