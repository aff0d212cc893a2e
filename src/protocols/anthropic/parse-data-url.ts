// `data:` URLs (how OpenAI clients inline images and files) into media type + base64 data,
// since Anthropic wants inline content as a base64 source rather than a URL.

export interface InlineData {
  mediaType: string;
  /** base64 */
  data: string;
}

export function parseDataUrl(url: string): InlineData | undefined {
  const m = /^data:([^,]*?),(.*)$/s.exec(url);
  if (!m) return undefined;
  const params = m[1]!.split(';');
  const base64 = params.at(-1)?.toLowerCase() === 'base64';
  const mediaType = (params[0] || 'text/plain').toLowerCase();
  const payload = m[2]!;
  if (base64) return { mediaType, data: payload.replace(/\s/g, '') };
  try {
    return { mediaType, data: Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64') };
  } catch {
    return undefined;
  }
}
