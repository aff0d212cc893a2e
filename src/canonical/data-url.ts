// `data:` URLs as OpenAI clients send images and files (`data:image/png;base64,...`).

export interface DataUrl {
  mediaType: string;
  /** base64 payload */
  data: string;
}

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

/** The media type and base64 payload of a `data:` URL, or undefined when `url` is not one. */
export function parseDataUrl(url: string): DataUrl | undefined {
  const m = DATA_URL.exec(url);
  if (!m) return undefined;
  const mediaType = (m[1] || 'text/plain').toLowerCase();
  const params = m[2]!.split(';').map((p) => p.trim().toLowerCase());
  const payload = m[3]!;
  if (params.includes('base64')) return { mediaType, data: payload.replace(/\s+/g, '') };
  // percent-encoded payload: re-encode as base64 so every source carries the same encoding
  let text: string;
  try {
    text = decodeURIComponent(payload);
  } catch {
    text = payload;
  }
  return { mediaType, data: Buffer.from(text, 'utf8').toString('base64') };
}

export const toDataUrl = (mediaType: string, data: string) => `data:${mediaType};base64,${data}`;
