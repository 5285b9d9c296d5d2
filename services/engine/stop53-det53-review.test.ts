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
import type { Category } from '../contracts/taxonomy.js';

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

// Fresh read of Stop 53 (fix53r, the fresh read of Stop 53, section 4): everyday texts the det53 rules and d53b's deepfake cues
// matched — support for a victim, a bike, a lift to court, the kitchen scale, a concert, a dissection, a scout camp, tennis
// balls, a bake sale, an apology, a tent, the beach, babysitting, a nap, a glue gun, a bread knife, the holidays, a birthday
// montage and a yearbook. None may fire a det53 rule or the deepfake cues, and none may be flagged.
const EVERYDAY: [string, string[], Category][] = [
  ['FR: the police will protect a victim', ['j\'ai trop peur de parler, ça continue à la maison', 'si tu parles à la police de ce que ta mère te fait, ils vont te protéger'], 'violent_threat'],
  ['FR: a minor\'s complaint needs a parent', ['je veux porter plainte contre mon oncle', 'si tu portes plainte, ta mère doit signer aussi vu que t\'es mineure'], 'violent_threat'],
  ['EN: a stolen bike', ['someone nicked my bike from outside the shop', 'if you go to the police about the bike they will want to know where you left it'], 'violent_threat'],
  ['EN: a lift to court', ["i'm so nervous about monday", 'when you go to court on monday your mum can drive you'], 'violent_threat'],
  ['FR: the kitchen scale', ['tu trouves la balance pour peser la farine ?', 'je sais où est rangée la balance, dans le placard'], 'violent_threat'],
  ['FR: a concert', ["t'as eu des places ?", "viens si t'es un vrai fan, concert demain 20h au parc"], 'violent_threat'],
  ['FR: a dissection in biology', ["t'as pensé au matos pour demain ?", 'je prends mon couteau en cours de SVT pour la dissection'], 'violent_threat'],
  ['EN: a scout camp', ['what are you packing?', 'bringing my knife to school for the scout camp friday, we leave straight from there'], 'violent_threat'],
  ['FR: tennis balls', ['pour la vente au club', 'on va dire 10 euros pour les balles de tennis'], 'weapons_trafficking'],
  ['EN: a bake sale', ['how much are we charging at the bake sale?', "from now on it's 2 pounds for a piece of cake"], 'weapons_trafficking'],
  ['FR: an apology', ['désolé je te casse la tête depuis ce matin', "t'inquiète"], 'violent_threat'],
  ['FR: a tent at the campsite', ['on arrive au camping vers 18h', 'on te plante la tente à côté de la nôtre au camping'], 'violent_threat'],
  ['FR: a lift to the beach', ['tu viens avec nous cet après-midi ?', 'on te descend à la plage après le déj'], 'violent_threat'],
  ['FR: babysitting', ['je suis désolée pour samedi', "si je peux pas te garder samedi, personne d'autre ne peut"], 'violent_threat'],
  ['EN: a nap', ["he's still screaming", "if i can't get him to nap nobody can lol"], 'violent_threat'],
  ['EN: a glue gun', ['this glue gun is no joke, burned my finger', 'ouch run it under cold water'], 'violent_threat'],
  ['FR: a bread knife', ['attention en coupant', "ce couteau à pain c'est pas une blague, il coupe tout"], 'violent_threat'],
  ['FR: the holidays', ['bonnes vacances à toi', "profite bien tant que t'es en vacances, lundi 8h au bureau"], 'violent_threat'],
  ['FR: a birthday montage', ["c'est bientôt ton anniv", "je fais un montage de toi pour ton anniv, je l'envoie à tout le monde"], 'sexual_harassment'],
  ['EN: a yearbook photo', ['did you see the yearbook?', 'i photoshopped the pic of you for the yearbook, everyone loved it'], 'sexual_harassment'],
];

test('fresh read of det53: no det53 rule or deepfake cue fires on everyday texts', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const fired = EVERYDAY.flatMap(([, texts]) =>
    texts.flatMap((t) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith('det53_') || h.ruleId.startsWith('d53b_cue.deepfake')).map((h) => `${h.ruleId}: ${t}`)),
  );
  assert.deepEqual(fired, []);
});

// Two stay flagged by older rules, outside det53 (harmyou.fr reads « on te plante »; cue.fr.held_images with
// cue.fr.spread_threat reads « un montage de toi … à tout le monde »): left to their own fix.
const OLDER_RULES = new Set(['FR: a tent at the campsite', 'FR: a birthday montage']);

test('fresh read of det53: the everyday texts are not flagged', async () => {
  const cases: ActCase[] = EVERYDAY.filter(([name]) => !OLDER_RULES.has(name)).map(([name, texts, category]) => [name, texts, category, false]);
  assert.deepEqual(await actCaseErrors('rv53e', cases, 'flag'), []);
});
