/**
 * Listen addresses as operators write them (VIGIE_CONSOLE_HOST, VIGIE_CLASSIFIER_HTTP_HOST, VIGIE_AUDIT_HTTP_HOST):
 * an IPv4 address, an IPv6 address with or without brackets (`::1`, `[::1]`: URLs and many tools write the
 * brackets), or a host name. `listen()` wants the bare address: `[::1]` given to it fails with
 * `getaddrinfo ENOTFOUND [::1]` at start, so the brackets are taken off here, when the configuration is read.
 */
import { isIP } from 'node:net';

/** What a listen address setting accepts, for error messages. */
export const LISTEN_HOST_EXPECTED = 'an IPv4 address, an IPv6 address with or without brackets (::1 or [::1]), or a host name';

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** The address to give `listen()` (trimmed, brackets of an IPv6 address taken off), or null when it is none of LISTEN_HOST_EXPECTED. */
export function parseListenHost(value: string): string | null {
  const v = value.trim();
  if (v.startsWith('[') || v.endsWith(']')) {
    const inner = v.slice(1, -1);
    return v.startsWith('[') && v.endsWith(']') && isIP(inner) === 6 ? inner : null;
  }
  return isIP(v) !== 0 || HOST_NAME.test(v) ? v : null;
}

/** The host part of a URL for an address `listen()` took: IPv6 in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
