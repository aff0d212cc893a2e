// Gemini puts the model in the URL, not the body. Paths are relative to the API base
// (e.g. https://generativelanguage.googleapis.com/v1beta).

function modelSegment(model: string): string {
  return encodeURIComponent(model.replace(/^models\//, ''));
}

/** `/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse` for a stream. */
export function geminiPath(model: string, stream: boolean): string {
  return stream
    ? `/models/${modelSegment(model)}:streamGenerateContent?alt=sse`
    : `/models/${modelSegment(model)}:generateContent`;
}

/** `/models/{model}:batchEmbedContents` */
export function geminiEmbedPath(model: string): string {
  return `/models/${modelSegment(model)}:batchEmbedContents`;
}
