// Vertex AI serves each model under its publisher: Google's (Gemini's wire format) or Anthropic's
// (Anthropic's Messages body).
/**
 * Which Vertex publisher serves a model the `google-vertex` provider is asked for: Vertex names
 * Anthropic's models `claude-…` (the catalog lists them under google-vertex with protocol
 * vertex-anthropic); they live under …/publishers/anthropic and speak Anthropic's body.
 */
export const isVertexClaudeModel = (model: string) => model.startsWith('claude-');

/** the `google-vertex` base URL (…/publishers/google) moved to Anthropic's publisher */
export const anthropicPublisherUrl = (baseUrl: string) =>
  baseUrl.replace(/\/publishers\/google$/, '/publishers/anthropic');

/**
 * A model of another publisher on Vertex (Model-as-a-Service: `meta/llama-3.3-70b-instruct-maas`,
 * `deepseek-ai/deepseek-v3.2-maas`) is that publisher's model, reached with generateContent as the
 * Google Gen AI SDK does: …/publishers/{publisher}/models/{name}. Returns the base URL and the name.
 */
export function vertexPublisherModel(baseUrl: string, model: string): { base: string; name: string } {
  const slash = model.indexOf('/');
  if (slash <= 0) return { base: baseUrl, name: model };
  return {
    base: baseUrl.replace(
      /\/publishers\/google$/,
      `/publishers/${encodeURIComponent(model.slice(0, slash))}`,
    ),
    name: model.slice(slash + 1),
  };
}
