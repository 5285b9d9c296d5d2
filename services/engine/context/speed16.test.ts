import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { ANY_TEXT_CUE, CUE_PATTERNS, TEXT_CUES, cuesOf, type Cue } from './cues.js';
import { fold } from './fold.js';
import { mulberry32 as rng } from '../../tools/bootstrap.js';

/**
 * Round 16: cuesOf finds a text's cues by trying each cue, anchored, at the union's match starts only (no cue may be
 * lost: a cue's every match starts where the union matches), and the union shares one leading `\b`. Property checks
 * over texts made of the cue patterns' own phrases and the rule files' words, against each pattern tested alone.
 */

/** Literal phrases of the cue patterns: their alternatives made only of letters, digits, spaces and apostrophes. */
function cuePhrases(): string[] {
  const out = new Set<string>();
  for (const c of TEXT_CUES) {
    for (const piece of CUE_PATTERNS[c].source.split(/[|()?:]+/)) {
      const p = piece.replace(/\\b/g, '').replace(/\\w\*|\\w\+|\\d\{[^}]*\}/g, '');
      if (/^[a-z0-9' ]+$/.test(p) && p.trim()) out.add(p.trim());
    }
  }
  return [...out];
}

/** The words of the rule files (their patterns' literals), folded. */
function ruleWords(): string[] {
  const out = new Set<string>();
  for (const f of readdirSync('rules')) {
    if (!f.endsWith('.rules')) continue;
    for (const w of readFileSync(`rules/${f}`, 'utf8').toLowerCase().match(/[a-z][a-z']{1,14}/g) ?? []) out.add(w);
  }
  return [...out];
}

/** The same cues the slow way: each pattern tested on the whole text, in TEXT_CUES order after the rules' cues. */
function naive(folded: string, fromRules: readonly Cue[] = []): Cue[] {
  const out = new Set<Cue>(fromRules);
  for (const c of TEXT_CUES) if (CUE_PATTERNS[c].test(folded)) out.add(c);
  return [...out];
}

const FILLERS = [' ', ' ', ' ', ', ', '. ', ' ! ', ' ? ', "'", ' 😂 ', ' 40€ ', ' $300 ', ' 16h30 ', '-', ' je suis ', ' le ', ' fais du ', ' car', ' mdr', 'x'];

test('round 16: cuesOf finds each cue any pattern finds alone, in the same order, on texts of cue phrases and rule words', () => {
  const phrases = cuePhrases();
  const words = ruleWords();
  assert.ok(phrases.length > 300, String(phrases.length));
  assert.ok(words.length > 1000, String(words.length));
  const next = rng(16);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  let withCue = 0;
  let several = 0;
  for (let i = 0; i < 30000; i++) {
    let t = next() < 0.3 ? '' : pick(words);
    const parts = 1 + Math.floor(next() * 6);
    for (let k = 0; k < parts; k++) {
      t += pick(FILLERS);
      const r = next();
      // Whole phrases, phrases cut or glued to a word (word boundaries), rule words.
      t += r < 0.45 ? pick(phrases) : r < 0.6 ? pick(phrases).slice(0, 1 + Math.floor(next() * 8)) : r < 0.7 ? pick(phrases) + pick(words) : pick(words);
    }
    const folded = fold(t);
    const want = naive(folded);
    assert.deepEqual([...cuesOf(folded)].filter((c) => (TEXT_CUES as readonly string[]).includes(c)), want, JSON.stringify(folded));
    const starts = TEXT_CUES.map((c) => folded.search(CUE_PATTERNS[c])).filter((p) => p >= 0);
    assert.equal(folded.search(ANY_TEXT_CUE), starts.length ? Math.min(...starts) : -1, JSON.stringify(folded));
    if (want.length) withCue++;
    if (want.length > 2) several++;
  }
  assert.ok(withCue > 15000 && several > 1500, `${withCue} ${several}`);
});

test('round 16: the rules\' cues come first, then the text cues in their order, each once', () => {
  const folded = fold('viens seule, je vais te tuer mdr, elle dort, 50€ en liquide');
  const got = [...cuesOf(folded, ['alone', 'when', 'weapon'])];
  assert.deepEqual(got, naive(folded, ['alone', 'when', 'weapon']));
  assert.deepEqual(got.slice(0, 3), ['alone', 'when', 'weapon']);
  assert.ok(got.includes('menace') && got.includes('laughing') && got.includes('price'), got.join(' '));
});

test('round 16: a cue tried at a later union hit still reads the text before it (look-behind, start of text)', () => {
  // The union's first hit here is « elle » (target_person); incapacitate's « ko » is tried at its own start only.
  assert.ok(!cuesOf('elle dit que je suis ko').has('incapacitate'));
  assert.ok(cuesOf('elle dit que il est ko').has('incapacitate'));
  // `^non` is the text's start: tried at a later hit it must not match.
  assert.ok(!cuesOf('elle a dit non').has('refusal'));
  assert.ok(cuesOf('non elle vient pas').has('refusal'));
  // Two cues at the same start (a gaming word that is also a raid in the news).
  assert.deepEqual([...cuesOf('raid')].sort(), naive('raid').sort());
});
