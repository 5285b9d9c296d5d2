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
  nameSecondHarm(policy, SH, c, 0, d, {}, window({ weapons_trafficking: 0.45 }));
  const named = d.categories.find((x) => x.category === 'weapons_trafficking');
  assert.deepEqual(named, { category: 'weapons_trafficking', score: 0.45, sources: [SECOND_HARM_SOURCE] });
  assert.equal(d.action, 'hold'); // the raise's own action, not the second harm's
  // A later message with no action of its own (the victim's "ok", a bystander): nothing is put on it, the candidate
  // waits for the conversation's next acting verdict, which names it at the score told, its own action unchanged.
  const later = decision('allow');
  nameSecondHarm(policy, SH, c, 3, later, {}, window({ weapons_trafficking: 0.6 }));
  assert.equal(later.action, 'allow');
  assert.deepEqual(later.categories, []);
  assert.deepEqual(later.reasons, []);
  const next = decision('flag', [['drug_trafficking', 0.55]]);
  nameSecondHarm(policy, SH, c, 4, next, {}, window({}));
  assert.equal(next.action, 'flag');
  assert.equal(next.escalation, null);
  assert.equal(next.enforcement, null);
  assert.deepEqual(next.categories.map((x) => [x.category, x.score]), [['drug_trafficking', 0.55], ['weapons_trafficking', 0.6]]);
});

test('raised for X with no evidence of a paired category gains nothing', () => {
  const c = conv();
  const d = decision('flag', [['drug_trafficking', 0.6]]);
  nameSecondHarm(policy, SH, c, 0, d, {}, window({ weapons_trafficking: 0.2, violent_threat: 0.9 })); // threat is not paired with drugs
  assert.deepEqual(d.categories.map((x) => x.category), ['drug_trafficking']);
  assert.equal(d.action, 'flag');
  assert.deepEqual(d.reasons, []);
});

test('never raised: evidence below the category threshold names nothing', () => {
  const c = conv();
  for (let n = 0; n < 4; n++) {
    const d = decision('allow');
    nameSecondHarm(policy, SH, c, n, d, {}, window({ weapons_trafficking: 0.48, drug_trafficking: 0.45 }));
    assert.equal(d.action, 'allow');
    assert.deepEqual(d.categories, []);
  }
});

test('evidence told before the raise is named at the raise; evidence older than `within` is not', () => {
  const c = conv();
  nameSecondHarm(policy, SH, c, 0, decision('allow'), {}, window({ violent_threat: 0.47 }));
  const d = decision('flag', [['ambush', 0.65]]);
  nameSecondHarm(policy, SH, c, 2, d, {}, window({}));
  assert.deepEqual(d.categories.map((x) => x.category), ['ambush', 'violent_threat']);
  const old = conv();
  nameSecondHarm(policy, SH, old, 0, decision('allow'), {}, window({ violent_threat: 0.47 }));
  const late = decision('flag', [['ambush', 0.65]]);
  nameSecondHarm(policy, SH, old, 20, late, {}, window({}));
  assert.deepEqual(late.categories.map((x) => x.category), ['ambush']);
});

test('raisedAt hold: a flag-level listing does not raise the conversation', () => {
  const sh: SecondHarmPolicy = { ...SH, raisedAt: 'hold' };
  const c = conv();
  const d = decision('flag', [['drug_trafficking', 0.6]]);
  nameSecondHarm(policy, sh, c, 0, d, {}, window({ weapons_trafficking: 0.6 }));
  assert.deepEqual(d.categories.map((x) => x.category), ['drug_trafficking']);
});

test('the evidence kinds read: context evidence needs a source other than a model', () => {
  const sh: SecondHarmPolicy = { ...SH, evidence: ['context'] };
  const c = conv();
  const d = decision('hold', [['drug_trafficking', 0.75]]);
  nameSecondHarm(policy, sh, c, 0, d, { weapons_trafficking: { score: 0.45, sources: ['model:m@1'] } }, window({ weapons_trafficking: 0.6 }));
  assert.deepEqual(d.categories.map((x) => x.category), ['drug_trafficking']);
  const e = decision('hold', [['drug_trafficking', 0.75]]);
  nameSecondHarm(policy, sh, c, 1, e, { weapons_trafficking: { score: 0.45, sources: ['rule:w'] } }, window({}));
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
