import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { normalise } from '../normalise.js';
import { analyseRuleFiles, loadRuleSet } from './index.js';
import { CompiledMatcher } from './matcher.js';

const RULES_DIR = fileURLToPath(new URL('../../../../rules', import.meta.url));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = (): number => { gc(); gc(); return process.memoryUsage().heapUsed; };

// Issue 11, round 46: the matcher's construction-only structures (per-state Maps and lists, ~390,000 small arrays for the
// shipped rules) were kept for the life of every engine: ~40 MB of heap no message ever read. The whole compiled rule set
// held 62.3 MB of heap before, 23.7 MB after (docs/benchmarks.md "Round 46"); 40 MB leaves room for the rules to grow.
test('the compiled rule set keeps no construction-only structures on the heap (issue 11: under 40 MB)', async () => {
  const before = heapAfterGc();
  const rs = await loadRuleSet(RULES_DIR);
  const held = heapAfterGc() - before;
  assert.ok(rs.rules.length > 1000, `the shipped rule set (${rs.rules.length} rules)`);
  assert.ok(held < 40 * 2 ** 20, `the compiled rule set holds ${(held / 2 ** 20).toFixed(1)} MB of heap (limit 40 MB)`);
  // Still matches after the release (the flat arrays hold every edge).
  assert.ok(rs.match(normalise('je vais te tuer')).some((h) => h.label === 'violent_threat'));
});

test('a matcher releases its per-state build structures and matches the same afterwards', () => {
  const { rules, problems } = analyseRuleFiles([{ name: 't.rules', text: 'id=t.kill label=violent_threat lang=fr weight=1 | je vais te tuer\n' }]);
  assert.deepEqual(problems, []);
  const m = new CompiledMatcher(rules);
  assert.equal(m.released, true);
  assert.ok(m.stateCount > 1, 'stateCount still counts the NFA states');
  assert.deepEqual(m.match(normalise('bon je vais te tuer demain')).map((h) => h.label), ['violent_threat']);
  assert.deepEqual(m.match(normalise('je vais te voir')), []);
});
