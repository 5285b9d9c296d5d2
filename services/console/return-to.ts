/**
 * Where the login sends the user back to: the console page they opened without a session (a shared search link, a
 * bookmarked case), given to the login page as `?next=`. Only a path on this console is followed: anything that could
 * leave it (`//host`, `/\host`, a scheme, control characters) or loop (`/login`, `/logout`) gives the queue.
 *
 * Of the query, only what names no person is kept: the queue's filters and page (`/cases?status=…&priority=…&category=…&after=…`)
 * and a search link's opaque token (`/users?q=TOKEN`). Everything else is dropped, so an old bookmark `/users?user=ID`,
 * a notice's `u=NAME` (`/cases/ID?notice=actionSent&u=…`, `/admin/accounts?…&u=…`) or any parameter added later never
 * reaches the login page's address (browser history, proxy logs) nor the page after it: the page opens without it.
 * An allowlist, not a denylist: a new parameter naming someone stays out until it is added here on purpose.
 */
const MAX_NEXT = 512;

/** The query parameters kept per path (none for any other path: a case page's address is its path). */
const KEPT: Record<string, readonly string[]> = { '/cases': ['status', 'priority', 'category', 'after'], '/users': ['q'] };

/**
 * The pages a login may return to: the console's GET pages, a case by its id. Any other path (`/users/ID`, `/users%3Fuser=ID`,
 * `/users;user=ID`: no such page) gives the queue, so an id hidden in a path never reaches the login page's address either.
 */
const PAGES = /^\/(?:cases(?:\/[^/]+)?|users|account\/password|admin\/accounts)$/;

/** A search link's token as SearchLinks makes it (18 random bytes, base64url); anything else in `q` (a hand-made `q=ID`) is dropped. */
const TOKEN = /^[A-Za-z0-9_-]{24}$/;

export function returnTo(next: string | null | undefined): string {
  const fallback = '/cases';
  if (!next || next.length > MAX_NEXT || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let url: URL;
  try { url = new URL(next, 'http://console'); } catch { return fallback; }
  // Checked on the parsed path too: `/.//host`, `/x/..//host` and `/%2e//host` are normalised to `//host`, which a browser
  // reads as another host.
  if (url.origin !== 'http://console' || url.pathname.startsWith('//') || ['/', '/login', '/logout'].includes(url.pathname)) return fallback;
  if (!PAGES.test(url.pathname)) return fallback;
  const kept = new URLSearchParams();
  for (const k of KEPT[url.pathname] ?? []) { const v = url.searchParams.get(k); if (v !== null && (k !== 'q' || TOKEN.test(v))) kept.set(k, v); }
  const query = kept.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}
