// vigie up's instance name for its classifier children (up-steps.ts): the configured one if set, else stable across
// restarts and unique per `vigie up`, valid as VIGIE_CLASSIFIER_INSTANCE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { ChildProcess, spawn } from 'node:child_process';
import { loadConfig } from '../common/config.js';
import type { UpContext } from './up-step.js';
import { childInstance, upInstance, upInstanceSuffix, workerSpawner } from './up-steps.js';

test('upInstance: host and suffix, within the instance name characters', () => {
  assert.equal(upInstance('build-7.example', '0a1b2c3d'), 'up-build-7.example-0a1b2c3d');
  const odd = upInstance('héte:1/x y'.repeat(20), 'ffffffff');
  assert.match(odd, /^[A-Za-z0-9._-]{1,100}$/);
  assert.equal(upInstance('', '12345678'), 'up-host-12345678');
});

test('childInstance: a configured worker.instance wins; else up-<host>-<suffix>', () => {
  assert.equal(childInstance('pod-7', 'h', '0a1b2c3d'), 'pod-7');
  assert.equal(childInstance(null, 'h', '0a1b2c3d'), 'up-h-0a1b2c3d');
});

test('upInstanceSuffix: 8 hex digits drawn once per process (every restart of one up gets the same instance)', () => {
  const s = upInstanceSuffix();
  assert.match(s, /^[0-9a-f]{8}$/);
  assert.equal(upInstanceSuffix(), s);
  // Another process (another `vigie up`, e.g. a container's PID 1 with the same hostname) draws its own.
  const other = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import { upInstanceSuffix } from ${JSON.stringify(new URL('./up-steps.js', import.meta.url).href)}; process.stdout.write(upInstanceSuffix());`],
  { encoding: 'utf8' });
  assert.match(other, /^[0-9a-f]{8}$/);
  assert.notEqual(other, s);
});

test('workerSpawner: the first worker and every restart of one `vigie up` get the same VIGIE_CLASSIFIER_INSTANCE', () => {
  const envs: NodeJS.ProcessEnv[] = [];
  const fake = ((_cmd: string, _args: string[], o: { env: NodeJS.ProcessEnv }) => { envs.push(o.env); return new EventEmitter() as ChildProcess; }) as unknown as typeof spawn;
  const ctx = { cfg: loadConfig({}), brokers: ['127.0.0.1:1'] } as unknown as UpContext;
  const start = workerSpawner(ctx, 'json', fake);
  for (let i = 0; i < 3; i++) start(); // the first, then two restarts (up-supervisor.ts calls the same spawner)
  assert.equal(envs.length, 3);
  assert.match(envs[0]!.VIGIE_CLASSIFIER_INSTANCE!, /^up-.+-[0-9a-f]{8}$/);
  assert.deepEqual(envs.map((e) => e.VIGIE_CLASSIFIER_INSTANCE), Array(3).fill(envs[0]!.VIGIE_CLASSIFIER_INSTANCE));
  const configured = workerSpawner({ ...ctx, cfg: loadConfig({ VIGIE_CLASSIFIER_INSTANCE: 'pod-7' }) } as UpContext, 'json', fake);
  configured(); configured();
  assert.deepEqual(envs.slice(3).map((e) => e.VIGIE_CLASSIFIER_INSTANCE), ['pod-7', 'pod-7']);
});
