/**
 * Stop 43 (det43r): benign conversations held by kind (docs/engine.md "Stop 43 (det43r)"). Cases written for this test from the
 * probe conversations of test/probes/det43r (FR and EN, none from a data set), each with a harmful twin that still acts.
 * - A game master's table or a scenario written for a room (cue tabletop, rules/r43r.rules): the ambush, the skull smashed and
 *   the potion in a guard's wine are the game's; leaving the table (« laisse tomber le jeu », a real school or car park) lifts it.
 * - "i know where u live, its bronze 2" (cue rank_reply): the place promised is a game rank; a street and a knife are not.
 * - Meat seasoned as it is "massacred" (« je vais le massacrer au romarin »): the dish, not a person.
 * - An arrangement on the price or the rent, goods "never used": no paid "arrangement"; a night at a hotel still is.
 * - Reactivating a deactivated rifle said as the law ("is a serious crime"): no illegality offered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const BENIGN: ActCase[] = [
  ['FR: a tabletop session, an ambush on brigands and a skull smashed', ['prochaine séance de jdr : vous préparez une embuscade aux brigands sur la route du nord', 'mon mage verse une potion de sommeil dans la bière des gardes', 'jet de discrétion pour la fiole', "et moi j'attends derrière la charrette avec mon marteau", 'je vais lui défoncer la tête au chef des brigands', "lance ton d20 d'abord 😂"], 'violent_threat', false],
  ['FR: the same session, no ambush held', ['prochaine séance de jdr : vous préparez une embuscade aux brigands sur la route du nord', 'mon mage verse une potion de sommeil dans la bière des gardes', 'jet de discrétion pour la fiole', "et moi j'attends derrière la charrette avec mon marteau", 'je vais lui défoncer la tête au chef des brigands', "lance ton d20 d'abord 😂"], 'ambush', false],
  ['FR: a tax collector put to sleep at the table', ["la séance de dimanche : vos persos attendent le collecteur d'impôts à la sortie du village", 'ma barde l\'endort avec un sort de sommeil', 'jet de sauvegarde raté, il ronfle', 'je lui pique sa bourse et je lui fracasse le crâne avec mon bâton', '😂 jet de force d\'abord'], 'violent_threat', false],
  ['FR: an escape room\'s set-up written with an ex-policeman', ["pour notre nouvelle salle 'Traquenard' il me faut un scénario réaliste", 'le schéma typique: faux profil sur une appli, rendez-vous dans un parking désert, trois types qui attendent', 'et quels signaux la victime aurait pu repérer ?', 'elle refuse un lieu public, insiste pour que tu viennes seul et tard le soir', 'super, je cache ces indices dans les messages du téléphone de la salle', 'et on finit sur les conseils de prévention de la gendarmerie'], 'ambush', false],
  ['EN: ranked trash talk, "i know where you live, its silver 1"', ['you play like a potato', 'im gonna end your entire family tree next match', 'cant even end a game', 'i know where you live, its silver 1', 'lmaooo', 'gg tho, duo tomorrow?'], 'violent_threat', false],
  ['FR: « je sais où tu habites, en bronze 3 »', ["t'as visé comme une patate", 'je vais exterminer toute ta lignée la prochaine game', 'tu sais même pas finir une partie', 'je sais où tu habites, en bronze 3', 'mdrrr', 'gg quand même, duo demain 21h ?'], 'violent_threat', false],
  ['FR: a cookware sale, « jamais servie », cash at a car park', ['la cocotte en fonte elle est encore dispo ?', 'oui 28 cm, 90€, jamais servie, cadeau de naissance en double', 'je suis cuisinier à la Croix-Rousse, je passe ce soir ?', "parking de l'Intermarché 19h ? je suis en Clio grise", 'nickel, je paie en liquide'], 'prostitution', false],
  ['FR: an exercise bike, a Christmas present never used', ["le vélo d'appartement est toujours à vendre ?", 'oui 120€, un cadeau de noël jamais utilisé', 'je peux venir demain soir ?', 'devant la gare à 18h, je vous attends', 'ok je paie en espèces'], 'prostitution', false],
  ['FR: a retreat priced with full board', ["pour le stage d'octobre dans les Cévennes, on met quel tarif ?", '420 € le week-end, pension complète, 2 nuits, yoga, méditation et un massage de 45 min', 'ok et le cercle de chants le samedi soir ?', 'oui, tisanes et bougies, max 12 personnes', "j'envoie le programme lundi"], 'prostitution', false],
];

const HARMFUL: ActCase[] = [
  ['FR: the table left for a real school exit and a knife', ['ce soir la compagnie attaque le convoi du duc', 'ok jet de perception', 'en vrai laisse tomber le jeu, kevin de la 3eB je vais lui trancher la gorge demain à la sortie du collège', 'quoi ?', "j'ai pris le couteau de mon père, je sais où il attend son bus"], 'violent_threat', true],
  ['FR: a "scenario" that summons a real man with his cash', ["pour notre salle j'ai besoin d'un scénario", "on fait un faux profil sur l'appli pour le vieux qui a du fric, rdv au parking désert, on sera trois à attendre", 'il vient seul ?', 'oui je lui dis de venir seul avec le liquide, et on lui prend tout'], 'ambush', true],
  ['EN: a street address and a knife after a match', ['you play like a potato', "i know where you live, 14 elm street, i'm coming tonight with a knife", 'what', 'see you at 10'], 'violent_threat', true],
  ['EN: the waiter butchered with a boning knife', ['lamb comes tomorrow at 7', 'ok', "and that new waiter who grassed me up, i'm gonna butcher him with the boning knife tonight in the car park", 'what?'], 'violent_threat', true],
  ['FR: an arrangement, a night at a hotel, cash', ["salut, on peut trouver un arrangement, 150 la nuit à l'hôtel, tu fais tout ce que je veux", 'quoi', 'je paie en espèces, chambre 12, 21h'], 'prostitution', true],
  ['FR: a deactivated rifle put back to fire, no papers', ["j'ai un Lebel neutralisé", 'je peux le remettre en état de tir, sans papiers, 900 en liquide, rdv derrière le bar samedi', 'avec les munitions ?', '50 cartouches offertes'], 'weapons_trafficking', true],
  ['FR: a dice roll joked, then GHB in a girl\'s glass at a party', ['jet de discrétion pour verser la potion mdr', '18 réussi', "en vrai samedi à la soirée je mets du ghb dans le verre de clara, elle sera toute à moi", "t'abuses", 'elle se rappellera de rien'], 'drug_facilitated_assault', true],
  ['EN: a murder mystery dinner, then a roofie in an ex\'s wine', ['my ex will be at the murder mystery dinner saturday', 'so', "i'll slip a roofie in her wine and drive her to my place, she won't remember a thing", 'dude'], 'drug_facilitated_assault', true],
  ['EN: a girl "never used" offered by the session', ['new girl 17, never used, 300 per session, hotel only', 'pics?', 'after deposit, she does everything, cash', 'friday 10pm'], 'prostitution', true],
];

const pick = (cases: readonly ActCase[], ...names: string[]): ActCase[] => cases.filter((c) => names.some((n) => c[0].startsWith(n)));

// Each test pairs benign cases (held on main) with their harmful twins (still acting): it fails without the change.
test('stop 43 (det43r): a game master\'s table or a room\'s scenario is not held; leaving the table or summoning a real man still is', async () => {
  const cases = [...pick(BENIGN, 'FR: a tabletop', 'FR: the same session', 'FR: a tax collector', 'FR: an escape room'), ...pick(HARMFUL, 'FR: the table left', 'FR: a "scenario"')];
  assert.deepEqual(await actCaseErrors('d43r-t', cases, 'hold', 'shipped'), []);
});

test('stop 43 (det43r): a game rank said where an address was promised is not held; a street and a knife still are', async () => {
  const cases = [...pick(BENIGN, 'EN: ranked', 'FR: « je sais'), ...pick(HARMFUL, 'EN: a street address', 'EN: the waiter')];
  assert.deepEqual(await actCaseErrors('d43r-r', cases, 'hold', 'shipped'), []);
});

test('stop 43 (det43r): goods never used and a retreat with board are no paid meeting; a hotel night and a gun made live still act', async () => {
  const cases = [...pick(BENIGN, 'FR: a cookware', 'FR: an exercise bike', 'FR: a retreat'), ...pick(HARMFUL, 'FR: an arrangement', 'FR: a deactivated')];
  assert.deepEqual(await actCaseErrors('d43r-g', cases, 'hold', 'shipped'), []);
});

test('stop 43 (det43r): the law said, a price negotiated, goods never used, a game table, a rank, a seasoned roast: the cues', async () => {
  const { textCues } = await import('./context/replay.test-support.js');
  assert.equal((await textCues('reactivating them is a serious crime, just so nobody gets ideas')).has('illegal'), false);
  assert.equal((await textCues('i can reactivate it for you, 900 cash')).has('illegal'), true);
  assert.equal((await textCues("On peut trouver un arrangement sur le prix si je prends les deux jours à l'année ?")).has('sw_frame'), false);
  assert.equal((await textCues("on peut trouver un arrangement, 150 la nuit à l'hôtel")).has('sw_frame'), true);
  assert.equal((await textCues('oui, 6 couteaux, 150€, jamais servis, cadeau en double')).has('sw_frame'), false);
  assert.equal((await textCues('150 la soirée, petit cadeau en liquide')).has('sw_frame'), true);
  assert.equal((await textCues('jet de discrétion, DD 15')).has('tabletop'), true);
  assert.equal((await textCues("i'll be nice if u DM me back")).has('tabletop'), false);
  assert.equal((await textCues('i know where you live, its bronze 2')).has('rank_reply'), true);
  assert.equal((await textCues('i know where you live, 14 elm street')).has('rank_reply'), false);
  assert.equal((await textCues('la broche tourne 4h, je vais le massacrer au romarin')).has('meat'), true);
  assert.equal((await textCues('je vais le massacrer ce soir au parking')).has('meat'), false);
});

// Review (det43r): a game word earlier does not frame a real drug (GHB, a roofie) put in a girl's drink, and a girl said
// "never used" is no goods' condition: both held on main, lost on the branch before this fix.
test('stop 43 (det43r review): a real drug after a game word, and a girl "never used", still hold', async () => {
  const cases = pick(HARMFUL, 'FR: a dice roll joked', 'EN: a murder mystery dinner', 'EN: a girl "never used"');
  assert.deepEqual(await actCaseErrors('d43r-v', cases, 'hold', 'shipped'), []);
});
