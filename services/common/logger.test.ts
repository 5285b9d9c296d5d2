import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

test('chat text and IP addresses are redacted by default, at top level and nested', () => {
  const c = capture();
  const log = createLogger({ destination: c.stream });
  log.child({ messageId: 'm1', senderIp: '203.0.113.7' }).info({ text: 'add me on snap', record: { senderIp: '198.51.100.1', text: 'hi' } }, 'classified');
  const [line] = c.lines();
  assert.ok(line);
  assert.equal(line.messageId, 'm1');
  assert.equal(line.senderIp, '[redacted]');
  assert.equal(line.text, '[redacted]');
  assert.deepEqual(line.record, { senderIp: '[redacted]', text: '[redacted]' });
  assert.doesNotMatch(JSON.stringify(c.lines()), /203\.0\.113\.7|snap/);
});

test('redaction can be turned off explicitly', () => {
  const c = capture();
  createLogger({ destination: c.stream, redact: false }).info({ text: 'visible' });
  assert.equal(c.lines()[0]?.text, 'visible');
});

function raw(isTTY?: boolean): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } });
  if (isTTY !== undefined) Object.assign(stream, { isTTY });
  return { stream, text: () => chunks.join('') };
}

test('pretty format: one readable line (local time, level, service, event, message, fields), chat text and IPs still redacted', () => {
  const c = raw();
  const log = createLogger({ destination: c.stream, name: 'classifier', format: 'pretty' });
  log.child({ component: 'kafka', senderIp: '203.0.113.7' }).warn({ event: 'kafka.broker_failed', broker: '127.0.0.1:29999', text: 'add me on snap',
    record: { message: { text: 'my address is 12 rue X', senderIp: '198.51.100.1' } } }, 'broker connection failed');
  log.debug('below the level');
  const lines = c.text().trim().split('\n');
  assert.equal(lines.length, 1, c.text());
  assert.match(lines[0]!, /^\d\d:\d\d:\d\d WARN {2}classifier\/kafka: \[kafka\.broker_failed\] broker connection failed {2}\(senderIp=\[redacted\], broker=127\.0\.0\.1:29999, text=\[redacted\], record=/);
  assert.doesNotMatch(c.text(), /203\.0\.113\.7|198\.51\.100\.1|snap|rue X|^\{/);
  assert.doesNotMatch(c.text(), /\x1b\[/, 'no colours when not a terminal');
});

test('auto format: readable on a terminal, JSON otherwise; json stays JSON on a terminal', () => {
  const tty = raw(true), pipe = raw(false), forced = raw(true);
  createLogger({ destination: tty.stream, format: 'auto' }).warn({ ip: '192.0.2.1' }, 'on a terminal');
  createLogger({ destination: pipe.stream, format: 'auto' }).warn({ ip: '192.0.2.1' }, 'to a pipe');
  createLogger({ destination: forced.stream, format: 'json' }).warn({ ip: '192.0.2.1' }, 'forced json');
  assert.match(tty.text(), /^\d\d:\d\d:\d\d \x1b\[33mWARN \x1b\[0m on a terminal {2}\(ip=\[redacted\]\)\n$/);
  assert.equal((JSON.parse(pipe.text()) as { ip: string }).ip, '[redacted]');
  assert.equal((JSON.parse(forced.text()) as { msg: string }).msg, 'forced json');
  assert.doesNotMatch(tty.text() + pipe.text() + forced.text(), /192\.0\.2\.1/);
});

test('pretty format: a forged log line or an escape sequence in a user-supplied value reaches the terminal escaped', () => {
  const c = raw(true);
  const log = createLogger({ destination: c.stream, name: 'console', format: 'pretty' });
  const forged = 'bob\n05:00:00 INFO  console: console login  (user=admin, role=admin)\x1b]0;pwned\x07\r\u202e';
  log.warn({ user: forged }, 'console login failed');
  log.error({ err: new Error(`disk\nfull\x1b[2J`), nested: { user: forged } }, `msg\x1b[1A\x9b${forged}`);
  const text = c.text();
  assert.equal(text.split('\n').length, 3, text);
  // Only the level's colour remains; every other ESC, BEL, CR, C1 and bidi override is written out.
  assert.doesNotMatch(text.replace(/\x1b\[(33|31)m|\x1b\[0m/g, ''), /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  assert.match(text, /user=bob\\n05:00:00 INFO {2}console: console login {2}\(user=admin, role=admin\)\\u001b\]0;pwned\\u0007\\r\\u202e\)/);
  assert.match(text, /msg\\u001b\[1A\\u009bbob\\n.* {2}\(err=disk\\nfull\\u001b\[2J, nested=/);
});

test('a log file always gets JSON lines, even with VIGIE_LOG_FORMAT=pretty', async () => {
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'ops20-log-')), 'v.log');
  createLogger({ file, format: 'pretty', name: 'x' }).warn({ a: 1 }, 'to file');
  const line = JSON.parse(readFileSync(file, 'utf8').trim()) as { msg: string; a: number; time: number };
  assert.deepEqual([line.msg, line.a, typeof line.time], ['to file', 1, 'number']);
});
