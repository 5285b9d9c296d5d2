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
  assert.ok(u.includes('a(?:b|c|e)'), u);
  assert.ok(u.includes(String.raw`\b(?:a?d)\b`) && u.includes(String.raw`\b(?:[xy]z)\b`), u);
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
