import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import { announced } from './child-announce.js';

function fakeChild() {
  const child = new EventEmitter() as ChildProcess;
  (child as unknown as { stdout: PassThrough }).stdout = new PassThrough();
  return { child, exited: new Promise<number | null>(() => undefined) };
}

test('announced: the first match, across chunks; the listener is gone afterwards and the output keeps flowing', async () => {
  const c = fakeChild();
  const out = c.child.stdout as PassThrough;
  const p = announced(c, /vigie-console (\S+)/, () => 'exited');
  out.write('starting...\nvigie-con');
  out.write('sole http://127.0.0.1:8080/\n');
  const m = await p;
  assert.equal(m[1], 'http://127.0.0.1:8080/');
  assert.equal(out.listenerCount('data'), 0, 'nothing keeps or rescans the console output after its address');
  assert.notEqual(out.readableFlowing, false, 'still flowing: a full pipe would block the child');
  out.write('x'.repeat(1 << 20));
});

test('announced: rejects when the child exits first, and lets go of its stdout', async () => {
  const c = fakeChild();
  const p = announced(c, /vigie-classifier http (\d+)/, (code) => `the worker exited (${code}) during start-up`);
  c.child.emit('exit', 3);
  await assert.rejects(p, /the worker exited \(3\) during start-up/);
  assert.equal((c.child.stdout as PassThrough).listenerCount('data'), 0);
});
