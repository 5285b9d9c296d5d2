import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createLogger } from './logger.js';
import { formatLogLine, isTransientClientMessage, prettyLogStream, resolveLogFormat } from './log-format.js';

/** 09:30:05 local time: lines show the reader's clock. */
const T = new Date(2026, 11, 2, 9, 30, 5).getTime();
const cases: { name: string; line: string; minLevel?: number; want: string | null }[] = [
  { name: 'warning with fields', line: JSON.stringify({ level: 40, time: T, svc: 'classifier', component: 'kafkajs', msg: 'broker slow', partition: 3 }),
    want: '09:30:05 WARN  classifier/kafkajs: broker slow  (partition=3)' },
  { name: 'error object shown by its message', line: JSON.stringify({ level: 50, time: T, svc: 'audit-sink', msg: 'store failed', err: { type: 'Error', message: 'boom', stack: 'x' } }),
    want: '09:30:05 ERROR audit-sink: store failed  (err=boom)' },
  { name: 'info below the minimum level is dropped', line: JSON.stringify({ level: 30, time: T, msg: 'partitions assigned' }), minLevel: 40, want: null },
  { name: 'info kept at the default minimum, its event after the service', line: JSON.stringify({ level: 30, time: T, svc: 'classifier', msg: 'ready', event: 'worker.started' }),
    want: '09:30:05 INFO  classifier: [worker.started] ready' },
  { name: 'a few fields, the rest counted', line: JSON.stringify({ level: 40, time: T, msg: 'm', ...Object.fromEntries([...'abcdefghij'].map((k, i) => [k, i])) }),
    want: '09:30:05 WARN  m  (a=0, b=1, c=2, d=3, e=4, f=5, g=6, h=7, +2 more)' },
  { name: 'the error first, never among the hidden fields', line: JSON.stringify({ level: 50, time: T, msg: 'store write failed', ...Object.fromEntries([...'abcdefghij'].map((k, i) => [k, i])), err: { type: 'Error', message: 'disk full' } }),
    want: '09:30:05 ERROR store write failed  (err=disk full, a=0, b=1, c=2, d=3, e=4, f=5, g=6, h=7, +2 more)' },
  { name: 'control characters in the message, a field, the event and the error are escaped', line: JSON.stringify({ level: 40, time: T, event: 'e\x1b[2J', msg: 'a\nb\r', user: 'x\x1b]0;t\x07\u202e\x85', err: { message: 'boom\n\x1b[1A' } }),
    want: '09:30:05 WARN  [e\\u001b[2J] a\\nb\\r  (err=boom\\n\\u001b[1A, user=x\\u001b]0;t\\u0007\\u202e\\u0085)' },
  { name: 'not JSON passes through', line: 'vigie: something printed by hand', want: 'vigie: something printed by hand' },
  { name: 'JSON that is not a log line passes through', line: '{"a":1}', want: '{"a":1}' },
  { name: 'long values are cut', line: JSON.stringify({ level: 40, time: T, msg: 'm', topics: 'x'.repeat(300) }), want: `09:30:05 WARN  m  (topics=${'x'.repeat(117)}...)` },
];
for (const c of cases) {
  test(`formatLogLine: ${c.name}`, () => assert.equal(formatLogLine(c.line, c.minLevel === undefined ? {} : { minLevel: c.minLevel }), c.want));
}

test('colour marks warnings and errors only', () => {
  assert.match(formatLogLine(JSON.stringify({ level: 50, time: T, msg: 'x' }), { colour: true })!, /\x1b\[31mERROR/);
  assert.doesNotMatch(formatLogLine(JSON.stringify({ level: 30, time: T, msg: 'x' }), { colour: true })!, /\x1b\[/);
});

test('prettyLogStream formats what a real logger writes, split across chunks, with chat text still redacted', async () => {
  const raw = new PassThrough();
  let text = '';
  const pretty = raw.pipe(prettyLogStream({ minLevel: 40 }));
  pretty.on('data', (d: Buffer) => { text += d.toString(); });
  const log = createLogger({ name: 'classifier', destination: raw });
  log.info('ignored at this level');
  log.warn({ text: 'secret chat text', partition: 1 }, 'slow batch');
  raw.write(`{"level":50,"time":${T},`);
  raw.end('"msg":"split line"}\n');
  await new Promise((r) => pretty.on('end', r));
  const lines = text.trim().split('\n');
  assert.equal(lines.length, 2, text);
  assert.match(lines[0]!, /^\d\d:\d\d:\d\d WARN  classifier: slow batch {2}\(text=\[redacted\], partition=1\)$/);
  assert.equal(lines[1], '09:30:05 ERROR split line');
});

test('expected transient client states are recognised; real failures are not', () => {
  for (const m of ['The coordinator is loading and can\'t process requests', 'There is no leader for this topic-partition as we are in the middle of a leadership election',
    'Restarting the consumer in 1200ms', 'The group is rebalancing, so a rejoin is needed']) assert.equal(isTransientClientMessage(m), true, m);
  assert.equal(isTransientClientMessage('Crash: KafkaJSNonRetriableError', 'SASL SCRAM-SHA-512 authentication failed'), false);
  assert.equal(isTransientClientMessage('This server does not host this topic-partition'), false);
});

test('readable lines on a terminal only, JSON to a pipe or a log file, unless VIGIE_LOG_FORMAT says', () => {
  assert.deepEqual([resolveLogFormat('auto', true, null), resolveLogFormat('auto', false, null), resolveLogFormat('auto', true, '/var/log/v.json'),
    resolveLogFormat('json', true, null), resolveLogFormat('pretty', false, null), resolveLogFormat('pretty', true, '/var/log/v.json')], ['pretty', 'json', 'json', 'json', 'pretty', 'json']);
});
