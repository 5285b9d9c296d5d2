import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { asksAge, mentionsChild, statedAge } from './age.js';
import { CUE_PATTERNS, TEXT_CUES, cuesOf, cuesWith, textCuesOf, type Cue } from './cues.js';
import { fold } from './fold.js';
import { addressesRole } from './parents.js';
import { holdsImages, threatensToSpread } from './sextortion.js';
import { holdsJobOver } from './workplace.js';
import { TEXT_FACTS_MAX_CHARS, TEXT_FACTS_SIZE, addressesRoleOf, computeTextFacts, textFacts, textFactsHeld } from './text-facts.js';

/** The project's hand-written messages (eval dev set, hand-written sets, the written corpus), raw. */
function rawTexts(): string[] {
  const out: string[] = [];
  const files = ['eval/dev/messages.jsonl', 'eval/handwritten/handwritten-messages.jsonl', 'eval/handwritten/hw2-messages.jsonl'];
  for (const w of readdirSync('corpus/written')) if (existsSync(`corpus/written/${w}/messages.jsonl`)) files.push(`corpus/written/${w}/messages.jsonl`);
  for (const f of files) for (const line of readFileSync(f, 'utf8').split('\n')) if (line.trim()) out.push((JSON.parse(line) as { text: string }).text);
  return out;
}

test('the facts of a text are what each function gives on its folded text, memo hit or not', () => {
  const all = rawTexts();
  assert.ok(all.length > 5000);
  let kept = 0;
  for (let round = 0; round < 2; round++) {
    for (const raw of all) {
      const f = textFacts(raw);
      const folded = fold(raw);
      assert.equal(f.folded, folded);
      assert.deepEqual(f.cues.cues, TEXT_CUES.filter((c) => CUE_PATTERNS[c].test(folded)), raw);
      assert.equal(f.childTalk, mentionsChild(folded), raw);
      assert.deepEqual(f.age, statedAge(folded), raw);
      assert.equal(f.asksAge, asksAge(folded), raw);
      assert.equal(f.heldImages, !f.childTalk && holdsImages(folded), raw);
      assert.equal(f.spreadThreat, !f.childTalk && threatensToSpread(folded), raw);
      assert.equal(f.workLever, !f.childTalk && holdsJobOver(folded), raw);
      assert.equal(addressesRoleOf(f), addressesRole(folded), raw);
      assert.deepEqual(f, { ...computeTextFacts(raw), role: f.role }, raw);
      if (round === 1 && raw.length <= TEXT_FACTS_MAX_CHARS && textFacts(raw) === f) kept++;
    }
  }
  assert.ok(kept > 1000, 'texts seen again come from the memo');
});

test('cuesWith gives the rules\' cues first, then the text\'s, once each (cuesOf\'s order)', () => {
  const f = 'jsuis seule tkt, on joue a fortnite a 16h30, il a dit « viens »';
  const t = textCuesOf(f);
  assert.deepEqual([...cuesWith(t)], [...cuesOf(f)]);
  const rules: Cue[] = ['gaming', 'insist', 'when'];
  const got = [...cuesWith(t, rules)];
  assert.deepEqual(got.slice(0, 3), rules);
  assert.equal(new Set(got).size, got.length);
  assert.ok(got.includes('reported') && got.includes('when'));
  assert.deepEqual(got.slice(3), [...cuesOf(f)].filter((c) => !rules.includes(c)));
  assert.ok([...cuesOf('elle ferme a 23h30')].includes('routine'));
  assert.deepEqual([...cuesOf('rien a voir')], []);
});

test('the memo is bounded and long texts are not kept', () => {
  const before = textFactsHeld();
  const long = `${'a'.repeat(TEXT_FACTS_MAX_CHARS)} come alone`;
  const a = textFacts(long);
  assert.notEqual(textFacts(long), a, 'a long text is computed again');
  assert.deepEqual(textFacts(long), a);
  assert.equal(textFactsHeld(), before);
  for (let i = 0; i < 3 * TEXT_FACTS_SIZE; i++) textFacts(`msg ${i} come alone`);
  assert.ok(textFactsHeld() <= 2 * TEXT_FACTS_SIZE);
  assert.deepEqual(textFacts('msg 0 come alone').cues.cues, ['alone']);
});
