/**
 * Review of det53 (docs/engine.md "Stop 53 (det53)"): the det53 rules' everyday twins that the branch held or flagged —
 * a family promising support to someone who presses charges, a hunter's licence « maintenant pour le fusil », a gun
 * cleaning kit priced "call it 50 for the gun", a knife at the canteen, « viens si t'es chaud » to the cinema, "i will ... not
 * joking" about a lift, « on te descend à la gare » (a lift), a back broken by moving boxes — and the threats the fix must keep. Cases written for this review, none from a data set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

const FIRES: [string, string[]][] = [
  ['det53_vt.fr.witness', ['si tu témoignes contre mon frère, toute ta vie tu vas regretter', 'dis à ta cousine que si elle parle aux keufs sa mère va le regretter']],
  ['det53_vt.en.witness', ["tell your mate if he goes to the police about saturday he's dead"]],
  ['det53_vt.fr.callout', ["step outside if you're a man, 10pm behind the leisure centre"]],
  ['det53_wt.code_word', ['on dit parapluie pour le flingue ok', '"umbrella" is code for the gun, dont say it on here']],
  ['det53_vt.fr.school_weapon', ['jai mon couteau demain en cours']],
  ['det53_vt.fr.on_te', ['on te fume à la sortie du lycée demain 16h', 'on va te descendre, tu passes devant le tabac à 18h']],
  ['det53_vt.fr.jte_casse', ['jte casse les deux jambes si tu reviens au quartier']],
];

const SPARED: string[] = [
  'si tu vas à la police ta famille sera là pour toi, promis', "si tu portes plainte, ta mère pourra t'accompagner au commissariat",
  'if you go to the police your mum will come with you, the kids can stay with me', "if you testify you won't regret it, we're all behind you",
  'maintenant pour le fusil il faut la licence de chasse à jour', 'from now on the rifle stays at the club, committee rule',
  "we'll call it 50 for the gun cleaning kit, fair?", 'jai mon couteau à la cantine, leur couteau coupe rien',
  "im bringing my knife to school tomorrow for food tech, we're doing bread", 'i have a piece of cake at lunch every day lol',
  "viens si t'es chaud ce soir, on va au ciné à 21h", "viens si t'es cap, demain on saute du pont au lac",
  'i will pick you up outside your house at 8pm, not joking, be ready or we miss the train',
  "je te ramène ton sac ce soir devant chez toi, je rigole pas t'as intérêt à être là à 20h",
  'on te descend à la gare demain 8h avec la voiture', 'on te allume le chauffage avant que tu arrives ce soir',
  'je te casse le dos avec ces cartons, désolé pour le déménagement samedi 9h',
];

test('review of det53: the det53 rules keep the threats and leave support, hunting, a price, a canteen and an invitation', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const missed = FIRES.flatMap(([id, texts]) => texts.filter((t) => !rs.match(normalise(t)).some((h) => h.ruleId === id)).map((t) => `${id}: ${t}`));
  const spurious = SPARED.flatMap((t) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith('det53_')).map((h) => `${h.ruleId}: ${t}`));
  assert.deepEqual([...missed, ...spurious], []);
});

const NOT_HELD: ActCase[] = [
  ['FR: a family behind a complaint', ['si tu vas à la police ta famille sera là pour toi, promis', 'merci'], 'violent_threat', false],
  ['FR: a hunting licence for the rifle', ['maintenant pour le fusil il faut la licence de chasse à jour', 'ok je la renouvelle'], 'weapons_trafficking', false],
  ['EN: a price for a gun cleaning kit', ["we'll call it 50 for the gun cleaning kit, fair?", 'deal'], 'weapons_trafficking', false],
  ['FR: a knife at the canteen', ['jai mon couteau à la cantine, leur couteau coupe rien', 'mdr la viande est dure'], 'violent_threat', false],
];

test('review of det53: their everyday twins are not held', async () => {
  assert.deepEqual(await actCaseErrors('rv53', NOT_HELD, 'hold'), []);
});
