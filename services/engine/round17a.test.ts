/**
 * Round 17 (rules17a), the cues of drug and weapons trafficking told by implication (the conversations are in
 * logistics.test.ts): a gun said loaded and priced, or medicine resold, is illegal in itself and lifts the game, flat-share
 * and pharmacy frames; a lookout told to whistle when the police come is giving no warning. Hard negatives: a printer's
 * cartridges, a patient's reimbursed box, a pharmacist's advice, a warning about a stranger near a drink.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

test('cues: a loaded gun for cash and resold medicine are illegal in themselves; "si tu vois les bleus tu siffles" is no warning', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const has = (text: string, label: string): boolean => rs.match(normalise(text)).some((h) => h.label === label);
  for (const t of ['un 7.65 avec ce qu\'il faut dedans, 800', 'Le Rouergat en a un. 1200 avec les pruneaux', 'les 4mg c\'est 30$ la pilule, 10 pour 250', 'je revends mon lyrica, mp']) {
    assert.ok(has(t, 'cue:illegal'), t);
  }
  for (const t of ['vends imprimante 150 euros avec les cartouches', 'la pharmacie me fait payer 30 euros la boîte, c\'est remboursé', 'ne revendez jamais vos médicaments']) {
    assert.ok(!has(t, 'cue:illegal'), t);
  }
  assert.ok(!has('si tu vois les bleus tu siffles', 'cue:warning'));
  assert.ok(has('si tu vois un mec bizarre près de ton verre, tu préviens le barman', 'cue:warning'));
});
