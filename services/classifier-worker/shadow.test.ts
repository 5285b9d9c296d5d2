import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileConfig } from '../common/config.js';
import { shadowOptionsFromConfig } from './shadow.js';

test('shadow options: off without a candidate; with one, the live window gate is carried so shadow and live differ by the candidate only', () => {
  assert.equal(shadowOptionsFromConfig(compileConfig({ env: { VIGIE_CLASSIFIER_WINDOW_GATE: '0.3' } })), null);
  const o = shadowOptionsFromConfig(compileConfig({ env: { VIGIE_SHADOW_RULES_DIR: '/candidate/rules', VIGIE_CLASSIFIER_WINDOW_GATE: '0.3' } }))!;
  assert.equal(o.rulesDir, '/candidate/rules');
  assert.equal(o.windowGateFloor, 0.3);
  assert.equal(shadowOptionsFromConfig(compileConfig({ env: { VIGIE_SHADOW_RULES_DIR: '/candidate/rules' } }))!.windowGateFloor, 0);
});
