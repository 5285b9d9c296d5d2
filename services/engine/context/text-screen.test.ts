/**
 * Stop 53 (perf53, issue 14): observe's one prefilter before its text tests (text-screen.ts) is exact: on every corpus
 * text (corpus/written, corpus/targeted, corpus/handwritten.jsonl, corpus/generated.jsonl, eval/dev; folded as observe folds
 * them), a text any screened test passes on is one the screen lets through; each module's own patterns cover its own
 * tests; every test passes on some corpus text (the property is not vacuous). A test added to a module without adding what
 * it needs to the module's screen fails here once it is listed in TESTS (observe's screened block calls only these).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fold } from './fold.js';
import { AGE_SCREEN, asksAge, bareAgeAnswer, bareGradeAnswer, mentionsChild, statedAge } from './age.js';
import { SEXTORTION_SCREEN, holdsImages, threatensToSpread } from './sextortion.js';
import { WORKPLACE_SCREEN, holdsJobOver } from './workplace.js';
import { OFF_SCALE_SCREEN, offScaleUnit } from './unit-price.js';
import { MEET_SPOT_SCREEN, meetSpot } from './meet-spot.js';
import { PARENTS_SCREEN, hidesFromParents } from './parents.js';
import { SCREEN_PARTS, mayMatchText, unionOf } from './text-screen.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Every corpus text, folded, once each. */
function corpusTexts(): string[] {
  const files: string[] = [`${ROOT}eval/dev/messages.jsonl`, `${ROOT}corpus/handwritten.jsonl`, `${ROOT}corpus/generated.jsonl`];
  for (const d of ['written', 'targeted']) {
    const dir = `${ROOT}corpus/${d}`;
    for (const w of readdirSync(dir).sort()) if (existsSync(`${dir}/${w}/messages.jsonl`)) files.push(`${dir}/${w}/messages.jsonl`);
  }
  const texts = new Set<string>();
  for (const f of files) for (const l of readFileSync(f, 'utf8').split('\n')) if (l.trim()) texts.add(fold((JSON.parse(l) as { text: string }).text));
  return [...texts];
}

/** The screened tests by module: each passes (true, non-null) on a text, or not. */
const TESTS: { module: string; parts: readonly RegExp[]; tests: Record<string, (t: string) => boolean> }[] = [
  { module: 'age', parts: AGE_SCREEN, tests: {
    mentionsChild, asksAge,
    statedAge: (t) => statedAge(t, false) !== null, statedAgeChild: (t) => statedAge(t, true) !== null,
    bareAgeAnswer: (t) => bareAgeAnswer(t) !== null, bareGradeAnswer: (t) => bareGradeAnswer(t) !== null,
  } },
  { module: 'sextortion', parts: SEXTORTION_SCREEN, tests: { holdsImages, threatensToSpread } },
  { module: 'workplace', parts: WORKPLACE_SCREEN, tests: { holdsJobOver } },
  { module: 'unit-price', parts: OFF_SCALE_SCREEN, tests: { offScaleUnit: (t) => offScaleUnit(t) !== null } },
  { module: 'meet-spot', parts: MEET_SPOT_SCREEN, tests: { meetSpot } },
  { module: 'parents', parts: PARENTS_SCREEN, tests: { hidesFromParents } },
];

const TEXTS = corpusTexts();

test('no screened text test passes on a corpus text the screen rejects', () => {
  assert.ok(TEXTS.length > 50_000, `the corpus texts were read (${TEXTS.length})`);
  let rejected = 0;
  for (const t of TEXTS) {
    if (mayMatchText(t)) continue;
    rejected++;
    for (const { tests } of TESTS) for (const [name, f] of Object.entries(tests)) assert.equal(f(t), false, `${name} passes on a text the screen rejects: ${JSON.stringify(t)}`);
  }
  // The screen does reject texts (what it is for): most chat lines have no digit, no question and none of the words.
  assert.ok(rejected > TEXTS.length / 4, `the screen rejected ${rejected} of ${TEXTS.length} texts`);
});

test('each module\'s own screen patterns cover its tests on the corpus texts, and every test passes on some text', () => {
  // A module's tests must not lean on another module's patterns (which may change without it): its own union suffices.
  for (const { module, parts, tests } of TESTS) {
    const own = unionOf(parts);
    for (const [name, f] of Object.entries(tests)) {
      let passes = 0;
      for (const t of TEXTS) {
        if (!f(t)) continue;
        passes++;
        assert.ok(own.test(t), `${module}.${name} passes on a text its module's screen patterns reject: ${JSON.stringify(t)}`);
      }
      // Not vacuous: the corpus has texts each test passes on.
      assert.ok(passes > 0, `${module}.${name} passes on no corpus text`);
    }
  }
});

test('the screen is the union of its parts: a part matching is a pass; flagged patterns are refused', () => {
  for (const t of ['how old r u', 'my daughter', '14', 'ur mum', 'contract', 'minuit', 'pics']) assert.equal(mayMatchText(t), true, t);
  for (const t of ['salut ca va', 'lol', 'ok bisous']) assert.equal(mayMatchText(t), false, t);
  assert.throws(() => unionOf([/a/i]), /flagged or back-referencing/);
  assert.throws(() => unionOf([/(a)\1/]), /flagged or back-referencing/);
});
