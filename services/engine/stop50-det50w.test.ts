/**
 * Stop 50 (det50w): kinds of threats, weapons sales and druggings the readable writers told without the words the rules knew
 * (rules/d50w.rules, docs/engine.md "Stop 50 (det50w)"). Cases written for this test (FR and EN, SMS and Quebec forms), none
 * from a data set:
 * - stun torches and pepper sprays sold, a gun sold unregistered, an alarm or blank gun made to fire;
 * - a wait with a striking tool in the first person, a witness kept from court, a veiled threat about "people who";
 * - a named sedative into HER drink, a dose asked by a woman's weight.
 * Each kind has hard negatives of the same shape (a shop, a stadium report, a declared gun, a film prop, softball, a lawyer,
 * road safety, a headache tablet, a victim's story, a child's dose).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

/** [rule id, messages it must match]. */
const FIRES: [string, string[]][] = [
  ['d50w_wt.stun_sale', ['jai 3 lampes qui piquent en stock, 60 la pièce', 'stun guns shaped like torches, 45 each, dm me']],
  ['d50w_wt.unregistered', ["le fusil de chasse de mon père, jamais déclaré, 400 cash", 'selling a 38, never registered, no papers, 650']],
  ['d50w_wt.converted', ["j'ai un pistolet d'alarme percé, 450", 'converted blank firer, 700 with a clip']],
  ['d50w_wt.blank_real', ['his blank firers take the real ones now', "le pistolet d'alarme tire des vraies balles maintenant"]],
  ['d50w_vt.wait_with_tool', ["me and Josh will be waiting behind the chippy with the bats", "on l'attendra derrière le gymnase avec les battes"]],
  ['d50w_vt.witness_en', ["we need him not to testify next month", "make sure she doesn't show up at court"]],
  ['d50w_vt.witness_fr', ["si tu vas au tribunal mardi, ta fille elle rentre pas pareil", 'if you go to court on the 3rd, your son won\'t come home the same']],
  ['d50w_vt.paid_for_statement', ["il va payer pour ce qu'il a balancé aux flics", "she's gonna pay for what she told the cops"]],
  ['d50w_vt.people_who', ['anything can happen to people who talk too much', "faut faire gaffe aux gens qu'on énerve"]],
  ['d50w_dfa.sed_her_drink', ['deux ativan écrasés de ma tante dans son caribou', 'one whole in her drink and she stays the night']],
  ['d50w_dfa.dose_by_weight', ["combien de mg pour une meuf de 50 kilos", 'how much for a 60 kg girl to be out']],
];

/** Hard negatives of the same shapes: no d50w rule may match them. */
const SPARED: string[] = [
  'les shockers sont interdits en Belgique, 2000 euros d\'amende', 'pepper spray 12 at the hardware store', 'lampe torche 25 euros, 1000 lumens',
  'bilan du match: 4 fumigènes et 2 bombes lacrymo saisies', "il faut déclarer le fusil de chasse de papi à la préfecture, 2 ans de délai",
  'my car is not registered yet, 900 to fix', 'pistolet de départ à blanc pour la course de 100 m, 80', 'the film crew converted blank guns for the shoot',
  'we will be waiting at the field with the bats, softball at 6', "on t'attend au jardin avec le marteau pour monter la cabane",
  'we need her not to show up late to the interview', 'si vous allez au tribunal, votre avocat doit prévenir votre fils',
  'bad things happen to good people', 'accidents happen to people who text and drive', 'un doliprane dans son verre d\'eau pour son mal de tête',
  "quelqu'un a mis du ghb dans son verre, on a porté plainte", 'combien de gouttes de doliprane pour ma fille de 15 kilos', 'how many calories for a 60 kg woman on a diet',
  'une paille dans son verre', 'ma chienne prend deux gouttes dans sa gamelle',
];

test('stop 50 (det50w): each d50w rule reads its kind in both languages, and none matches the hard negatives of the same shape', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const missed = FIRES.flatMap(([id, texts]) => texts.filter((t) => !rs.match(normalise(t)).some((h) => h.ruleId === id)).map((t) => `${id}: ${t}`));
  const spurious = SPARED.flatMap((t) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith('d50w_')).map((h) => `${h.ruleId}: ${t}`));
  assert.deepEqual([...missed, ...spurious], []);
});
