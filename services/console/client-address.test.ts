import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey, clientAddress, compileTrustedProxies, loggedName, loginKeys, plainAddress } from './client-address.js';
import { compileConsoleOptions } from './options.js';
import { LoginLimiter } from './rate-limit.js';

const proxies = (...entries: string[]) => compileTrustedProxies(entries).proxies;

test('plain addresses: brackets, ports and the IPv4-mapped prefix taken off; anything else is no address', () => {
  for (const [given, want] of [['10.0.0.1', '10.0.0.1'], [' 10.0.0.1:4431 ', '10.0.0.1'], ['[2001:DB8::1]', '2001:db8::1'], ['[2001:db8::1]:443', '2001:db8::1'],
    ['::ffff:127.0.0.1', '127.0.0.1'], ['2001:db8::1', '2001:db8::1']] as const) assert.equal(plainAddress(given), want, given);
  for (const bad of ['', 'unknown', '_hidden', 'example.org', '10.0.0', '[10.0.0.1]x']) assert.equal(plainAddress(bad), null, bad);
});

test('VIGIE_CONSOLE_TRUSTED_PROXIES: addresses and CIDR ranges; a bad entry is named in a clear problem', () => {
  const p = proxies('10.0.0.5', '192.168.0.0/16', 'fd00::/64', '[::1]')!;
  for (const a of ['10.0.0.5', '192.168.44.1', 'fd00::abcd', '::1']) assert.ok(p.has(a), a);
  for (const a of ['10.0.0.6', '192.169.0.1', 'fd00:0:0:1::1', '127.0.0.1']) assert.ok(!p.has(a), a);
  assert.equal(compileTrustedProxies([]).proxies, null, 'default: none');
  assert.deepEqual(compileTrustedProxies(['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/9']).problems.length, 3);
  assert.throws(() => compileConsoleOptions({ trustedProxies: ['10.0.0.1', 'proxy.internal'] }),
    /trusted proxies \(VIGIE_CONSOLE_TRUSTED_PROXIES\): 'proxy\.internal' is not an IP address or a CIDR range \(e\.g\. 10\.0\.0\.5, 10\.0\.0\.0\/24, fd00::\/64\)/);
  assert.deepEqual(compileConsoleOptions({ trustedProxies: ['10.0.0.1', 'fd00::/8'] }).trustedProxies, ['10.0.0.1', 'fd00::/8']);
});

test('the trusted-proxy list is compiled once, by compileConsoleOptions: the server and the login limiter read `trusted` (stop 54)', () => {
  const o = compileConsoleOptions({ trustedProxies: ['10.0.0.1', 'fd00::/8'] });
  assert.equal(o.trusted?.has('fd00::abcd'), true);
  assert.equal(o.trusted?.has('10.0.0.1'), true);
  assert.equal(o.trusted?.has('10.0.0.2'), false);
  assert.equal(compileConsoleOptions({}).trusted, null, 'none by default');
});

test('client address: X-Forwarded-For is ignored from an untrusted peer, read from a trusted one (rightmost untrusted entry)', () => {
  const p = proxies('10.0.0.5', '10.0.1.0/24');
  // No trusted proxy configured, or a peer that is not one: the header is anyone's to write.
  assert.equal(clientAddress('203.0.113.9', '198.51.100.1', null), '203.0.113.9');
  assert.equal(clientAddress('203.0.113.9', '198.51.100.1', p), '203.0.113.9');
  assert.equal(clientAddress('::ffff:203.0.113.9', '198.51.100.1', p), '203.0.113.9');
  // Through the proxy: the address it appended; what the client wrote to the left is never read.
  assert.equal(clientAddress('10.0.0.5', '198.51.100.1', p), '198.51.100.1');
  assert.equal(clientAddress('10.0.0.5', '1.2.3.4, 198.51.100.1', p), '198.51.100.1');
  assert.equal(clientAddress('::ffff:10.0.0.5', ['1.2.3.4', '198.51.100.1'], p), '198.51.100.1', 'several header lines, a mapped peer');
  // Two trusted hops: skipped from the right.
  assert.equal(clientAddress('10.0.0.5', '1.2.3.4, 198.51.100.1, 10.0.1.7', p), '198.51.100.1');
  // No header, or garbage where an address should be: the nearest trusted hop stands for the client.
  assert.equal(clientAddress('10.0.0.5', undefined, p), '10.0.0.5');
  assert.equal(clientAddress('10.0.0.5', 'unknown, 10.0.1.7', p), '10.0.1.7');
  assert.equal(clientAddress('10.0.0.5', '[2001:db8::7]:5555', p), '2001:db8::7');
});

test('address keys: IPv4 as it is, IPv6 grouped by /64', () => {
  assert.equal(addressKey('198.51.100.1'), '198.51.100.1');
  assert.equal(addressKey('2001:db8:1:2::1'), '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:db8:1:3::1'), '2001:db8:1:3::/64');
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
  assert.equal(addressKey('2001:db8::'), '2001:db8:0:0::/64');
  assert.equal(addressKey('64:ff9b::192.0.2.1'), '64:ff9b:0:0::/64');
});

test('login limiter memory is bounded: keys with no failure left in the window are dropped, at most maxKeys are kept (oldest failure first out)', () => {
  const l = new LoginLimiter(3, 10_000, 4);
  for (let i = 0; i < 4; i++) l.fail([`addr:10.0.0.${i}`], 1000 + i);
  assert.equal(l.size, 4);
  // Over the cap: the key that failed longest ago goes; the one that failed again since stays.
  l.fail(['addr:10.0.0.0'], 2000);
  l.fail(['addr:10.0.0.9'], 2001);
  assert.equal(l.size, 4);
  l.fail(['addr:10.0.0.0'], 2002);
  l.fail(['addr:10.0.0.0'], 2003);
  assert.ok(l.retryAfterMs(['addr:10.0.0.0'], 2004) > 0, 'the key kept (failed again) still has its first failures: evicting by insertion order would have dropped them');
  // A window later, the next failure sweeps every expired key.
  l.fail(['user:new'], 20_000);
  assert.equal(l.size, 1);
  // Many distinct keys never grow the map past the cap.
  const big = new LoginLimiter(5, 60_000, 1000);
  for (let i = 0; i < 10_000; i++) big.attempt([`user:u${i}`, `addr:${addressKey(`2001:db8:${i.toString(16)}::1`)}`], i);
  assert.equal(big.size, 1000);
});

test('login keys: a name no account can have counts under one short key, whatever its length (review S1 of ops22)', () => {
  const long = 'x'.repeat(60_000);
  const [u1, a1] = loginKeys(long, '2001:db8:1:2::7');
  const [u2] = loginKeys(`${long}y`, '192.0.2.1');
  const [u3] = loginKeys('bad name!', '192.0.2.1');
  assert.equal(u1, u2);
  assert.equal(u1, u3);
  assert.ok(u1.length < 20, 'the key stays short');
  assert.equal(a1, 'addr:2001:db8:1:2::/64');
  assert.deepEqual(loginKeys('Ana.Moderator', '192.0.2.1'), ['user:ana.moderator', 'addr:192.0.2.1']);
  assert.notEqual(loginKeys('ana', '192.0.2.1')[0], u1);
  assert.equal(loggedName(long), '(not an account name, 60000 chars)');
  assert.equal(loggedName('ana'), 'ana');
});
