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

// Issue 14 / issue 11, round 47: the lazy DFA's cache grows with the traffic (20,062 states, 30.3 MB of heap after 100,000
// generated messages). A state keeps its first transition on itself (most are left by one token only) and its live states
// and ages in one backing store: 26.7 MB at the same point (docs/benchmarks.md "Round 47").
const DEV = fileURLToPath(new URL('../../../../eval/dev/messages.jsonl', import.meta.url));

test('the DFA keeps a state left by one token without a Map, its live states and ages in one buffer, and matches the same', async () => {
  const { readFile } = await import('node:fs/promises');
  const texts = (await readFile(DEV, 'utf8')).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
  const warm = await loadRuleSet(RULES_DIR);
  const m = new CompiledMatcher(warm.rules);
  const first = texts.map((t) => m.match(normalise(t)));
  const c = m.dfaCensus();
  assert.ok(c.states > 1000 && c.transitions > c.states - 1, `a warm cache (${c.states} states, ${c.transitions} transitions)`);
  assert.ok(c.oneTransition > c.states / 2, `most states are left by one token (${c.oneTransition} of ${c.states})`);
  assert.ok(c.maps < c.states - c.oneTransition, `a Map only on a state left by two tokens or more (${c.maps} Maps, ${c.states - c.oneTransition} such states)`);
  assert.equal(c.twoBuffers, 0, 'live states and ages share one backing store');
  // Second pass: every transition read from the cache (first slot, then the Map) gives the hits of the first pass and of a
  // cold matcher, span for span.
  const cold = new CompiledMatcher(warm.rules);
  texts.forEach((t, i) => {
    const again = m.match(normalise(t));
    assert.deepEqual(again, first[i], t);
    assert.deepEqual(cold.match(normalise(t)), again, t);
  });
  assert.equal(m.dfaCensus().states, c.states, 'the second pass added no state');
});
