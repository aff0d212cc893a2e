// Reads a fetch Response body to the end or to the point where the connection broke, so tests can see how
// much of a dropped stream arrived.

export async function readResponseStream(response: Response): Promise<{ text: string; error?: unknown }> {
  if (!response.body) return { text: '' };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return { text: text + decoder.decode() };
  } catch (error) {
    return { text, error };
  }
}
