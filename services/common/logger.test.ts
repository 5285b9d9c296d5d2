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
