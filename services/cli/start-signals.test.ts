import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MODULE = fileURLToPath(new URL('./start-signals.js', import.meta.url));

/** A process that handles start signals, then (after `takeOverMs`, or never) adds its own SIGTERM handler; SIGTERM at `signalMs`. */
async function run(takeOverMs: number | null, signalMs: number): Promise<{ code: number | null; signal: string | null; out: string }> {
  const script = `
    const { handleStartSignals } = await import(${JSON.stringify(MODULE)});
    handleStartSignals('run test', { stop: true });
    process.stdout.write('ready\\n');
    ${takeOverMs === null ? '' : `setTimeout(() => { process.once('SIGTERM', () => { process.stdout.write('own stop\\n'); process.exit(3); }); process.stdout.write('taken\\n'); }, ${takeOverMs});`}
    setTimeout(() => process.exit(9), 5000);`;
  const c = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  c.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  c.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  while (!out.includes(takeOverMs === null ? 'ready' : 'taken')) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, signalMs));
  c.kill('SIGTERM');
  return new Promise((r) => c.once('exit', (code, signal) => r({ code, signal, out })));
}

test('a SIGTERM before the service takes it: one line, exit 0 (was killed, 143, not a word) (ops50)', async () => {
  const r = await run(null, 50);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /vigie run test: SIGTERM during start-up: stopped before reading or writing anything/);
});

test('once the service adds its own SIGTERM listener, that one gets the signal, and the start-up handler no longer exits (ops50)', async () => {
  const r = await run(10, 100);
  assert.equal(r.code, 3, `the service's own stop ran; output:\n${r.out}`);
  assert.match(r.out, /own stop/);
  assert.doesNotMatch(r.out, /during start-up/);
});
