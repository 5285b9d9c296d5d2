/**
 * Where the login sends the user back to: the console page they opened without a session (a shared search link, a
 * bookmarked case), given to the login page as `?next=`. Only a path on this console is followed: anything that could
 * leave it (`//host`, `/\host`, a scheme, control characters) or loop (`/login`, `/logout`) gives the queue.
 */
const MAX_NEXT = 512;

export function returnTo(next: string | null | undefined): string {
  const fallback = '/cases';
  if (!next || next.length > MAX_NEXT || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let url: URL;
  try { url = new URL(next, 'http://console'); } catch { return fallback; }
  // Checked on the parsed path too: `/.//host`, `/x/..//host` and `/%2e//host` are normalised to `//host`, which a browser
  // reads as another host.
  if (url.origin !== 'http://console' || url.pathname.startsWith('//') || ['/', '/login', '/logout'].includes(url.pathname)) return fallback;
  return `${url.pathname}${url.search}`;
}
