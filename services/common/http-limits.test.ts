import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { HTTP_LIMITS, httpServerOptions, httpsServerOptions, limitConnections } from './http-limits.js';

const open = (port: number, localAddress: string) => new Promise<Socket>((resolve, reject) => {
  const s = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(s));
  s.on('error', reject);
});
/** Resolves 'closed' when the server closes the socket, else 'open' after ms. */
const closedWithin = (s: Socket, ms: number) => new Promise<'closed' | 'open'>((resolve) => {
  const t = setTimeout(() => resolve('open'), ms);
  s.once('close', () => { clearTimeout(t); resolve('closed'); });
  s.on('error', () => {});
});
const get = (port: number, localAddress: string) => new Promise<number>((resolve, reject) => {
  const s = connect({ port, host: '127.0.0.1', localAddress }, () => s.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
  let data = '';
  s.on('data', (d) => { data += d; });
  s.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0)));
  s.on('error', reject);
});

test('review S1: one address holding its share of idle sockets does not lock out another address (no global cap)', { skip: process.platform !== 'linux' }, async () => {
  const server: Server = limitConnections(createServer(httpServerOptions(), (_req, res) => res.end('ok')), 3);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const idle: Socket[] = [];
  try {
    for (let i = 0; i < 3; i++) idle.push(await open(port, '127.0.0.1'));
    const extra = await open(port, '127.0.0.1');
    idle.push(extra);
    assert.equal(await closedWithin(extra, 2000), 'closed', 'the fourth socket from the same address is closed at accept');
    assert.equal(await get(port, '127.0.0.2'), 200, 'another address is still served');
    idle[0]!.destroy();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await get(port, '127.0.0.1'), 200, 'a closed socket gives its place back');
  } finally {
    for (const s of idle) s.destroy();
    server.close();
  }
});

test('review S2: an HTTPS server bounds the TLS handshake by the headers limit (Node\'s default is 120 s)', () => {
  assert.equal(httpsServerOptions().handshakeTimeout, HTTP_LIMITS.headersTimeoutMs);
  assert.equal(httpsServerOptions({ headersTimeoutMs: 1234, requestTimeoutMs: 5000 }).handshakeTimeout, 1234);
  assert.equal(httpsServerOptions().headersTimeout, HTTP_LIMITS.headersTimeoutMs);
});

test('review M1 of ops22: keyOf counts addresses in groups (the console counts an IPv6 /64 as one address)', { skip: process.platform !== 'linux' }, async () => {
  // Here 127.0.0.1 and 127.0.0.2 stand for two addresses of one /64: one group, one share.
  const group = (a: string) => (/^(::ffff:)?127\.0\.0\.[12]$/.test(a) ? 'group' : a);
  const server: Server = limitConnections(createServer(httpServerOptions(), (_req, res) => res.end('ok')), 3, () => false, group);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const idle: Socket[] = [];
  try {
    for (let i = 0; i < 3; i++) idle.push(await open(port, '127.0.0.1'));
    const extra = await open(port, '127.0.0.2');
    idle.push(extra);
    assert.equal(await closedWithin(extra, 2000), 'closed', 'the group\'s fourth socket is closed, from another address of the group');
    assert.equal(await get(port, '127.0.0.3'), 200, 'an address outside the group is served');
  } finally {
    for (const s of idle) s.destroy();
    server.close();
  }
});
