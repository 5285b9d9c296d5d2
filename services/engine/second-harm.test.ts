/** Stop 41 (det41a): naming the second harm (second-harm.ts) — flag only, beside a category already raised. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Category } from '../contracts/taxonomy.js';
import { ConfigError } from '../contracts/errors.js';
import type { ConversationState } from './context/state.js';
import { REPO_ROOT } from './engine-options.js';
import { compilePolicy, type Decision, type Policy } from './policy.js';
import type { SecondHarmPolicy } from './policy-file.js';
import { nameSecondHarm, SECOND_HARM_SOURCE, type RawScores } from './second-harm.js';

const base = JSON.parse(readFileSync(resolve(REPO_ROOT, 'policies/default.json'), 'utf8')) as Record<string, unknown>;
const SH: SecondHarmPolicy = {
  raisedAt: 'flag', within: 12, nameAt: 0.4,
  pairs: { drug_trafficking: ['weapons_trafficking'], ambush: ['violent_threat'] },
};
const policy: Policy = compilePolicy({ ...base, secondHarm: SH });

function decision(action: Decision['action'], listed: [Category, number][] = []): Decision {
  return {
    action, categories: listed.map(([category, score]) => ({ category, score, sources: ['rule:x'] })),
    signals: [], escalation: null, enforcement: null, reasons: [],
  };
}
const conv = (): ConversationState => ({}) as ConversationState;
/** [message model, window model] raw scores. */
const window = (s: Partial<Record<Category, number>>): RawScores[] => [{ score: () => undefined }, { score: (c) => s[c] }];

test('a conversation raised for drug trafficking with weapon evidence names weapons at flag, nothing more', () => {
  const c = conv();
  const d = decision('hold', [['drug_trafficking', 0.72]]);
  nameSecondHarm(policy, c, 0, d, {}, window({ weapons_trafficking: 0.45 }));
  const named = d.categories.find((x) => x.category === 'weapons_trafficking');
  assert.deepEqual(named, { category: 'weapons_trafficking', score: 0.45, sources: [SECOND_HARM_SOURCE] });
  assert.equal(d.action, 'hold'); // the raise's own action, not the second harm's
  // A later message with no action of its own (the victim's "ok", a bystander): nothing is put on it, the candidate
  // waits for the conversation's next acting verdict, which names it at the score told, its own action unchanged.
  const later = decision('allow');
  nameSecondHarm(policy, c, 3, later, {}, window({ weapons_trafficking: 0.6 }));
  assert.equal(later.action, 'allow');
  assert.deepEqual(later.categories, []);
  assert.deepEqual(later.reasons, []);
  const next = decision('flag', [['drug_trafficking', 0.55]]);
  nameSecondHarm(policy, c, 4, next, {}, window({}));
  assert.equal(next.action, 'flag');
  assert.equal(next.escalation, null);
  assert.equal(next.enforcement, null);
  assert.deepEqual(next.categories.map((x) => [x.category, x.score]), [['drug_trafficking', 0.55], ['weapons_trafficking', 0.6]]);
});

test('raised for X with no evidence of a paired category gains nothing', () => {
  const c = conv();
  const d = decision('flag', [['drug_trafficking', 0.6]]);
  nameSecondHarm(policy, c, 0, d, {}, window({ weapons_trafficking: 0.2, violent_threat: 0.9 })); // threat is not paired with drugs
  assert.deepEqual(d.categories.map((x) => x.category), ['drug_trafficking']);
  assert.equal(d.action, 'flag');
  assert.deepEqual(d.reasons, []);
});

test('never raised: evidence below the category threshold names nothing', () => {
  const c = conv();
  for (let n = 0; n < 4; n++) {
    const d = decision('allow');
    nameSecondHarm(policy, c, n, d, {}, window({ weapons_trafficking: 0.48, drug_trafficking: 0.45 }));
    assert.equal(d.action, 'allow');
    assert.deepEqual(d.categories, []);
  }
});

