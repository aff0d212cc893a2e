// Where the browser may be sent after single sign-on: a path on this site, or a URL on the
// same origin as the callback. Anything else would make the gateway an open redirect that
// hands out session cookies.

/** the accepted return_to, or null when it is not allowed */
export function safeReturnTo(value: string, redirectUri: string): string | null {
  if (value.length === 0 || value.length > 2048) return null;
  // control characters and backslashes are read differently by browsers: refuse them
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return null;
  }
  if (value.startsWith('/')) return value.startsWith('//') ? null : value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.origin === new URL(redirectUri).origin ? url.href : null;
}
