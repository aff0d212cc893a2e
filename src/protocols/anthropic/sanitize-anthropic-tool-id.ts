// Anthropic accepts tool_use ids matching ^[a-zA-Z0-9_-]+$. Ids minted by other providers
// can hold other characters (e.g. `functions.get_weather:0`); the same id must come out the
// same for a tool_use and its tool_result, so this is a pure character mapping.

export function sanitizeAnthropicToolId(id: string): string {
  const clean = id.replace(/[^a-zA-Z0-9_-]/g, '_');
  return clean === '' ? 'toolu_' : clean;
}
