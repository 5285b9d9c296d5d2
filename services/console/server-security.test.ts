// The console's HTTP handler under attack: parallel password guesses, and the topics it writes to (VIGIE_TOPIC_PREFIX).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type AddressInfo } from 'node:net';
import { auditRecord, BACKENDS, escalation, silentLog, T0 } from '../../test/support/audit.js';
import { otherLoopback } from '../../test/support/net.js';
import { Writable } from 'node:stream';
import { loadConfig } from '../common/config.js';
import { createLogger } from '../common/logger.js';
import { createCodecs } from '../contracts/index.js';
import { KafkaClient } from '../kafka/client.js';
import { addUser } from './accounts.js';
import { compileConsoleOptions } from './options.js';
import { kafkaPublisher, type ConsolePublisher } from './publisher.js';
import { createConsole } from './server.js';
import { safeArchiveName, unzip, zipFiles } from './zip.js';

const noPublisher: ConsolePublisher = {
  topics: { feedback: 'f', actions: 'a' }, feedback: async () => [], action: async () => undefined, close: async () => undefined,
};

test('login rate limit holds against parallel guesses: 20 at once, at most 5 password checks, the rest 429', async () => {
  const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
  const { store, cleanup } = await sqlite.fresh();
  const { server } = createConsole({ store, opts: compileConsoleOptions({ port: 0, loginMaxFailures: 5 }), log: silentLog, publisher: noPublisher });
  try {
    await addUser(store.db, 'ivan', 'investigator', 'right-password-123', Date.now());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const guess = (i: number) => fetch(`${base}/login`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'vigie_login_csrf=tok' },
      body: new URLSearchParams({ csrf: 'tok', username: 'ivan', password: `guess-${i}` }).toString(),
    }).then(async (r) => { await r.arrayBuffer(); return r.status; });
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => guess(i)));
    assert.equal(statuses.filter((s) => s === 401).length, 5, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 15);
  } finally {
    server.close();
    await cleanup();
  }
});

/** A console on 127.0.0.1 with the given options; `login` posts a wrong password with an optional X-Forwarded-For and returns the status. */
async function consoleWith(o: Parameters<typeof compileConsoleOptions>[0], fn: (base: string, login: (user: string, xff?: string) => Promise<number>) => Promise<void>): Promise<void> {
  const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
  const { store, cleanup } = await sqlite.fresh();
  const { server } = createConsole({ store, opts: compileConsoleOptions({ port: 0, ...o }), log: silentLog, publisher: noPublisher });
  try {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = (user: string, xff?: string) => fetch(`${base}/login`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'vigie_login_csrf=tok', ...(xff ? { 'x-forwarded-for': xff } : {}) },
      body: new URLSearchParams({ csrf: 'tok', username: user, password: 'wrong-password-1' }).toString(),
    }).then(async (r) => { await r.arrayBuffer(); return r.status; });
    await fn(base, login);
  } finally {
    server.closeAllConnections();
    server.close();
    await cleanup();
  }
}

test('F8: X-Forwarded-For from a peer that is not a trusted proxy is ignored (default: none trusted); spoofing it buys no extra guesses', async () => {
  for (const trustedProxies of [[], ['10.9.9.9']]) {
    await consoleWith({ loginMaxFailures: 3, trustedProxies }, async (_base, login) => {
      for (let i = 0; i < 3; i++) assert.equal(await login(`u${i}`, `198.51.100.${i}`), 401);
      assert.equal(await login('u9', '198.51.100.99'), 429, `the TCP peer is counted (trusted: ${trustedProxies.join(',') || 'none'})`);
    });
  }
});

test('F8, m9: behind a trusted proxy each client is counted on its own (rightmost untrusted X-Forwarded-For entry), IPv6 clients by /64', async () => {
  await consoleWith({ loginMaxFailures: 3, trustedProxies: ['127.0.0.1'] }, async (_base, login) => {
    for (let i = 0; i < 3; i++) assert.equal(await login(`a${i}`, '198.51.100.1'), 401);
    assert.equal(await login('a9', '198.51.100.1'), 429, 'that client is limited');
    assert.equal(await login('b0', '198.51.100.2'), 401, 'another client behind the same proxy is not');
    assert.equal(await login('b1', '198.51.100.2, 198.51.100.1'), 429, 'an entry the client wrote to the left is not read');
    for (const [i, a] of ['2001:db8:1:2::a', '2001:db8:1:2::b', '2001:db8:1:2:ffff::c'].entries()) assert.equal(await login(`c${i}`, a), 401);
    assert.equal(await login('c9', '2001:db8:1:2::d'), 429, 'the same /64');
    assert.equal(await login('d0', '2001:db8:1:3::1'), 401, 'the next /64');
  });
});

