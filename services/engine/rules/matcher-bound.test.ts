import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise } from '../normalise.js';
import { analyseRuleFiles } from './index.js';
import { CompiledMatcher } from './matcher.js';

// Review of perf47: the DFA cache is cleared when it reaches its bound (50,000 states), in the middle of a message, the
// current state re-interned in the new cache (round 47 changed that path: `key1`/`to1` reset there). No test reached it:
// generated traffic never fills the cache, but random sequences of rule words do (the shipped rules: in ~5,900 messages).
// Ten gap rules (`aN *6 bN`) and a number rule with an `unless` make states the product of ten ages: the bound is reached
// in a few thousand messages. Every message around each clear must give the hits of a cold matcher, span for span.
test('the DFA gives a cold matcher\'s hits across the clears of its bounded cache (mid-message included)', () => {
  const n = 10;
  const text = Array.from({ length: n }, (_, i) => `id=t.g${i} label=violent_threat lang=fr weight=1 | a${i} *6 b${i}\n`).join('')
    + 'id=t.n label=age_inquiry lang=fr weight=1 | a0 <num:10-17> ans | unless b1 within 2\n';
  const { rules, problems } = analyseRuleFiles([{ name: 't.rules', text }]);
  assert.deepEqual(problems, []);
  const m = new CompiledMatcher(rules);
  let seed = 5;
  const rnd = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
  let clears = 0; let since = Infinity; let checked = 0; let withHits = 0;
  for (let msg = 0; msg < 20_000 && !(clears >= 2 && since >= 30); msg++) {
    const words: string[] = [];
    const len = 20 + Math.floor(rnd() * 40);
    for (let k = 0; k < len; k++) {
      const r = rnd();
      words.push(r < 0.1 ? String(8 + Math.floor(rnd() * 12)) : r < 0.15 ? 'ans' : `${rnd() < 0.5 ? 'a' : 'b'}${Math.floor(rnd() * n)}`);
    }
    const norm = normalise(words.join(' '));
    const before = m.dfaStateCount;
    const got = m.match(norm);
    if (m.dfaStateCount < before) { clears++; since = 0; } else since++;
    if (since < 30) {
      checked++;
      if (got.length) withHits++;
      assert.deepEqual(got, new CompiledMatcher(rules).match(norm), `message ${msg}, ${since} after clear ${clears}`);
    }
  }
  assert.ok(clears >= 2, `the cache was cleared ${clears} times`);
  assert.ok(checked >= 60 && withHits > checked / 2, `${checked} messages checked around the clears, ${withHits} with hits`);
});
