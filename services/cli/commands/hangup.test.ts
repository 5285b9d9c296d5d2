/**
 * SIGHUP to a long-running service (logrotate's postrotate, `systemctl reload`, a closed terminal): Node's default
 * ended the audit sink, the review console and a loading classifier at once (exit 129, no log line, every console
 * session lost). Now each reopens its VIGIE_LOG_FILE (a file moved away by logrotate is recreated, 0600), logs the
 * signal and keeps running; SIGTERM still stops it with exit 0. No broker is needed: KAFKA_BROKERS names a closed port.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../main.js');

async function survivesHangup(args: string[], env: Record<string, string>, printed: RegExp, lifecycle: RegExp[] = []): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-hangup-'));
  const logFile = join(dir, 'logs', 'vigie.log');
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:1', VIGIE_CONFIG: '', VIGIE_LOG_LEVEL: 'info', VIGIE_DATA_DIR: join(dir, 'data'), VIGIE_LOG_FILE: logFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '', stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); if (printed.test(stdout)) res(); });
      child.once('exit', (code) => rej(new Error(`exited ${code} before listening: ${stderr}`)));
    });
    renameSync(logFile, `${logFile}.1`); // what logrotate does before its postrotate `kill -HUP`
    child.kill('SIGHUP');
    for (let i = 0; i < 100 && !existsSync(logFile); i++) await sleep(50);
    await sleep(300);
    assert.equal(child.exitCode, null, `still running after SIGHUP (signal ${child.signalCode}); stderr: ${stderr}`);
    assert.ok(existsSync(logFile), 'the log file is reopened at its path');
    assert.equal(statSync(logFile).mode & 0o777, 0o600);
    assert.match(readFileSync(logFile, 'utf8'), /"signal":"SIGHUP"/);
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    assert.deepEqual([code, signal], [0, null], stderr);
    const logged = readFileSync(`${logFile}.1`, 'utf8') + readFileSync(logFile, 'utf8'); // before and after the rotation
    for (const re of lifecycle) assert.match(logged, re);
  } finally {
    if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited; }
    clearTimeout(killer);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('SIGHUP: the review console keeps running (sessions kept) and reopens its log file', async () => {
  await survivesHangup(['console'], { VIGIE_CONSOLE_PORT: '0' }, /^vigie-console http:\/\/127\.0\.0\.1:\d+$/m,
    // its start and its stop are logged too (round 40: a SIGTERM stopped it without a line)
    [/"event":"console\.started"/, /"event":"signal","signal":"SIGTERM"/, /"event":"console\.stopped"/]);
});

test('SIGHUP: the audit sink keeps running (waiting for Kafka) and reopens its log file', async () => {
  await survivesHangup(['run', 'audit-sink'], { VIGIE_AUDIT_HTTP_PORT: '0' }, /^vigie-audit-sink http \d+$/m);
});

test('SIGHUP: the classifier, still waiting for Kafka, keeps running and reopens its log file', async () => {
  await survivesHangup(['run', 'classifier'], { VIGIE_CLASSIFIER_HTTP_PORT: '0', VIGIE_ENGINE_THREADS: '0', VIGIE_MODEL_DIR: 'none', VIGIE_WINDOW_MODEL_DIR: 'none' },
    /^vigie-classifier http \d+$/m);
});
