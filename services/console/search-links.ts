import { randomBytes } from 'node:crypto';

/**
 * Opaque links to user searches: the search form is a POST (the user id in the body, not the address), answered by a
 * redirect to `/users?q=<random token>`. The token names the query held here, in the console process, for `ttlMs`
 * (a restart forgets every link, as it ends every session: the pages say both);
 * anyone signed in who may search can open the link (a colleague the case worker sends it to sees the page their own
 * role allows, and the view is logged under their name). Proxies and browser histories keep the token, never the id.
 */
export class SearchLinks<Q> {
  private readonly links = new Map<string, { q: Q; expiresAt: number }>();
  constructor(private readonly ttlMs: number, private readonly max = 10_000) {}

  /** A new token for this query (the oldest link goes when `max` are held). */
  put(q: Q, now: number): string {
    const token = randomBytes(18).toString('base64url');
    if (this.links.size >= this.max) this.links.delete(this.links.keys().next().value!);
    this.links.set(token, { q, expiresAt: now + this.ttlMs });
    return token;
  }

  /** The query behind a token and when its link stops working; null when unknown or expired. */
  get(token: string, now: number): { q: Q; expiresAt: number } | null {
    const l = this.links.get(token);
    if (!l) return null;
    if (l.expiresAt <= now) { this.links.delete(token); return null; }
    return l;
  }
}