test('S1 leftover: a trusted proxy\'s connections are not capped at 256; each client behind it gets its own share of requests at once', async () => {
  await consoleWith({ trustedProxies: ['127.0.0.1'], requestTimeoutMs: 20_000 }, async (base, _login) => {
    const port = Number(new URL(base).port);
    // 260 requests from client A held open (body promised, not sent), all through the proxy's address.
    const held = Array.from({ length: 260 }, () => {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.write('POST /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ncsrf=');
      return s;
    });
    try {
      const status = async (xff: string) => { const r = await fetch(`${base}/healthz`, { headers: { 'x-forwarded-for': xff } }); await r.arrayBuffer(); return r.status; };
      let a = 0;
      for (let i = 0; i < 100 && a !== 503; i++) { a = await status('198.51.100.1'); if (a !== 503) await new Promise((r) => setTimeout(r, 100)); }
      assert.equal(a, 503, 'client A is over its share');
      assert.equal(await status('198.51.100.2'), 200, 'client B, through the same proxy, is served');
    } finally {
      for (const s of held) s.destroy();
    }
  });
});

test('the console publishes to the prefixed topics (VIGIE_TOPIC_PREFIX, VIGIE_TOPIC_ACTIONS), as every service does', async () => {
  const kafka = new KafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'test' }, silentLog);
  try {
    const cfg = loadConfig({ VIGIE_TOPIC_PREFIX: 't1.', VIGIE_TOPIC_ACTIONS: 'mod.acts' });
    assert.deepEqual(kafkaPublisher(kafka, createCodecs(), cfg).topics, { feedback: 't1.moderation.feedback', actions: 't1.mod.acts' });
  } finally {
    await kafka.close();
  }
});

/** Opens a raw connection, sends `head`, then one byte every 200 ms; resolves with what the server answered and when it closed. */
function trickle(port: number, head: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    let answer = '';
    // The trickle starts once the head is written: a tick before the connection (a loaded machine) put 'a' in
    // front of the request line, and the server rightly answered 400.
    let tick: NodeJS.Timeout | undefined;
    const s = connect(port, '127.0.0.1', () => { s.write(head); tick = setInterval(() => s.write('a'), 200); });
    const give = setTimeout(() => s.destroy(), 8000);
    s.on('data', (d) => { answer += d.toString(); });
    s.on('error', () => undefined);
    s.on('close', () => { clearInterval(tick); clearTimeout(give); resolve({ answer, closedAfterMs: Date.now() - t0 }); });
  });
}

