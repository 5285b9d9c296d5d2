/**
 * Round 17 (rules17a): the trafficking rules told by implication are narrowed to what their purpose needs (the conversations
 * are in logistics.test.ts). A handgun needs its ammunition and an off-the-books sign (cash, no papers); medicine sold by the
 * unit needs a named medicine or a prescription. None of them lifts a frame any more (no cue:illegal copy): a hunter's
 * cartridges, a gun shop's boxes, a room to let or a butter promotion stay ordinary trade. A lookout told to whistle when the
 * police come is giving no warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

test('round 17: no cue:illegal from legal trade; "si tu vois les bleus tu siffles" is no warning', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const has = (text: string, label: string): boolean => rs.match(normalise(text)).some((h) => h.label === label);
  for (const t of [
    'oui ! au fait je te vends mon vieux 22, avec 200 cartouches, 300 euros, t\'as ton permis',
    'un 9 avec 50 cartouches c\'est 650, je le prends ?',
    'à l\'armurerie les cartouches de chasse c\'est 25 euros la boîte, 4 pour 90',
    'pansements 4 euros la boîte, 3 pour 10, j\'en prends ?',
    'vends imprimante 150 euros avec les cartouches', 'la pharmacie me fait payer 30 euros la boîte, c\'est remboursé',
  ]) {
    assert.ok(!has(t, 'cue:illegal'), t);
  }
  assert.ok(has('un 7.65 avec les pruneaux, 800 cash', 'weapons_trafficking'));
  assert.ok(!has('un 7.65 avec ce qu\'il faut dedans, 800', 'weapons_trafficking'));
  assert.ok(has('le tramadol de mon père, 5 euros le cachet, 10 pour 40', 'drug_trafficking'));
  assert.ok(!has('si tu vois les bleus tu siffles', 'cue:warning'));
  assert.ok(has('si tu vois un mec bizarre près de ton verre, tu préviens le barman', 'cue:warning'));
});
