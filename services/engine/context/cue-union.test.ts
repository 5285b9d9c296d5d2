import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ANY_TEXT_CUE, CUE_PATTERNS, TEXT_CUES, cuesOf } from './cues.js';
import { fold } from './fold.js';

/** The project's hand-written messages (eval sets and the written corpus), folded as observe folds them. */
function texts(): string[] {
  const out: string[] = [];
  const files = ['eval/dev/messages.jsonl', 'eval/handwritten/handwritten-messages.jsonl', 'eval/handwritten/hw2-messages.jsonl'];
  for (const w of readdirSync('corpus/written')) if (existsSync(`corpus/written/${w}/messages.jsonl`)) files.push(`corpus/written/${w}/messages.jsonl`);
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) if (line.trim()) out.push(fold((JSON.parse(line) as { text: string }).text));
  }
  return out;
}

test('the union of the text cues matches exactly the texts some cue matches, and cuesOf finds each cue', () => {
  const all = texts();
  assert.ok(all.length > 5000);
  let some = 0;
  for (const f of all) {
    const want = TEXT_CUES.filter((c) => CUE_PATTERNS[c].test(f));
    assert.equal(ANY_TEXT_CUE.test(f), want.length > 0, f);
    const got = cuesOf(f);
    for (const c of TEXT_CUES) assert.equal(got.has(c), want.includes(c), `${c} on ${f}`);
    if (want.length) some++;
  }
  assert.ok(some > 500, 'the sets hold texts with cues');
});

test('a cue is still found in a text where only it matches', () => {
  assert.deepEqual([...cuesOf('come alone')], ['alone']);
  assert.deepEqual([...cuesOf('rien a voir')], []);
});

test('a cue searched from the first hit still sees the text before it (look-behind, start of text)', () => {
  // Round 14a: each cue is searched from its group's first hit, not from 0: assertions must still read what precedes.
  assert.ok(!cuesOf('bon bah je suis ko').has('incapacitate'));
  assert.ok(cuesOf('bon bah elle sera ko').has('incapacitate'));
  assert.deepEqual([...cuesOf('non viens seule')].sort(), ['alone', 'refusal']);
  assert.ok(!cuesOf('viens seule ou non').has('refusal'));
});
