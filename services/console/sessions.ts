import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from './accounts.js';

/** A logged-in console user's session. */
export interface Session {
  id: string; user: string; role: Role; csrf: string; expiresAt: number;
  /** credentialOf the password the session was opened with (a new password ends the session). */
  credential?: string;
  /**
   * What the last change made in this session said (its message key and the names in it), shown by the page it
   * redirected to (`path`, with `?notice=KEY`): the names (a platform user sanctioned, an account added) stay out of the address, where
   * browser history and proxy logs would keep them. Replaced by the next change; another session never sees it.
   */
  notice?: { key: string; path: string; vars: Record<string, string> };
}

export const SESSION_COOKIE = 'vigie_session';

/**
 * Sessions of logged-in console users, held in the console process (a restart logs everyone out,
 * which is acceptable for a review tool and keeps session tokens out of the database). Each session
 * has its own CSRF token, which every form carries and every POST must return.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly ttlMs: number) {}

  create(user: string, role: Role, now: number, credential?: string): Session {
    const s: Session = { id: randomBytes(32).toString('base64url'), user, role, csrf: randomBytes(32).toString('base64url'), expiresAt: now + this.ttlMs,
      ...(credential === undefined ? {} : { credential }) };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The live session for this id, its idle lifetime renewed; null when unknown or expired. */
  get(id: string | undefined, now: number): Session | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    if (s.expiresAt <= now) { this.sessions.delete(id); return null; }
    s.expiresAt = now + this.ttlMs;
    return s;
  }

  destroy(id: string | undefined): void { if (id) this.sessions.delete(id); }

  /** Ends every session of a user (the account was disabled). */
  destroyUser(user: string): void { for (const [id, s] of this.sessions) if (s.user === user) this.sessions.delete(id); }
}

/** Constant-time comparison of the token a form sent with the session's. */
export function csrfOk(s: Session, sent: string | undefined): boolean {
  if (!sent) return false;
  const a = Buffer.from(s.csrf);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    try { out[k] = decodeURIComponent(part.slice(i + 1).trim()); } catch { /* a malformed cookie is ignored */ }
  }
  return out;
}

/** HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it), Secure when served over TLS. */
export function sessionCookie(value: string, secure: boolean, maxAgeS: number | null): string {
  return [`${SESSION_COOKIE}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : []),
    ...(maxAgeS === null ? [] : [`Max-Age=${maxAgeS}`])].join('; ');
}