test('evidence told before the raise is named at the raise; evidence older than `within` is not', () => {
  const c = conv();
  nameSecondHarm(policy, c, 0, decision('allow'), {}, window({ violent_threat: 0.47 }));
  const d = decision('flag', [['ambush', 0.65]]);
  nameSecondHarm(policy, c, 2, d, {}, window({}));
  assert.deepEqual(d.categories.map((x) => x.category), ['ambush', 'violent_threat']);
  const old = conv();
  nameSecondHarm(policy, old, 0, decision('allow'), {}, window({ violent_threat: 0.47 }));
  const late = decision('flag', [['ambush', 0.65]]);
  nameSecondHarm(policy, old, 20, late, {}, window({}));
  assert.deepEqual(late.categories.map((x) => x.category), ['ambush']);
});

test('raisedAt hold: a flag-level listing does not raise the conversation', () => {
  const sh: SecondHarmPolicy = { ...SH, raisedAt: 'hold' };
  const policy = compilePolicy({ ...base, secondHarm: sh });
  const c = conv();
  const d = decision('flag', [['drug_trafficking', 0.6]]);
  nameSecondHarm(policy, c, 0, d, {}, window({ weapons_trafficking: 0.6 }));
  assert.deepEqual(d.categories.map((x) => x.category), ['drug_trafficking']);
});

test('the evidence kinds read: context evidence needs a source other than a model', () => {
  const sh: SecondHarmPolicy = { ...SH, evidence: ['context'] };
  const policy = compilePolicy({ ...base, secondHarm: sh });
  const c = conv();
  const d = decision('hold', [['drug_trafficking', 0.75]]);
  nameSecondHarm(policy, c, 0, d, { weapons_trafficking: { score: 0.45, sources: ['model:m@1'] } }, window({ weapons_trafficking: 0.6 }));
  assert.deepEqual(d.categories.map((x) => x.category), ['drug_trafficking']);
  const e = decision('hold', [['drug_trafficking', 0.75]]);
  nameSecondHarm(policy, c, 1, e, { weapons_trafficking: { score: 0.45, sources: ['rule:w'] } }, window({}));
  assert.deepEqual(e.categories.map((x) => x.category), ['drug_trafficking', 'weapons_trafficking']);
});

test('compilePolicy checks the secondHarm section', () => {
  assert.throws(() => compilePolicy({ ...base, secondHarm: { raisedAt: 'block', within: -1, nameAt: 2, pairs: { ambush: ['ambush', 'nope'] }, evidence: ['x'] } }), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    const m = e.message;
    for (const k of ['raisedAt', 'within', 'nameAt', 'pairs.ambush', 'evidence']) assert.ok(m.includes(`secondHarm.${k}`), `${k} in ${m}`);
    return true;
  });
  assert.equal(compilePolicy({ ...base, secondHarm: null }).secondHarm, null);
});

// Stop 42 (det42s): the second harm's precision. On the readable sets most wrong namings were a window read as Y on
// a conversation about X before X was raised, or Y told in X's own words (ambush and threat, drugging and drugs).

test('afterRaise: evidence told before the raise is not kept; the raise\'s own message and later ones are', () => {
  const sh: SecondHarmPolicy = { ...SH, afterRaise: true };
  const policy = compilePolicy({ ...base, secondHarm: sh });
  // A dealer's opening read by the window as weapons, then the drug offer raised: nothing named.
  const c = conv();
  nameSecondHarm(policy, c, 0, decision('allow'), {}, window({ weapons_trafficking: 0.7 }));
  const d = decision('flag', [['drug_trafficking', 0.6]]);
  nameSecondHarm(policy, c, 1, d, {}, window({}));
  assert.deepEqual(d.categories.map((x) => x.category), ['drug_trafficking']);
  assert.deepEqual(d.reasons, []);
  // Weapons told on the raise's own message, or after it: named.
  const same = decision('hold', [['drug_trafficking', 0.75]]);
  nameSecondHarm(policy, conv(), 0, same, {}, window({ weapons_trafficking: 0.45 }));
  assert.deepEqual(same.categories.map((x) => x.category), ['drug_trafficking', 'weapons_trafficking']);
  const later = decision('flag', [['drug_trafficking', 0.6]]);
  nameSecondHarm(policy, c, 3, later, {}, window({ weapons_trafficking: 0.5 }));
  assert.deepEqual(later.categories.map((x) => [x.category, x.score]), [['drug_trafficking', 0.6], ['weapons_trafficking', 0.5]]);
  // A raise of a category Y does not go with keeps nothing either.
  const other = conv();
  nameSecondHarm(policy, other, 0, decision('flag', [['sexual_harassment', 0.6]]), {}, window({ weapons_trafficking: 0.7 }));
  const after = decision('flag', [['drug_trafficking', 0.6]]);
  nameSecondHarm(policy, other, 1, after, {}, window({}));
  assert.deepEqual(after.categories.map((x) => x.category), ['drug_trafficking']);
});

