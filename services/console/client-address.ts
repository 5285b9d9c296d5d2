/**
 * The client address the console's login rate limit and per-client request share count, behind reverse proxies.
 *
 * With no trusted proxy (the default) it is the TCP peer, and `X-Forwarded-For` is ignored: any client can write
 * that header. With VIGIE_CONSOLE_TRUSTED_PROXIES (addresses or CIDR ranges of the proxies in front), a request
 * whose TCP peer is one of them is counted against the rightmost `X-Forwarded-For` address that is not a trusted
 * proxy: each proxy appends the address it received the request from, so entries to the right of the first
 * untrusted one were written by trusted proxies, and entries to its left by the client (forgeable, never read).
 *
 * The limiter groups IPv6 addresses by /64 (one subscriber's allocation: one host has 2^64 addresses to
 * rotate through) and counts an IPv4-mapped IPv6 address (::ffff:10.0.0.1) as its IPv4 address.
 */
import { isAccountName } from './accounts.js';
import { BlockList, isIP } from 'node:net';

/** What VIGIE_CONSOLE_TRUSTED_PROXIES accepts, for error messages. */
export const TRUSTED_PROXY_EXPECTED = 'an IP address or a CIDR range (e.g. 10.0.0.5, 10.0.0.0/24, fd00::/64)';

/** The IP address written in `s` (brackets, an IPv4-mapped prefix and a port taken off), or null. */
export function plainAddress(s: string): string | null {
  let a = s.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(a)) a = a.slice(0, a.indexOf(':'));
  const kind = isIP(a);
  if (kind === 0) return null;
  if (kind === 6) {
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
    if (mapped && isIP(mapped[1]!) === 4) return mapped[1]!;
    return a.toLowerCase();
  }
  return a;
}

export interface TrustedProxies {
  /** True when `address` (a plain address) is one of the trusted proxies. */
  has(address: string): boolean;
}

/** Compiles the entries of VIGIE_CONSOLE_TRUSTED_PROXIES; each bad entry is a problem naming it. */
export function compileTrustedProxies(entries: readonly string[]): { proxies: TrustedProxies | null; problems: string[] } {
  const list = new BlockList();
  const problems: string[] = [];
  for (const entry of entries) {
    const [addr = '', bits, extra] = entry.trim().split('/');
    const a = plainAddress(addr);
    const kind = a === null ? 0 : isIP(a);
    const prefix = bits === undefined ? null : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (a === null || extra !== undefined || Number.isNaN(prefix) || (prefix !== null && prefix > (kind === 4 ? 32 : 128))) {
      problems.push(`trusted proxies (VIGIE_CONSOLE_TRUSTED_PROXIES): '${entry}' is not ${TRUSTED_PROXY_EXPECTED}`);
      continue;
    }
    const type = kind === 4 ? 'ipv4' : 'ipv6';
    if (prefix === null) list.addAddress(a, type);
    else list.addSubnet(a, prefix, type);
  }
  if (problems.length || entries.length === 0) return { proxies: null, problems };
  return { proxies: { has: (address) => list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6') }, problems };
}

/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy; then the rightmost X-Forwarded-For
 * address that is not a trusted proxy (if the header is missing, or an entry is not an address, the nearest
 * trusted hop stands for the client: never an address the client could have chosen).
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies | null): string {
  const p = plainAddress(peer ?? '');
  if (p === null) return peer ?? '?';
  if (!trusted || !trusted.has(p)) return p;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor ?? '').split(',');
  let client = p;
  for (let i = hops.length - 1; i >= 0; i--) {
    if (hops[i]!.trim() === '') continue;
    const a = plainAddress(hops[i]!);
    if (a === null) break;
    client = a;
    if (!trusted.has(a)) break;
  }
  return client;
}

/** The key an address is counted under: an IPv4 address itself, an IPv6 address's /64 (`2001:db8:1:2::/64`). */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  let s = address.toLowerCase().split('%')[0]!;
  // An embedded IPv4 tail (64:ff9b::1.2.3.4) is the last 32 bits: two groups, never in the /64.
  if (s.includes('.')) s = `${s.slice(0, s.lastIndexOf(':') + 1)}0:0`;
  const [head = '', tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...new Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/**
 * The login limiter's keys for a name tried from a client address: the user name (lower case) and the address
 * (IPv6 by /64). A name no account can have (too long, other characters) counts under one shared key, so the
 * limiter's memory is bounded by its key count times 64 characters, whatever the form carries.
 */
export function loginKeys(name: string, client: string): [string, string] {
  const user = isAccountName(name) ? name.toLowerCase() : '\u0000invalid';
  return [`user:${user}`, `addr:${addressKey(client)}`];
}

/** A tried name as logged: itself when it can be an account name, else only its length. */
export function loggedName(name: string): string {
  return isAccountName(name) ? name : `(not an account name, ${name.length} chars)`;
}
