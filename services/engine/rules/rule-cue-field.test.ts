/**
 * Stop 41: the optional field `cue=<name>[,<name>]` (rules/README.md): a category or signal rule that also sets context
 * cues, so one body is no longer written twice (a label rule and a `label=cue:<name>` rule; rules/harm-outcome.rules,
 * rules/d40.rules' rent rule).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseRuleFiles, compileRuleSet, loadRuleSet, type RuleHit } from './index.js';
import { normalise } from '../normalise.js';

const GOOD = 'id=t.ok label=age_inquiry lang=fr weight=0.5 | quel age';

/** [line, expected message fragment]: each alone on line 3 of a file, after one good rule. */
const BAD_CUE_LINES: [string, RegExp][] = [
  ['id=t.a label=violent_threat lang=en weight=0.6 cue=nonsense | x', /unknown cue 'nonsense' in cue=/],
  ['id=t.b label=violent_threat lang=en weight=0.6 cue= | x', /unknown cue '' in cue=/],
  ['id=t.c label=violent_threat lang=en weight=0.6 cue=cue:lasting_harm | x', /unknown cue 'cue:lasting_harm' in cue=/],
  ['id=t.d label=violent_threat lang=en weight=0.6 cue=lasting_harm,lasting_harm | x', /cue 'lasting_harm' given twice in cue=/],
  ['id=t.e label=violent_threat lang=en weight=0.6 cue=lasting_harm,nope | x', /unknown cue 'nope' in cue=/],
  ['id=t.f label=cue:lasting_harm lang=en weight=1 cue=rent_sex | x', /field 'cue' on a cue rule/],
  ['id=t.g label=violent_threat lang=en weight=0.6 cue=lasting_harm cue=rent_sex | x', /field 'cue' given twice/],
];

test('cue=: each bad value is reported with file, line and hint, and the rule is not loaded', () => {
  for (const [line, re] of BAD_CUE_LINES) {
    const { problems, rules } = analyseRuleFiles([{ name: 'x.rules', text: `# header\n${GOOD}\n${line}\n` }]);
    const p = problems.find((q) => re.test(q.message));
    assert.ok(p, `${line} → ${JSON.stringify(problems)}`);
    assert.equal(p.file, 'x.rules');
    assert.equal(p.line, 3);
    assert.ok(p.hint.length > 0, line);
    assert.deepEqual(rules.map((r) => r.id), ['t.ok'], line);
  }
});

test('cue=: a good value parses into the rule; a rule without it has none', () => {
  const { problems, rules } = analyseRuleFiles([{ name: 'x.rules', text: `${GOOD}\nid=t.two label=violent_threat lang=en weight=0.6 cue=lasting_harm,rent_sex | x\n` }]);
  assert.deepEqual(problems, []);
  assert.equal(rules[0]!.cues, undefined);
  assert.deepEqual(rules[1]!.cues, ['cue:lasting_harm', 'cue:rent_sex']);
  assert.equal(rules[1]!.label, 'violent_threat');
  assert.equal(rules[1]!.kind, 'category');
});

const hitsOf = (rs: ReturnType<typeof compileRuleSet>, text: string): RuleHit[] => rs.match(normalise(text));

test('cue=: the cue hit follows the label hit exactly when it fires, with the same rule, weight and span', () => {
  const rs = compileRuleSet([{ name: 'c.rules', text: [
    'id=c.plain label=violent_threat lang=en weight=0.6 cue=lasting_harm | break his (hands|legs)',
    'id=c.unless label=violent_threat lang=en weight=0.55 cue=lasting_harm | (walk straight|sit down) | unless (boots|gym) within 3',
    'id=c.near label=sexual_harassment lang=fr,en weight=0.5 cue=rent_sex,lasting_harm | (forget the rent) ~6 (with me|evening)',
    'id=c.signal label=age_inquiry lang=en weight=0.4 cue=lasting_harm | how old',
  ].join('\n') }]);
  const view = (t: string) => hitsOf(rs, t).map((h) => `${h.ruleId} ${h.label} ${h.kind} ${h.weight} ${h.span.join('-')}`);
  // no unless: pushed while scanning
  assert.deepEqual(view('we break his hands tonight'), ['c.plain violent_threat category 0.6 1-3', 'c.plain cue:lasting_harm cue 0.6 1-3']);
  // unless: the suppressed first match gives neither hit, the later unsuppressed one gives both, on its span
  assert.deepEqual(view('new boots walk straight'), []);
  assert.deepEqual(view('boots one two three four walk straight'), ['c.unless violent_threat category 0.55 5-6', 'c.unless cue:lasting_harm cue 0.55 5-6']);
  assert.deepEqual(view('gym walk straight one two three four five sit down'), ['c.unless violent_threat category 0.55 8-9', 'c.unless cue:lasting_harm cue 0.55 8-9']);
  // a near pair, two cues in the order written
  assert.deepEqual(view('one evening and we forget the rent'), [
    'c.near sexual_harassment category 0.5 1-6', 'c.near cue:rent_sex cue 0.5 1-6', 'c.near cue:lasting_harm cue 0.5 1-6',
  ]);
  assert.deepEqual(view('we forget the rent'), []);
  // a signal rule
  assert.deepEqual(view('how old r u'), ['c.signal age_inquiry signal 0.4 0-1', 'c.signal cue:lasting_harm cue 0.4 0-1']);
  assert.deepEqual(view('nothing here'), []);
});

