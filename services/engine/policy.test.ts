import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../contracts/errors.js';
import type { ContextOutcome } from './context/observe.js';
import { REPO_ROOT } from './engine-options.js';
import { compilePolicy, decide, hasEvery } from './policy.js';
import type { Category } from '../contracts/taxonomy.js';
import type { SupportKind } from './policy-file.js';

const RAW = JSON.parse(readFileSync(resolve(REPO_ROOT, 'policies/default.json'), 'utf8')) as Record<string, unknown>;
const POLICY = compilePolicy(RAW, 'default.json');

/** Kinds a source gives when a case does not say: a rule, the model, or a context derivation across messages. */
function kindsOf(sources: string[]): SupportKind[] {
  const k = new Set<SupportKind>();
  for (const s of sources) {
    if (s.startsWith('rule:')) k.add('rule');
    else if (s.startsWith('model:')) k.add('model');
    else { k.add('context'); k.add('conversation'); }
  }
  return [...k];
}

function outcome(cats: Partial<Record<Category, [number, string[], SupportKind[]?]>>, extra: Partial<ContextOutcome> = {}): ContextOutcome {
  const categories = Object.fromEntries(Object.entries(cats).map(([c, [score, sources]]) => [c, { score, sources }]));
  const support = Object.fromEntries(Object.entries(cats).map(([c, [, sources, kinds]]) => [c, kinds ?? kindsOf(sources)]));
  const asserted = (Object.keys(cats) as Category[]).filter((c) => cats[c]![0] >= POLICY.categories[c].assertAt);
  return { categories, asserted, signals: {}, reasons: [], victim: false, senderRisk: 0, recent: [], dropped: null, support, framed: [], ...extra };
}

const DECISIONS: { name: string; o: ContextOutcome; action: string; priority: string | null; enforce: string | null }[] = [
  { name: 'nothing asserted → allow', o: outcome({}), action: 'allow', priority: null, enforce: null },
  { name: 'grooming from context → hold, P0, suspend', o: outcome({ child_grooming: [0.9, ['context:minor-solicited']] }), action: 'hold', priority: 'P0', enforce: 'suspend' },
  { name: 'grooming at the assertion threshold → flag only', o: outcome({ child_grooming: [0.55, ['rule:x']] }), action: 'flag', priority: null, enforce: null },
  { name: 'model-only evidence is capped at flag and not escalated', o: outcome({ drug_facilitated_assault: [0.95, ['model:m@1']] }), action: 'flag', priority: null, enforce: null },
  { name: 'the target of grooming is never held nor sanctioned, but the case escalates', o: outcome({ child_grooming: [0.9, ['context:minor-after-solicitation']] }, { victim: true }), action: 'flag', priority: 'P0', enforce: null },
  { name: 'harassment above blockAt → block and mute', o: outcome({ sexual_harassment: [0.85, ['context:after-refusal']] }), action: 'block', priority: null, enforce: 'mute' },
  { name: 'strongest priority wins across categories', o: outcome({ drug_trafficking: [0.9, ['rule:d', 'rule:d2'], ['rule', 'rules']], weapons_trafficking: [0.85, ['rule:w', 'model:m@1']] }), action: 'block', priority: 'P1', enforce: 'suspend' },
  { name: 'signals of a high-risk sender → flag', o: { ...outcome({}), signals: { age_inquiry: { score: 0.8, sources: ['rule:a'] } }, senderRisk: 0.9 }, action: 'flag', priority: null, enforce: null },
  { name: 'signals alone from an ordinary sender → allow', o: { ...outcome({}), signals: { age_inquiry: { score: 0.8, sources: ['rule:a'] } }, senderRisk: 0.1 }, action: 'allow', priority: null, enforce: null },
  // Corroboration (policies/default.json `corroboration`).
  { name: 'one ambiguous message: one strong rule alone → flag, no escalation, no sanction', o: outcome({ weapons_trafficking: [0.95, ['rule:w']] }), action: 'flag', priority: null, enforce: null },
  { name: 'one message, one rule, high score for a P0 category → flag only', o: outcome({ drug_facilitated_assault: [0.9, ['rule:d']] }), action: 'flag', priority: null, enforce: null },
  { name: 'rule and model agree → hold and escalate', o: outcome({ violent_threat: [0.8, ['rule:t', 'model:m@1']] }), action: 'hold', priority: 'P1', enforce: null },
  { name: 'two distinct rules on one message → corroborated', o: outcome({ drug_trafficking: [0.92, ['rule:a', 'rule:b'], ['rule', 'rules']] }), action: 'block', priority: 'P2', enforce: 'suspend' },
  { name: 'a P0 category backed by rule + model but no context derivation → P1, not P0', o: outcome({ child_grooming: [0.9, ['rule:g', 'model:m@1']] }), action: 'hold', priority: 'P1', enforce: 'suspend' },
  { name: 'a derivation on one message without other support → flag (P0 needs more than one piece)', o: outcome({ drug_facilitated_assault: [0.9, ['context:sedation-plan']], }, { support: { drug_facilitated_assault: ['context'] } }), action: 'flag', priority: null, enforce: null },
  { name: 'a derivation across messages → hold and P0', o: outcome({ drug_facilitated_assault: [0.9, ['context:sedation-plan']] }), action: 'hold', priority: 'P0', enforce: 'suspend' },
  // Stop 45 (det45o): a lead (an off-scale unit price with no trade said) beside a model's score is still model-only evidence.
  { name: 'a lead beside the model: capped at flag (model only), not escalated, not sanctioned', o: outcome({ drug_trafficking: [0.97, ['model:w@1', 'lead:off-scale-price'], ['model', 'context']] }), action: 'flag', priority: null, enforce: null },
  { name: 'the same price with the trade said is a derivation: the model is corroborated', o: outcome({ drug_trafficking: [0.97, ['model:w@1', 'context:off-scale-price'], ['model', 'context']] }), action: 'block', priority: 'P2', enforce: 'suspend' },
  { name: 'framed (report, warning, banter): capped at flag, not escalated, not sanctioned even when corroborated', o: outcome({ drug_facilitated_assault: [0.9, ['rule:d', 'context:sedation-plan']] }, { framed: ['drug_facilitated_assault'] }), action: 'flag', priority: null, enforce: null },
];

