// vigie up's instance name for its classifier children (up-steps.ts): stable across restarts, valid as VIGIE_CLASSIFIER_INSTANCE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upInstance } from './up-steps.js';

test('upInstance: host and pid, within the instance name characters', () => {
  assert.equal(upInstance('build-7.example', 4242), 'up-build-7.example-4242');
  const odd = upInstance('héte:1/x y'.repeat(20), 1);
  assert.match(odd, /^[A-Za-z0-9._-]{1,100}$/);
  assert.equal(upInstance('', 9), 'up-host-9');
});