test('nameAtByPair: a pair told in the same words asks more of Y than the others', () => {
  const sh: SecondHarmPolicy = {
    raisedAt: 'flag', within: 12, nameAt: 0.45,
    pairs: { ambush: ['violent_threat'], weapons_trafficking: ['violent_threat'] },
    nameAtByPair: { ambush: { violent_threat: 0.55 } },
  };
  const p = compilePolicy({ ...base, secondHarm: sh });
  // Raised for the ambush only: threat at 0.5 (the plan's own words) is not named; at 0.6 it is.
  const low = decision('flag', [['ambush', 0.65]]);
  nameSecondHarm(p, conv(), 0, low, {}, window({ violent_threat: 0.5 }));
  assert.deepEqual(low.categories.map((x) => x.category), ['ambush']);
  const high = decision('flag', [['ambush', 0.65]]);
  nameSecondHarm(p, conv(), 0, high, {}, window({ violent_threat: 0.6 }));
  assert.deepEqual(high.categories.map((x) => x.category), ['ambush', 'violent_threat']);
  // Beside weapons (no pair score: nameAt 0.45), the same 0.5 is named, and only weapons is given as the reason.
  const w = decision('flag', [['ambush', 0.65], ['weapons_trafficking', 0.6]]);
  nameSecondHarm(p, conv(), 0, w, {}, window({ violent_threat: 0.5 }));
  assert.deepEqual(w.categories.map((x) => x.category), ['ambush', 'weapons_trafficking', 'violent_threat']);
  assert.ok(w.reasons[0]!.includes('named beside weapons_trafficking (raised'), w.reasons[0]);
});

test('compilePolicy checks nameAtByPair and afterRaise', () => {
  assert.throws(() => compilePolicy({ ...base, secondHarm: { ...SH, afterRaise: 'yes', nameAtByPair: { drug_trafficking: { ambush: 0.5, weapons_trafficking: 3 } } } }), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    for (const k of ['afterRaise', 'nameAtByPair.drug_trafficking.ambush', 'nameAtByPair.drug_trafficking.weapons_trafficking']) assert.ok(e.message.includes(`secondHarm.${k}`), `${k} in ${e.message}`);
    return true;
  });
  assert.equal(compilePolicy({ ...base, secondHarm: { ...SH, afterRaise: true, nameAtByPair: { drug_trafficking: { weapons_trafficking: 0.6 } } } }).secondHarm?.afterRaise, true);
});

test('nameAtByPair below nameAt: Y evidence between the two is kept and named beside that pair only', () => {
  const sh: SecondHarmPolicy = {
    raisedAt: 'flag', within: 12, nameAt: 0.5, afterRaise: true,
    pairs: { drug_trafficking: ['weapons_trafficking'], violent_threat: ['weapons_trafficking'] },
    nameAtByPair: { drug_trafficking: { weapons_trafficking: 0.4 } },
  };
  const p = compilePolicy({ ...base, secondHarm: sh });
  // Raised for drugs, weapons at 0.45 on a later allowed message: kept (0.45 >= the pair's 0.4), named on the next acting verdict.
  const c = conv();
  nameSecondHarm(p, c, 0, decision('flag', [['drug_trafficking', 0.6]]), {}, window({}));
  nameSecondHarm(p, c, 1, decision('allow'), {}, window({ weapons_trafficking: 0.45 }));
  const next = decision('flag', [['drug_trafficking', 0.6]]);
  nameSecondHarm(p, c, 2, next, {}, window({}));
  assert.deepEqual(next.categories.map((x) => [x.category, x.score]), [['drug_trafficking', 0.6], ['weapons_trafficking', 0.45]]);
  // Beside a threat only (nameAt 0.5), the same 0.45 is not named.
  const t = decision('flag', [['violent_threat', 0.6]]);
  nameSecondHarm(p, conv(), 0, t, {}, window({ weapons_trafficking: 0.45 }));
  assert.deepEqual(t.categories.map((x) => x.category), ['violent_threat']);
});