test('cue=: one rule gives the same label and cue hits as the label rule and the cue rule it replaces', () => {
  const body = '(we|i) (break|snap) (his|her) (hands|legs) | unless (game|gym) within 4';
  const one = compileRuleSet([{ name: 'one.rules', text: `id=o.r label=violent_threat lang=en weight=0.6 cue=lasting_harm | ${body}` }]);
  const two = compileRuleSet([{ name: 'two.rules', text: `id=o.r label=violent_threat lang=en weight=0.6 | ${body}\nid=o.c label=cue:lasting_harm lang=en weight=1 | ${body}` }]);
  const texts = ['we break his hands', 'i snap her legs after the game', 'game one two three four five i snap her legs', 'gym i break his legs then we break his hands', 'hands legs', ''];
  for (const t of texts) {
    const key = (hs: RuleHit[]) => hs.map((h) => `${h.label} ${h.span.join('-')}`).sort();
    assert.deepEqual(key(hitsOf(one, t)), key(hitsOf(two, t)), t);
  }
});

test('shipped rules: harm-outcome sets its cue with its label hit', async () => {
  const rs = await loadRuleSet('rules');
  const withCue = rs.rules.filter((r) => r.cues !== undefined);
  assert.equal(withCue.filter((r) => r.id.startsWith('ho_vt.') && r.cues!.join() === 'cue:lasting_harm').length, 14);
  assert.equal(rs.rules.filter((r) => r.id.startsWith('ho_cue.')).length, 0);
  const view = (t: string) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith('ho_')).map((h) => `${h.ruleId} ${h.label} ${h.span.join('-')}`);
  assert.deepEqual(view('we break his hands, he will never hold a card again'), [
    'ho_vt.break_en violent_threat 0-3', 'ho_vt.break_en cue:lasting_harm 0-3', 'ho_vt.never_again_en violent_threat 4-9', 'ho_vt.never_again_en cue:lasting_harm 4-9',
  ]);
});

/** Rent forgiven for a favour: rules/rent-favour.rules owns the kind (stop 41: d40.rules' parallel pair merged into it). */
const RENT_LABELS = ['cue:rent_sex', 'prostitution', 'sexual_harassment'];
const RENT_HARM: string[] = [
  'une soirée avec moi, tu es gentille avec moi, et on oublie le loyer de mars',
  "we can forget this month's rent if you're nice to me one evening",
  'passe une nuit avec moi et j efface ton retard', // d40's words (« nuit », « j'efface », « retard »)
  'spend the night w me and i forget the rent, simple',
  "wear that red dress for me tonight and i'll waive the rent", // main: the cue only
  "or come to my room tonight and you don't pay the rent this month", // main: nothing
  'mets ta robe noire et viens ce soir, on oublie le loyer',
  // review of stop 41: a place word spared d40's bare evening, not the favour said in full
  'passe à mon bureau samedi, une soirée avec moi et on oublie le loyer',
  'rejoins moi au garage ce soir, sois gentille et on oublie le loyer',
];
const RENT_BENIGN: string[] = [
  'ma chérie tu es gentille avec moi, on oublie le loyer ce mois ci, garde tes sous pour tes études', // main: d40 prostitution
  'pour la boutique on oublie le loyer de mars avec le covid, soirée de réouverture le 10',
  'the council said we forget the rent for the hall for charity nights',
  'deal, we forget the rent then',
  'bsr, loyer pa recu, oubli ?',
  "you've been so sweet to me this week, forget the rent this month, save for your course mum says",
  // review of stop 41: a bare evening, night, dress or "pretty" near any "forget the rent" is no favour
  "Hi Sam, don't forget the rent is due on Friday. Have a nice evening!",
  "Bonjour, désolée j'ai oublié le loyer ce mois-ci, je fais le virement demain matin. Bonne soirée",
  "dsl jai oublié le loyer jbosse de nuit toute la semaine",
  'bon je passe sur le retard pour cette fois, bonne soirée a tous',
  "I'm pretty sure we can forget the rent increase this year",
  "the flat flooded last night, can we skip the rent until it's fixed?",
  "i forget the rent every month but never forget a dress sale lol",
];

test('shipped rules: rent forgiven for a favour gives both labels and the rent_sex cue from one file; its innocent neighbours none', async () => {
  const rs = await loadRuleSet('rules');
  const labels = (t: string) => [...new Set(rs.match(normalise(t)).filter((h) => RENT_LABELS.includes(h.label)).map((h) => h.label))];
  const files = (t: string) => [...new Set(rs.match(normalise(t)).filter((h) => RENT_LABELS.includes(h.label)).map((h) => rs.rules.find((r) => r.id === h.ruleId)!.source.file.replace(/^.*\//, '')))];
  for (const t of RENT_HARM) {
    assert.deepEqual(labels(t).sort(), RENT_LABELS, t);
    assert.deepEqual(files(t), ['rent-favour.rules'], t);
  }
  for (const t of RENT_BENIGN) assert.deepEqual(labels(t), [], t);
  assert.equal(rs.rules.filter((r) => r.source.file.endsWith('d40.rules') && /rent/.test(r.id)).length, 0);
});
