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
