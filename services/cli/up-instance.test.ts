// vigie up's instance name for its classifier children (up-steps.ts): the configured one if set, else stable across
// restarts and unique per `vigie up`, valid as VIGIE_CLASSIFIER_INSTANCE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { childInstance, upInstance, upInstanceSuffix } from './up-steps.js';

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