for (const d of DECISIONS) {
  test(`policy: ${d.name}`, () => {
    const r = decide(POLICY, d.o, 'sender1');
    assert.equal(r.action, d.action);
    assert.equal(r.escalation?.priority ?? null, d.priority);
    assert.equal(r.enforcement?.action ?? null, d.enforce);
    if (r.enforcement) assert.equal(r.enforcement.targetUserId, 'sender1');
    assert.equal(r.categories.length, d.o.asserted.length);
    for (const c of r.categories) assert.ok(r.reasons.some((line) => line.startsWith(c.category) && c.sources.every((s) => line.includes(s))), 'each category explains its sources');
  });
}

test('policy: the validator reports every problem at once', () => {
  const bad = structuredClone(RAW) as { format: string; categories: Record<string, Record<string, unknown>>; modelOnly: unknown };
  bad.format = 'nope';
  delete bad.categories.ambush;
  bad.categories.child_grooming!.holdAt = 0.2;
  bad.categories.violent_threat!.escalate = { priority: 'P9', minScore: 2 };
  bad.categories.drug_trafficking!.colour = 'red';
  bad.categories.bogus = {};
  bad.modelOnly = { maxAction: 'explode', escalate: 'no' };
  (bad as Record<string, unknown>).corroboration = { minKinds: { hold: 0, block: 2 }, uncorroboratedMaxAction: 'hold!', p0: { requireKinds: ['vibes'], downgradeTo: 'P0' }, framed: { maxAction: 'flag' } };
  try {
    compilePolicy(bad, 'bad.json');
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    const text = err.problems.join('\n');
    for (const needle of ['format must be', 'categories.ambush is missing', 'must not decrease', 'priority must be one of', 'minScore must be a number', 'unknown key "colour"', 'categories.bogus is not a category', 'maxAction must be one of', 'modelOnly.escalate',
      'corroboration.minKinds.hold must be an integer', 'corroboration.minKinds.escalate must be an integer', 'uncorroboratedMaxAction must be one of',
      'p0.requireKinds must be a list', 'p0.downgradeTo must be P1 or P2', 'framed.escalate must be true or false']) {
      assert.ok(text.includes(needle), `missing problem "${needle}" in:\n${text}`);
    }
    assert.ok(err.problems.length >= 15);
  }
});

test('policy: the default policy states its corroboration rule (hold/escalate need two kinds, P0 needs a context derivation)', () => {
  assert.ok(POLICY.corroboration.minKinds.hold >= 2 && POLICY.corroboration.minKinds.escalate >= 2);
  assert.deepEqual(POLICY.corroboration.p0.requireKinds, ['context']);
  assert.equal(POLICY.corroboration.framed.escalate, false);
  const noCorr = structuredClone(RAW);
  delete noCorr.corroboration;
  assert.throws(() => compilePolicy(noCorr, 'x.json'), /corroboration must be an object/);
});

test('issue 14 round 46: hasEvery is every required kind included, the empty requirement included', () => {
  const cases: [SupportKind[], SupportKind[]][] = [
    [['rule', 'context'], ['rule', 'context']], [['rule'], ['rule', 'context']], [[], []], [[], ['context']], [['model', 'conversation', 'context'], ['context']],
  ];
  for (const [kinds, required] of cases) assert.equal(hasEvery(kinds, required), required.every((k) => kinds.includes(k)), `${kinds} / ${required}`);
  assert.equal(hasEvery(['rule'], ['rule', 'context']), false);
  assert.equal(hasEvery(['rule', 'context'], ['context']), true);
});
