/**
 * VIGIE_CLASSIFIER_HTTP_HOST and VIGIE_AUDIT_HTTP_HOST: the health and metrics ports listen on the address given
 * (here [::1], brackets and all, as an operator may write it; 127.0.0.2 on a machine without IPv6) instead of the fixed 127.0.0.1. Both services
 * serve /livez before any broker answers, so none is needed: KAFKA_BROKERS names a closed port.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { otherLoopback } from '../../../test/support/net.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../main.js');

/** Starts `vigie ARGS`, checks /livez answers on `url` only (not on 127.0.0.1), stops it with SIGTERM; returns its stderr (the log). */
async function servesOn(args: string[], env: Record<string, string>, printed: RegExp, url: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-http-host-'));
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:1', VIGIE_CONFIG: '', VIGIE_LOG_LEVEL: 'error', VIGIE_DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '', stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const exited = once(child, 'exit');
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    const port = await new Promise<number>((res, rej) => {
      child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); const m = printed.exec(stdout); if (m) res(Number(m[1])); });
      child.once('exit', (code) => rej(new Error(`exited ${code} before listening: ${stderr}`)));
    });
    const live = await fetch(`http://${url}:${port}/livez`);
    assert.equal(live.status, 200);
    await live.arrayBuffer();
    await assert.rejects(fetch(`http://127.0.0.1:${port}/livez`), 'not on 127.0.0.1 any more');
  } finally {
    child.kill('SIGTERM');
    await exited;
    clearTimeout(killer);
    rmSync(dir, { recursive: true, force: true });
  }
  return stderr;
}

test('the classifier\'s health and metrics port listens on VIGIE_CLASSIFIER_HTTP_HOST ([::1]); stopped while waiting for Kafka, it says so in one line', async () => {
  const lo = await otherLoopback();
  const log = await servesOn(['run', 'classifier'], { VIGIE_CLASSIFIER_HTTP_HOST: lo.given, VIGIE_CLASSIFIER_HTTP_PORT: '0', VIGIE_ENGINE_THREADS: '0',
    VIGIE_MODEL_DIR: 'none', VIGIE_WINDOW_MODEL_DIR: 'none', VIGIE_LOG_LEVEL: 'info', VIGIE_LOG_FORMAT: 'json' }, /^vigie-classifier http (\d+)$/m, lo.url);
  const stops = log.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg: string }).msg).filter((m) => /^stopp/.test(m));
  // Not also "stopping: finishing the window in flight, leaving the group" and "stopped": there was no window and no group.
  assert.equal(stops.length, 1, stops.join(' | '));
  assert.match(stops[0]!, /^stopped while (waiting for Kafka|loading): nothing consumed$/);
});

test('the audit sink\'s health and metrics port listens on VIGIE_AUDIT_HTTP_HOST ([::1])', async () => {
  const lo = await otherLoopback();
  await servesOn(['run', 'audit-sink'], { VIGIE_AUDIT_HTTP_HOST: lo.given, VIGIE_AUDIT_HTTP_PORT: '0' }, /^vigie-audit-sink http (\d+)$/m, lo.url);
});
