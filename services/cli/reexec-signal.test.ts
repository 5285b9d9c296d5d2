/**
 * The classifier's first image, started without its Node flags, re-executes itself (node-flags.ts). Stop 51 (ops51):
 * it did so in the command, after importing the command's modules (~1 s on a busy machine) with SIGTERM left to
 * Node's default, so a supervisor's SIGTERM then killed it: exit 143, not a word. Now it re-executes from main.ts,
 * before the command's modules load, with the start-up signals handled: a signal taken before the exec is an orderly
 * stop (exit 0, one line). A preload (--import) sends the signal at a precise point of the first image's start-up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), 'main.js');

/** Records the modules the FIRST image resolves (no re-exec marker yet) and sends itself SIGTERM at the one named. */
const PRELOAD = `
import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
const first = !process.env.VIGIE_CLASSIFIER_REEXECUTED;
registerHooks({ resolve(specifier, context, next) {
  const r = next(specifier, context);
  if (first && process.env.T_RECORD) appendFileSync(process.env.T_RECORD, r.url + '\\n');
  if (first && process.env.T_KILL_AT && r.url.endsWith(process.env.T_KILL_AT)) process.kill(process.pid, 'SIGTERM');
  return r;
} });
// A signal taken while process.execve does its own steps, before the exec system call (review of ops51).
if (first && process.env.T_KILL_IN_EXECVE) {
  const execve = process.execve;
  process.execve = (...a) => { process.kill(process.pid, 'SIGTERM'); return execve.apply(process, a); };
}
`;

function run(env: Record<string, string>, onStdout?: (text: string, kill: () => void) => void): Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-reexec-'));
  writeFileSync(join(dir, 'pre.mjs'), PRELOAD);
  const child = spawn(process.execPath, ['--import', join(dir, 'pre.mjs'), MAIN, 'run', 'classifier'], {
    env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:1', VIGIE_CLASSIFIER_HTTP_PORT: '0', VIGIE_ENGINE_THREADS: '0', VIGIE_MODEL_DIR: 'none',
      VIGIE_WINDOW_MODEL_DIR: 'none', VIGIE_CONFIG: '', VIGIE_LOG_FILE: '', VIGIE_LOG_FORMAT: 'json', VIGIE_CLASSIFIER_NODE_FLAGS: '', NODE_OPTIONS: '', MALLOC_ARENA_MAX: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '', stdout = '', killed = false;
  const killOnce = () => { if (!killed) { killed = true; child.kill('SIGTERM'); } };
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); onStdout?.(stdout + stderr, killOnce); });
  child.stderr.on('data', () => onStdout?.(stdout + stderr, killOnce));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((r) => child.on('exit', (code, signal) => { clearTimeout(killer); r({ code, signal, stderr, stdout }); }));
}

test('run classifier: a SIGTERM during the first image\'s start-up, before it re-executes itself, stops it in order (exit 0, one line), not Node\'s default (143)', async () => {
  const r = await run({ T_KILL_AT: '/classifier-worker/node-flags.js' });
  assert.equal(r.signal, null, `killed by ${String(r.signal)}: stderr ${r.stderr}`);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^vigie run classifier: SIGTERM during start-up: stopped before reading or writing anything$/m);
  assert.doesNotMatch(r.stdout + r.stderr, /worker\.loading/, 'the signal did not get lost with the first image (the new one would run on)');
});

test('run classifier: the first image re-executes itself before loading the command\'s modules (the window where a signal was Node\'s)', async () => {
  const record = join(mkdtempSync(join(tmpdir(), 'vigie-reexec-')), 'resolved.txt');
  writeFileSync(record, '');
  const r = await run({ T_RECORD: record }, (text, kill) => { if (/worker\.loading/.test(text)) kill(); });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout + r.stderr, /"nodeFlags":"reexecuted"/, 'it did re-execute itself');
  const firstImage = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  assert.ok(firstImage.some((u) => u.endsWith('/classifier-worker/node-flags.js')), firstImage.join('\n'));
  assert.deepEqual(firstImage.filter((u) => /\/commands\/|\/engine\/|\/kafka\//.test(u)), [], 'no command, engine or Kafka module in the first image');
});

test('run classifier: a SIGTERM taken during process.execve itself is not lost with the first image (the new one ran on until SIGKILL): Node\'s default ends it (review of ops51)', async () => {
  const r = await run({ T_KILL_IN_EXECVE: '1' });
  assert.doesNotMatch(r.stdout + r.stderr, /worker\.loading/, 'the signal was lost: the new image ran on');
  assert.ok(r.signal === 'SIGTERM' || r.code === 0, `stopped by the signal: code ${String(r.code)}, signal ${String(r.signal)}`);
});
