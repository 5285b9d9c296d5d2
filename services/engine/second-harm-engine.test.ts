/**
 * Stop 41 (det41a): the engine runs `nameSecondHarm` after the policy decision (engine.ts). End to end with a small
 * rule set and no model, so the outcome depends on the rules' weights only, not on model scores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChatMessage } from '../contracts/types.js';
import { compileEngineOptions, createState, engineFromParts, type EngineVerdict } from './engine.js';
import { REPO_ROOT } from './engine-options.js';
import { compilePolicy } from './policy.js';
import type { SecondHarmPolicy } from './policy-file.js';
import { compileRuleSet } from './rules/index.js';
import { SECOND_HARM_SOURCE } from './second-harm.js';

const base = JSON.parse(readFileSync(resolve(REPO_ROOT, 'policies/default.json'), 'utf8')) as Record<string, unknown>;
// drug_trafficking at 0.8 holds (holdAt 0.7); weapons_trafficking at 0.4 stays below its flagAt 0.5.
const rules = compileRuleSet([{ name: 'sh.rules', text: [
  'id=sh.drugs label=drug_trafficking lang=en weight=0.8 | zorblax (pills|powder)',
  'id=sh.weapon label=weapons_trafficking lang=en weight=0.4 | quibbet (piece|iron)',
].join('\n') }]);
const SH: SecondHarmPolicy = {
  raisedAt: 'hold', within: 12, nameAt: 0.3, evidence: ['context'], pairs: { drug_trafficking: ['weapons_trafficking'] },
};

/** The conversation `texts` (a and b in turns) through an engine with `secondHarm`. */
async function classify(secondHarm: SecondHarmPolicy | null, id: string, texts: string[]): Promise<EngineVerdict[]> {
  const engine = engineFromParts({
    rules, policy: compilePolicy({ ...base, secondHarm }), model: null, options: compileEngineOptions({ modelDir: 'none' }),
  });
  const msgs: ChatMessage[] = texts.map((text, i) => ({
    messageId: `${id}-${i}`, tenantId: null, conversationId: id, roomId: null, senderId: i % 2 ? 'b' : 'a',
    recipientId: i % 2 ? 'a' : 'b', text, sentAt: 1_730_000_000_000 + i * 60_000, senderIp: null,
    senderDeclaredAge: null, locale: null,
  }));
  return engine.classifyBatch(msgs, createState());
}

// a offers drugs twice (corroborated: held at the third message), then a weapon beside the drugs.
const run = (secondHarm: SecondHarmPolicy | null): Promise<EngineVerdict[]> =>
  classify(secondHarm, 'sh', ['zorblax pills tonight', 'ok', 'zorblax powder too', 'ok', 'a quibbet piece as well, same zorblax powder']);

test('engine: raised for drugs at hold, a later message\'s weapon rule below its flag threshold is named at flag beside it', async () => {
  const on = await run(SH);
  assert.equal(on[2]!.action, 'hold'); // raised for drugs at hold, with nothing named yet
  assert.deepEqual(on[2]!.categories.map((c) => c.category), ['drug_trafficking']);
  const last = on[4]!;
  assert.equal(last.action, 'hold'); // the raise's own action: the second harm adds no action
  const named = last.categories.find((c) => c.category === 'weapons_trafficking');
  assert.deepEqual(named, { category: 'weapons_trafficking', score: 0.4, sources: [SECOND_HARM_SOURCE] });
  assert.ok(last.reasons.some((r) => r.includes('named beside drug_trafficking')), last.reasons.join('\n'));
  // Turned off (`"secondHarm": null`): the same conversation lists drugs only.
  const off = await run(null);
  assert.equal(off[4]!.action, 'hold');
  assert.deepEqual(off[4]!.categories.map((c) => c.category), ['drug_trafficking']);
  assert.ok(off.every((v) => v.categories.every((c) => c.sources[0] !== SECOND_HARM_SOURCE)));
});

// Stop 42 (det42s): `afterRaise`. The weapon is told first, before anything acts; the drugs are held two messages later.
const runOrder = (secondHarm: SecondHarmPolicy): Promise<EngineVerdict[]> =>
  classify(secondHarm, 'sho', ['got a quibbet iron if you want', 'maybe', 'zorblax pills tonight', 'ok', 'zorblax powder too', 'ok', 'see you there']);

test('engine, afterRaise: a weapon told before the drugs were raised is not named beside them; the stop 41 order names it', async () => {
  const named = (vs: EngineVerdict[]): string[] => vs.flatMap((v) => v.categories.filter((c) => c.sources[0] === SECOND_HARM_SOURCE).map((c) => `${v.messageId} ${c.category}`));
  const before = await runOrder(SH);
  assert.equal(before[4]!.action, 'hold');
  assert.deepEqual(named(before), ['sho-4 weapons_trafficking']);
  const after = await runOrder({ ...SH, afterRaise: true });
  assert.deepEqual(after.map((v) => v.action), before.map((v) => v.action));
  assert.deepEqual(named(after), []);
  // The same weapon told after the raise is still named (the first case of this file, with afterRaise).
  const on = await run({ ...SH, afterRaise: true });
  assert.ok(on[4]!.categories.some((c) => c.category === 'weapons_trafficking' && c.sources[0] === SECOND_HARM_SOURCE));
});

// Stop 43 (tidy43): the compiled section lives on the compiled policy (compilePolicy), not in a module-level cache
// keyed by the section object, which read a section edited in place and compiled again with its old thresholds.
test('engine: a secondHarm section edited in place and compiled again is read anew (its nameAt, its evidence kinds)', async () => {
  const weapon = (vs: EngineVerdict[]): boolean => vs[4]!.categories.some((c) => c.category === 'weapons_trafficking' && c.sources[0] === SECOND_HARM_SOURCE);
  const sh: SecondHarmPolicy = { ...SH, nameAt: 0.5 };
  assert.equal(weapon(await run(sh)), false, 'the weapon rule\'s 0.4 is below nameAt 0.5');
  sh.nameAt = 0.3;
  assert.equal(weapon(await run(sh)), true, 'nameAt 0.3, edited in place and compiled again');
  sh.evidence = ['window'];
  assert.equal(weapon(await run(sh)), false, 'window evidence only, and no window model');
  assert.equal(weapon(await run({ ...SH, nameAt: 0.5 })), false, 'another section compiled in turn');
  assert.equal(weapon(await run(SH)), true);
});
