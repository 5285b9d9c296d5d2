/**
 * Stop 53 (det53, issue 10): threats and weapon talk that hide the words (rules/det53.rules, fr52.rules, context/derive.ts
 * weaponIntent; docs/engine.md "Stop 53 (det53)"): a witness or a complainant told what happens if they speak, a call-out
 * to fight at a time and place, « c'est pas un jeu » or an SMS « mdr » beside a weapon in hand, a weapon carried to a
 * school, « gun » in French, a code word set once for a gun, a body part broken with no « je vais », « on te fume », "if I
 * can't have you nobody will", a veiled menace after an address. Cases written for this test, none from a data set; each kind
 * has everyday twins of the same shape (a lawyer's advice, a karting race, a game, a cooking class, slang talk).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

const FIRES: [string, string[]][] = [
  ['det53_vt.fr.witness', ["dis à ton frère que s'il parle aux flics il verra plus sa fille", 'si tu témoignes contre kevin, on sait où habite ta mère', 'si tu portes plainte tu le regretteras toute ta vie']],
  ['det53_vt.en.witness', ["tell your brother if he testifies he won't make it home", 'say one word to the cops and ur done, i know ur mums flat']],
  ['det53_vt.fr.temoin', ["la témoin elle habite au-dessus de la boulangerie, dis lui de bien réfléchir à ce qu'elle va dire"]],
  ['det53_vt.fr.callout', ["samedi 22h au parking, viens si t'es un homme", 'pull up if ur bad, tesco car park tonight']],
  ['det53_cue.not_joke', ["jai le couteau, c'est pas un jeu, ce soir 20h devant chez toi"]],
  ['det53_vt.fr.school_weapon', ['jai mon arme sur moi demain au lycée', 'im bringing my gun to school tomorrow']],
  ['det53_wt.code_word', ['on dit "parapluie" pour le fusil d\'accord', 'from now on "the drill" means the strap ok']],
  ['det53_vt.fr.jte_casse', ["si jamais tu remets les pieds chez elle jte casse les deux jambes", 'la prochaine fois que jte vois jte crève les yeux']],
  ['det53_vt.fr.on_te', ['wallah si tu reviens dans le quartier on te fume', 'balance encore et on te plante']],
  ['det53_vt.ex_nobody', ['if i cant have u nobody will. remember that', "si je peux pas t'avoir personne ne t'aura"]],
  ['det53_cue.veiled', ['14 rue des lilas. 2e étage. tu sais ce qui va se passer', "ton nouveau mec rentre par le parc le soir, dommage s'il lui arrivait un truc", 'your boyfriend drives the blue corsa, be a shame']],
  ['fr52_cue.weapon_have', ['jai le gun dans mon sac demain tu vas voir mdr', "jai le couteau, c'est pas un jeu, ce soir 20h devant chez toi", 'jai le schlass sur moi ce soir mdr']],
];

const SPARED: string[] = [
  "si tu témoignes, pense à prendre ta pièce d'identité et ta convocation", "l'avocat dit que si tu portes plainte tu le regretteras pas, l'aide juridictionnelle paie",
  'the court hearing is monday, my lawyer says if you testify calmly you will not regret it', 'rdv samedi 22h au parking, viens si t\'es un homme on fait la course de karting',
  'ce soir 20h au foot, viens si t\'es chaud', "j'ai mon couteau suisse demain au lycée pour l'atelier", 'i got the knife for cooking class at school tomorrow',
  'on dit "la bête" pour la nouvelle bagnole, jte ramène la bête samedi', 'in the novel they call it the piece, code word for the gun', "dans le jeu j'ai le gun doré mdr",
  "j'ai le pistolet sur fortnite, viens en 1v1", 'jai le couteau à pain, tu ramènes la baguette ce soir 20h',
  'au ski je me suis cassé les deux jambes', 'mon kiné me pète le dos à chaque séance mais je te casse les pieds avec ça', 'on te fume au foot samedi mdr',
  'on te fume un joint ce soir?', 'if i cant have the last slice nobody will', "tu sais ce qui va se passer dans l'épisode 5? no spoil",
  'be a shame to waste all this food',
];

test('stop 53 (det53): the det53 rules and fr52_cue.weapon_have read hidden threats and weapon talk, not their everyday twins', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const missed = FIRES.flatMap(([id, texts]) => texts.filter((t) => !rs.match(normalise(t)).some((h) => h.ruleId === id)).map((t) => `${id}: ${t}`));
  const spurious = SPARED.flatMap((t) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith('det53_') || h.ruleId === 'fr52_cue.weapon_have').map((h) => `${h.ruleId}: ${t}`));
  assert.deepEqual([...missed, ...spurious], []);
});

const HELD: ActCase[] = [
  ['FR: a weapon carried to school tomorrow', ['jai mon arme sur moi demain au lycée'], 'violent_threat', true],
  ['FR: the knife, not a game, tonight at your door', ["jai le couteau, c'est pas un jeu, ce soir 20h devant chez toi"], 'violent_threat', true],
  ['FR: a witness told where her mother lives', ['si tu témoignes contre kevin, on sait où habite ta mère'], 'violent_threat', true],
];

const ACTS: ActCase[] = [
  ['FR: you will pay, then a call-out at the car park', ['tu vas me le payer', "samedi 22h au parking, viens si t'es un homme"], 'violent_threat', true],
  ['EN: a brother told he will not make it home', ["tell your brother if he testifies he won't make it home"], 'violent_threat', true],
  ['FR: karting race at the car park', ["rdv samedi 22h au parking, viens si t'es un homme on fait la course de karting", 'grave, jamène mon casque'], 'violent_threat', false],
  ['FR: a witness summons', ["si tu témoignes, pense à prendre ta pièce d'identité et ta convocation", 'oui merci'], 'violent_threat', false],
  ['FR: a Swiss knife for the workshop', ["j'ai mon couteau suisse demain au lycée pour l'atelier", 'ok'], 'violent_threat', false],
];

test('stop 53 (det53): hidden threats are held or act; their everyday twins do not', async () => {
  assert.deepEqual([...await actCaseErrors('det53-h', HELD, 'hold'), ...await actCaseErrors('det53-a', ACTS, 'flag')], []);
});
