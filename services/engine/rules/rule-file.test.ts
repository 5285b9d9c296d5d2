import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseRuleFiles, checkRules, compileRuleSet, loadRuleSet, RuleSetError } from './index.js';
import { normalise } from '../normalise.js';

const GOOD = 'id=t.ok label=age_inquiry lang=fr weight=0.5 | quel age';

/** [line, expected message fragment] — each alone in a file after one good rule. */
const BAD_LINES: [string, RegExp][] = [
  ['id=t.ok label=age_inquiry lang=fr weight=0.5 | quel age', /duplicate id 't\.ok'/],
  ['id=t.a label=nonsense lang=fr weight=0.5 | x', /unknown label 'nonsense'/],
  ['id=t.b label=age_inquiry lang=fr weight=1.5 | x', /bad weight '1\.5'/],
  ['id=t.c label=age_inquiry lang=fr weight=0 | x', /bad weight '0'/],
  ['id=t.d label=age_inquiry lang=fr weight=abc | x', /bad weight 'abc'/],
  ['id=t.e label=age_inquiry lang=fr weight=0.5 | ', /empty pattern/],
  ['id=t.f label=age_inquiry lang=fr weight=0.5', /missing pattern/],
  ['id=t.g label=age_inquiry lang=fr weight=0.5 colour=red | x', /unknown field 'colour'/],
  ['id=t.h label=age_inquiry lang=de weight=0.5 | x', /unknown language 'de'/],
  ['id=t.i label=age_inquiry lang=fr weight=0.5 | (quel age', /unbalanced '\('/],
  ['id=t.j label=age_inquiry lang=fr weight=0.5 | quel age)', /unbalanced '\)'/],
  ['id=t.k label=age_inquiry lang=fr weight=0.5 | a ~3 b ~2 c', /more than one ~N/],
  ['id=t.l label=age_inquiry lang=fr weight=0.5 | <nope>', /unknown special token/],
  ['id=t.m label=age_inquiry lang=fr weight=0.5 | x? y?', /empty sequence/],
  ['id=t.n label=age_inquiry lang=fr weight=0.5 | $UNDEFINED x', /unknown macro \$UNDEFINED/],
  ['id=t.o label=age_inquiry lang=fr weight=0.5 | x | sometimes y', /unknown section/],
  ['label=age_inquiry lang=fr weight=0.5 | x', /missing field 'id'/],
  ['id=t.p label=age_inquiry lang=fr weight=0.5 | <num:9-3> ans', /empty range/],
  ['@define lower = (a|b)', /malformed directive/],
];

test('validator: each kind of problem is reported with file, line and hint', () => {
  for (const [line, re] of BAD_LINES) {
    const { problems } = analyseRuleFiles([{ name: 'x.rules', text: `# header\n${GOOD}\n${line}\n` }]);
    assert.equal(problems.length >= 1, true, line);
    const p = problems.find((q) => re.test(q.message));
    assert.ok(p, `${line} → ${JSON.stringify(problems)}`);
    assert.equal(p.file, 'x.rules');
    assert.equal(p.line, 3);
    assert.ok(p.hint.length > 0);
  }
});

test('validator: all problems of several files are reported at once, in one error', () => {
  const files = [
    { name: 'a.rules', text: `${GOOD}\nid=a.2 label=bogus lang=fr weight=2 | (x\n` },
    { name: 'b.rules', text: `\n\nid=t.ok label=violent_threat lang=en weight=0.4 | kill you\nid=b.2 label=age_inquiry lang=en weight=0.5 foo=1 | x\n` },
  ];
  assert.throws(() => compileRuleSet(files), (err: unknown) => {
    assert.ok(err instanceof RuleSetError);
    const where = err.problems.map((p) => `${p.file}:${p.line}`);
    assert.deepEqual([...new Set(where)], ['a.rules:2', 'b.rules:3', 'b.rules:4']);
    assert.equal(err.problems.length, 5); // label, weight, paren on a:2; duplicate on b:3; field on b:4
    assert.match(err.message, /b\.rules:3: duplicate id 't\.ok' \(hint: first defined at a\.rules:1\)/);
    assert.equal(err.retriable, false);
    return true;
  });
});

test('loader: manifest problems and missing files are reported; a valid directory loads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-rules-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '', files: ['a.rules', 'missing.rules'], extra: 1 }));
  writeFileSync(join(dir, 'a.rules'), `${GOOD}\n`);
  const c = await checkRules(dir);
  const msgs = c.problems.map((p) => p.message).join(' | ');
  assert.match(msgs, /version/);
  assert.match(msgs, /unknown field 'extra'/);
  assert.match(msgs, /cannot read/);
  await assert.rejects(loadRuleSet(dir), RuleSetError);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 'v9', files: ['a.rules'] }));
  const rs = await loadRuleSet(dir);
  assert.equal(rs.version, 'v9');
  assert.deepEqual(rs.match(normalise('Kel âge ?')).map((h) => h.ruleId), ['t.ok']);
});

/** Pattern semantics: [pattern, text, should match]. */
const PATTERN_CASES: [string, string, boolean][] = [
  ['quel age', "t'as quel âge", true],
  ['quel age', 'quel est ton age', false],
  ['(envoie|send) *2 photo', 'envoie moi une photo', true],
  ['(envoie|send) *2 photo', 'envoie moi vite une photo', false],
  ['envoie * photo', 'envoie ta photo', true],
  ['envoie * photo', 'envoie photo', false],
  ['je ai <num:8-17> ans', 'jai 14 ans', true],
  ['je ai <num:8-17> ans', 'jai 25 ans', false],
  ['<age:8-17>', 'i am 15', true],
  ['<age:8-17>', 'room 15', false],
  ['(tu es|t es)? en (6|5) eme', 'en 5ème', true],
  ['snap ~3 ajoute', 'ajoute moi vite sur snap', true],
  ['snap ~2 ajoute', 'ajoute moi vite sur le snap', false],
  ['<phone>', 'zero six 12 34 56 78', true],
  ['<emoji:weed> ~3 livraison', 'livraison 🍃', true],
  ['((alpha|beta) gamma|delta)? omega', 'beta gamma omega', true],
  ['((alpha|beta) gamma|delta)? omega', 'omega', true],
  ['((alpha|beta) gamma|delta) omega', 'alpha omega', false],
];

test('patterns: alternatives, optional, gaps, wildcards, numbers, ages, proximity, special tokens', () => {
  PATTERN_CASES.forEach(([pattern, text, expected], i) => {
    const rs = compileRuleSet([{ name: 'p.rules', text: `id=p.${i} label=age_inquiry lang=fr weight=0.5 | ${pattern}` }]);
    assert.equal(rs.match(normalise(text)).length > 0, expected, `${pattern} on ${JSON.stringify(text)}`);
  });
});

test('unless: suppresses within the window only, keeps a later unsuppressed match', () => {
  const rs = compileRuleSet([{ name: 'u.rules', text: 'id=u.1 label=violent_threat lang=fr weight=0.6 | je vais te tuer | unless (partie|game) within 3' }]);
  const m = (t: string) => rs.match(normalise(t)).map((h) => h.span);
  assert.deepEqual(m('je vais te tuer'), [[0, 3]]);
  assert.deepEqual(m('cette partie je vais te tuer'), []);
  assert.deepEqual(m('je vais te tuer dans la game'), []);
  assert.deepEqual(m('partie un deux trois quatre cinq six je vais te tuer'), [[7, 10]]);
  assert.deepEqual(m('partie je vais te tuer un deux trois quatre cinq je vais te tuer'), [[10, 13]]);
});
