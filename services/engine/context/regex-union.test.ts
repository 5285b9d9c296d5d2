import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unionOf, wordAlternatives } from './regex-union.js';

const SOURCES = [
  String.raw`\b(?:ab|a?c|[|]x|b(?:c|d)e|ca\w*|(?<!no )go|\d{2} ans|e)\b`,
  String.raw`\b(?:zz)\b|\b(?:ab)\b`,
  String.raw`(?:\bstop\b|\bne (?:pas|plus)\b)`,
  String.raw`[€$]\s?\d{2,4}\b`,
  String.raw`\b(?:k\.o|ko)\b`,
];

/** Every string of up to 3 symbols over a small alphabet that exercises the patterns above. */
function strings(): string[] {
  const atoms = ['a', 'b', 'c', 'ab', 'ac', 'x', '|x', 'bce', 'cat', 'go', 'no go', '12 ans', 'e', 'zz', 'stop', 'ne pas', '$ 40', '€400', 'k.o', 'ko', ' ', "'", '-'];
  const out = [''];
  for (const a of atoms) { out.push(a); for (const b of atoms) { out.push(a + b); for (const c of atoms) out.push(a + b + c); } }
  return out;
}

test('unionOf matches exactly the texts one of its patterns matches', () => {
  const union = unionOf(SOURCES);
  const each = SOURCES.map((s) => new RegExp(s));
  let some = 0;
  for (const t of strings()) {
    const want = each.some((r) => r.test(t));
    assert.equal(union.test(t), want, JSON.stringify(t));
    if (want) some++;
  }
  assert.ok(some > 1000);
});

test('unionOf groups the alternatives of \\b(?:…)\\b patterns by their fixed first character', () => {
  const u = unionOf([String.raw`\b(?:ab|ac|a?d|[xy]z)\b`, String.raw`\b(?:ae)\b`]).source;
  // Round 16: the word boundary is shared by every alternative that starts with one; each keeps its closing `\b`.
  assert.ok(u.includes(String.raw`a(?:b\b|c\b|e\b)`), u);
  assert.ok(u.includes(String.raw`|a?d\b`) && u.includes(String.raw`|[xy]z\b`), u);
  assert.ok(u.startsWith(String.raw`\b(?:`), u);
});

test('wordAlternatives splits only a pattern that is one word group', () => {
  assert.deepEqual(wordAlternatives(String.raw`\b(?:a|b(?:c|d)|[|])\b`), ['a', 'b(?:c|d)', '[|]']);
  assert.equal(wordAlternatives(String.raw`\b(?:a)\b|\b(?:b)\b`), null);
  assert.equal(wordAlternatives(String.raw`(?:\ba\b)`), null);
});

test('a pattern with a back-reference is kept as a plain alternation', () => {
  const u = unionOf([String.raw`\b(a)\1\b`, String.raw`\b(?:xy)\b`]);
  assert.equal(u.test('aa'), true);
  assert.equal(u.test('ab'), false);
  assert.equal(u.test('xy'), true);
});

/** Patterns of the shapes the context cues use: nested groups of `\b` alternatives, anchors, non-word starts, emoji. */
const SHAPES = [
  String.raw`(?:\bstop\b|\bne (?:pas|plus)\b|^non\b|^no\b)`,
  String.raw`(?:(?:\bab\b|\bcd\b))`,
  String.raw`(?:\b\d{2,4}\s?(?:€|e)\b|[€$]\s?\d{2,4}\b|\bcash\b)`,
  String.raw`(?:😂|🤣|\b(?:mdr+|(?:ha){2,}h?)\b)`,
  String.raw`\b(?:(?<!\b(?:suis|je) )(?:ko|k\.o)|(?:elle|il) dort)\b`,
  String.raw`(?:^|[,.!?] ?)(?:oui )?(?:papa|mom)\b|\b(?:tata)(?: \w+)?(?: ?!+|$)`,
  String.raw`\bgo(?! car)\b`,
  String.raw`(?:\bx\b)|(?:y\b)`,
];

/** Strings over atoms that start, end, hide or border the patterns above, up to 3 atoms. */
function shapeStrings(): string[] {
  const atoms = ['stop', 'ne pas', 'non', 'no', ' ', 'ab', 'cd', 'abcd', '40', '40€', '$40', 'cash', '😂', 'mdr', 'hahah', 'suis ', 'je ', 'ko', 'k.o', 'elle dort', 'il', ', ', 'papa', 'oui ', 'tata', ' !', 'go', ' car', 'x', 'y', "'"];
  const out = [''];
  for (const a of atoms) { out.push(a); for (const b of atoms) { out.push(a + b); for (const c of atoms) out.push(a + b + c); } }
  return out;
}

test('round 16: the union starts a match exactly where one of its patterns does, on nested and unanchored shapes', () => {
  const union = unionOf(SHAPES);
  const each = SHAPES.map((s) => new RegExp(s, 'g'));
  const at = new RegExp(union.source, 'g');
  let some = 0;
  for (const t of shapeStrings()) {
    // Every start position of every pattern, against every start position of the union.
    const want = new Set<number>();
    for (const r of each) for (let p = 0; p <= t.length; p++) { r.lastIndex = p; const m = r.exec(t); if (m) want.add(m.index); }
    const got = new Set<number>();
    for (let p = 0; p <= t.length; p++) { at.lastIndex = p; const m = at.exec(t); if (m) got.add(m.index); }
    assert.deepEqual([...got].sort((a, b) => a - b), [...want].sort((a, b) => a - b), JSON.stringify(t));
    assert.equal(t.search(union), want.size ? Math.min(...want) : -1, JSON.stringify(t));
    if (want.size) some++;
  }
  assert.ok(some > 10000, String(some));
});

test('round 16: alternatives that start at a word boundary share it, the others stay whole', () => {
  const u = unionOf(SHAPES).source;
  assert.ok(u.startsWith(String.raw`\b(?:`), u);
  for (const kept of [String.raw`(?:^non\b)`, String.raw`(?:[€$]\s?\d{2,4}\b)`, '(?:😂)', String.raw`(?:y\b)`]) assert.ok(u.includes(kept), `${kept} in ${u}`);
  assert.ok(!u.includes(String.raw`(?:\bstop\b)`) && u.includes(String.raw`s(?:top\b)`), u);
});
