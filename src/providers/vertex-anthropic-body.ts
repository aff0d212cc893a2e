// Claude on Vertex AI takes Anthropic's Messages body with two differences: the model is in the
// URL (…/publishers/anthropic/models/{model}:rawPredict), not the body, and the API version is
// the body's `anthropic_version` ("vertex-2023-10-16") instead of a header.
export const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';

export function toVertexAnthropicBody(body: unknown): Record<string, unknown> {
  const { model: _model, ...rest } = body as Record<string, unknown>;
  return { anthropic_version: VERTEX_ANTHROPIC_VERSION, ...rest };
}