test('slow clients are cut off: headers and bodies trickled a byte at a time get 408 once the time is up (Node would wait 60 s / 300 s)', async () => {
  const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
  const { store, cleanup } = await sqlite.fresh();
  const opts = compileConsoleOptions({ port: 0, headersTimeoutMs: 500, requestTimeoutMs: 1500 });
  const logged: string[] = [];
  const log = createLogger({ level: 'warn', destination: new Writable({ write(chunk, _e, done) { logged.push(String(chunk)); done(); } }) });
  const { server } = createConsole({ store, opts, log, publisher: noPublisher });
  try {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const [headers, body] = await Promise.all([
      trickle(port, 'GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: '),
      trickle(port, 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000\r\n\r\n'),
    ]);
    for (const [name, r] of [['headers', headers], ['body', body]] as const) {
      assert.match(r.answer, /^HTTP\/1\.1 408/, `${name}: ${JSON.stringify(r.answer.slice(0, 40))} after ${r.closedAfterMs} ms`);
      assert.ok(r.closedAfterMs < 7000, `${name} closed after ${r.closedAfterMs} ms`);
    }
    assert.ok(!(server.maxConnections > 0), 'no global connection cap (review S1): one client could fill it');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(logged, [], 'a client cut off is not a server error in the log');
  } finally {
    server.close();
    await cleanup();
  }
});

test('review M5: VIGIE_CONSOLE_HOST=[::1] listens on ::1 (brackets taken off at configuration), a malformed host is refused with a clear error', async () => {
  for (const [given, want] of [['[::1]', '::1'], ['::1', '::1'], [' [::1] ', '::1'], ['localhost', 'localhost'], ['127.0.0.1', '127.0.0.1']] as const) {
    assert.equal(compileConsoleOptions({ host: given }).host, want, given);
  }
  for (const bad of ['[127.0.0.1]', '[::1', 'http://127.0.0.1', '127.0.0.1:8080', '[::1]:8080']) {
    assert.throws(() => compileConsoleOptions({ host: bad }), (e: Error) => {
      assert.match(e.message, /console host \(VIGIE_CONSOLE_HOST\) must be an IPv4 address, an IPv6 address with or without brackets \(::1 or \[::1\]\), or a host name/);
      assert.ok(e.message.includes(`(got '${bad}')`), e.message);
      assert.doesNotMatch(e.message, /plain HTTP/, 'one clear problem, not the TLS one as well');
      return true;
    }, bad);
  }
  // The address the options give is one listen() takes: the console answers on [::1] (on 127.0.0.2 where the machine
  // has no IPv6 loopback: listen('::1') would fail there whatever the options gave).
  const lo = await otherLoopback();
  const opts = compileConsoleOptions({ host: lo.given, port: 0 });
  assert.equal(opts.host, lo.host);
  const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
  const { store, cleanup } = await sqlite.fresh();
  const { server } = createConsole({ store, opts, log: silentLog, publisher: noPublisher });
  try {
    await new Promise<void>((res, rej) => { server.once('error', rej); server.listen(opts.port, opts.host, () => res()); });
    const res = await fetch(`http://${lo.url}:${(server.address() as AddressInfo).port}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'ok\n');
  } finally {
    server.close();
    await cleanup();
  }
});

test('plain HTTP on a non-loopback address is refused (passwords in clear) unless TLS is served or a TLS proxy is declared; then cookies are Secure', async () => {
  assert.throws(() => compileConsoleOptions({ host: '0.0.0.0' }), /plain HTTP would send passwords and session cookies in clear/);
  assert.throws(() => compileConsoleOptions({ host: '10.1.2.3' }), /VIGIE_CONSOLE_TLS_PROXY/);
  for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '::ffff:127.0.0.1']) assert.equal(compileConsoleOptions({ host }).host, host);
  assert.equal(compileConsoleOptions({ host: '0.0.0.0', tls: { cert: 'c', key: 'k' } }).host, '0.0.0.0');
  const opts = compileConsoleOptions({ host: '0.0.0.0', tlsProxy: true, port: 0 });
  const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
  const { store, cleanup } = await sqlite.fresh();
  const { server } = createConsole({ store, opts, log: silentLog, publisher: noPublisher });
  try {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/login`);
    await res.arrayBuffer();
    assert.match(res.headers.get('set-cookie') ?? '', /vigie_login_csrf=[^;]+; Path=\/login; HttpOnly; SameSite=Strict; Secure/);
  } finally {
    server.close();
    await cleanup();
  }
});

test('evidence zip: a case id from the input (message id with ../ and the :escalation suffix) cannot name a path outside the folder, nor a name Windows cannot extract', async () => {
  const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
  const { store, cleanup } = await sqlite.fresh();
  const { server } = createConsole({ store, opts: compileConsoleOptions({ port: 0 }), log: silentLog, publisher: noPublisher });
  const caseId = '../../../../etc/cron.d/m-3:escalation';
  try {
    await addUser(store.db, 'ivan', 'investigator', 'right-password-123', Date.now());
    await store.write({ audit: [auditRecord(1), auditRecord(2, { flagged: true }), auditRecord(3, { flagged: true, escalationPriority: 'P0' })] }, T0);
    await store.write({ escalations: [escalation(caseId)] }, T0 + 5000);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/login`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'vigie_login_csrf=tok' },
      body: new URLSearchParams({ csrf: 'tok', username: 'ivan', password: 'right-password-123' }).toString(),
    });
    const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('vigie_session=')) ?? '').split(';')[0]!;
    assert.ok(cookie, `logged in (${login.status})`);
    // The download is a POST carrying the session's CSRF token (the case page's form), the reference in the body.
    const page = await (await fetch(`${base}/cases/${encodeURIComponent(caseId)}`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const r = await fetch(`${base}/cases/${encodeURIComponent(caseId)}/evidence.zip`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, reference: 'REQ-1' }).toString(),
    });
    assert.equal(r.status, 200);
    const names = unzip(Buffer.from(await r.arrayBuffer())).map((f) => f.name);
    assert.equal(names.length, 5);
    for (const n of names) assert.match(n, /^evidence-[\w.-]+\/[\w.-]+$/, n);
    assert.ok(names.every((n) => !n.split('/').includes('..')), names.join(' '));
    assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename="evidence-[\w.-]+\.zip"$/);
  } finally {
    server.closeAllConnections();
    server.close();
    await cleanup();
  }
});

test('zip: names an extractor would write outside its folder are refused; safeArchiveName keeps long ids apart', () => {
  for (const name of ['../x', 'a/../../x', '/etc/x', 'a\\..\\x', 'C:/x', './x']) {
    assert.throws(() => zipFiles([{ name, data: Buffer.from('x') }], new Date()), /unsafe entry name/, name);
  }
  assert.equal(safeArchiveName('d-c002-m11:escalation'), 'd-c002-m11_escalation');
  assert.equal(safeArchiveName('..'), '_');
  const long = (s: string) => safeArchiveName(`${'m'.repeat(300)}${s}`);
  assert.ok(long('a').length <= 100 && long('a') !== long('b'));
});
