import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { mentionsChild, statedAge } from './age.js';
import { fold } from './fold.js';

/**
 * Round 37 (issue 14): observe passes its `mentionsChild(folded)` to statedAge, which scanned the same long pattern again.
 * The passed value must be the one statedAge reads (a child mentioned turns a bare "14 ans" into the child's age).
 */

test('statedAge reads the childMention it is given', () => {
  const text = fold('14 ans ma fille');
  assert.equal(mentionsChild(text), true);
  assert.equal(statedAge(text), null);
  assert.equal(statedAge(text, true), null);
  // Told there is no child in the text, the bare age is the speaker's: the argument is what decides.
  assert.deepEqual(statedAge(text, false), { age: 14, minor: true, evidence: 'stated age 14' });
  const mine = fold("j'ai 14 ans");
  assert.deepEqual(statedAge(mine, false), statedAge(mine));
});

test('statedAge(text, mentionsChild(text)) equals statedAge(text) on the dev set and the hand-written sets', () => {
  const files = ['eval/dev/messages.jsonl'];
  for (const w of readdirSync('corpus/written')) if (existsSync(`corpus/written/${w}/messages.jsonl`)) files.push(`corpus/written/${w}/messages.jsonl`);
  let n = 0;
  let ages = 0;
  let children = 0;
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const t = fold((JSON.parse(line) as { text: string }).text);
      const child = mentionsChild(t);
      const got = statedAge(t, child);
      assert.deepEqual(got, statedAge(t), t);
      n++;
      if (got) ages++;
      if (child) children++;
    }
  }
  assert.ok(n > 10000 && ages > 20 && children > 20, `texts ${n}, ages ${ages}, child mentions ${children}`);
});
