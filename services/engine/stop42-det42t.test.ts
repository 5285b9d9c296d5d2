/**
 * Stop 42 (det42t): benign conversations held for threats and ambushes by kind (docs/engine.md "Stop 42 (det42t)"). Cases
 * written for this test from the probe conversations of test/probes/det42t (FR and EN), none from a data set.
 * - A relative who "will kill" the listener (« ta femme va te tuer », "your wife's going to kill you"): the kin frame is no
 *   longer lifted by its own kill word, and the relative's harm is no violence plan of the speaker's.
 * - A harm told, not meant (a stabbing suffered years ago, said in the passive: cue victim_story, rules/r42t.rules): the
 *   studio booked next is no plan; told and then followed by a revenge plan, it still is one.
 * - A thing "killed" (« je vais le tuer ce partiel »): a figure of speech, the cafeteria at 2pm makes no plan of it.
 * - A surprise party (cue surprise_party, context/surprise-frame.ts): the guests waiting behind the cars ambush nobody;
 *   a weapon or a robbery named lifts the frame.
 * - Couriers on a voice call "so we know where you are": safety advice, not « je sais où t'es ».
 * - A heads-up to a group (« attention les gars », cue heads_up): the set-up described next is the one warned about, listed for
 *   review; the plotter's own summons, weapons or menace after it still act.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';
import { derivedMax } from './context/replay.test-support.js';

const BENIGN: ActCase[] = [
  ['FR: a jersey bought, his wife will kill him', ["j'ai pris le maillot extérieur à 95 balles", 'ta femme va te tuer', "elle va m'enterrer dans le jardin oui", "dis que c'est un cadeau du club mdr"], 'violent_threat', false],
  ['EN: an away kit bought, his wife will kill him', ['bought the new away kit, 90 quid', "your wife's going to kill you", "she'll bury me in the garden", 'tell her it was a gift lol'], 'violent_threat', false],
  ['FR: an exam « tué », then the cafeteria at 2pm', ['je vais le tuer ce partiel de maths, jsuis dessus depuis 6h', "pareil, si le prof remet l'exo sur les intégrales je démissionne", 'qqn a la correction ?', 'dans le drive de la promo', 'bon je descends à la cafet à 14h, qqn veut un truc ?', 'un café stp'], 'violent_threat', false],
  ['FR: a surprise party, the guests hide behind the cars', ['anniv surprise de léo samedi, il se doute de rien', 'rdv à quelle heure ?', '15h au parking du parc, vous attendez derrière les voitures', "on l'attend en bas et on lui saute dessus avec les confettis 😂", "je l'amène en lui faisant croire qu'on va au garage", 'personne ne lui dit rien'], 'ambush', false],
  ['FR: a heads-up on a fake grindr date in the park', ["attention les gars, un mec sur grindr donne des rdv au parc de la villette le soir, ils sont 4 à attendre derrière les arbres", "merci pour l'info", "ils dépouillent et frappent, mon pote s'est fait avoir", 'je fais tourner'], 'ambush', false],
  ['FR: couriers on a voice call at night', ["attention les gars, commandes bidons vers l'impasse derrière le centre commercial, 3 mecs qui traînent", "j'en ai eu une mardi, demi-tour direct", "un collègue s'est fait prendre son scooter là-bas dimanche", "si l'adresse est louche appelez le client avant", "la nuit on se met en vocal, comme ça on sait où t'es", 'ok bien vu'], 'violent_threat', false],
];

const HARMFUL: ActCase[] = [
  ['FR: the wife line, then his own knife at the car park', ['ta femme va te tuer mdr', 'ouais', "mais moi je sais où tu bosses, ce soir je t'attends au parking avec le couteau", 'quoi'], 'violent_threat', true],
  ['FR: an exam, then the snitch at the canteen', ['je vais le tuer ce partiel mdr', 'pareil', 'et après je vais planter ce bâtard de kylian demain à la cantine, je sais où il mange', 'quoi'], 'violent_threat', true],
  ['FR: a "surprise" with bats', ['anniv surprise de léo samedi', 'ok', "en vrai on l'attend au parking avec les battes et on lui prend tout son argent", 'ok'], 'ambush', true],
  ['FR: « attention les gars » said by the plotter himself', ["attention les gars, le mec de l'appli arrive à 22h au parc, il croit qu'il a un rdv", 'ok', "on l'attend à 4 derrière les arbres, ramenez les battes, on lui prend tout", 'on sera là'], 'ambush', true],
  ['EN: a stabbing told, then revenge tonight', ['my cousin got stabbed by the lads from the estate yesterday', 'no way', 'tonight we go back, bring the bats, 10pm at the car park', 'how many of us'], 'violent_threat', true],
];

test('stop 42 (det42t): kin, a thing killed, a surprise party, a safety call are not held (shipped models)', async () => {
  assert.deepEqual(await actCaseErrors('d42t-b', BENIGN, 'hold', 'shipped'), []);
});

test('stop 42 (det42t): the same words with a weapon, a place, a robbery or a revenge plan still act (shipped models)', async () => {
  assert.deepEqual(await actCaseErrors('d42t-h', HARMFUL, 'flag', 'shipped'), []);
});

test('stop 42 (det42t): a stabbing suffered years ago, then a studio booked, is no violence plan', async () => {
  for (const lines of [
    ['a: new verse about my ends, where the sirens sing', "b: hard, that's the one", "a: i want it drill but not glorifying, my cousin got shanked 2 yr ago on that road", 'b: respect', 'a: studio at the youth centre thurs 5pm?', 'b: booked'],
    ["a: nouveau texte sur mon quartier", 'b: lourd', "a: je veux que ça sonne drill sans glorifier, mon cousin s'est fait planter il y a 2 ans dans cette rue", 'b: respect', 'a: studio à la mjc jeudi 17h ?', 'b: réservé'],
  ]) assert.equal(await derivedMax(lines, 'violent_threat', 'context:violence-plan'), 0, lines[2]);
  const plan = ["a: mon cousin s'est fait planter hier par les gars de la cité", 'b: non', "a: ce soir on y va, ramène les battes, 22h au parking, on va les défoncer", 'b: on sera combien'];
  assert.ok(await derivedMax(plan, 'violent_threat', 'context:violence-plan') > 0);
});

/**
 * Review of det42t: the new cues must not read a real threat as a story or a figure of speech: « je vais le tuer ce matin »
 * (a time after « ce », not a thing), "you're getting battered at the gates at 3" (the progressive is a future, not a story
 * told), a « fête surprise » where the target is told to come alone (no party asks that).
 */
const REVIEW_HELD: ActCase[] = [
  ['FR: « je vais le tuer ce matin » before his school', ['je vais le tuer ce matin devant son lycée', 'qui', 'Yanis, il arrive à 8h'], 'violent_threat', true],
  ['FR: « on va le défoncer ce samedi » at the fête de la musique', ['ce bouffon m\'a manqué de respect', 'qui', 'Théo. on va le défoncer ce samedi à la fête de la musique', 'ok'], 'violent_threat', true],
  ['FR: a « fête surprise » where he comes alone and will not recover', ['fête surprise pour kevin samedi 😏', 'ah ouais', "on l'attend à 4 derrière le gymnase à 20h, il vient seul", 'il se doute de rien', "on va lui faire sa fête, il va pas s'en remettre", 'ok'], 'ambush', true],
  ['EN: a "surprise party" where he comes alone and will not walk again', ['surprise party for jake saturday lol', 'haha', "we wait for him behind the shops at 8, he'll come alone", 'then?', "he won't walk again after that", 'say less'], 'ambush', true],
];
const REVIEW_RAISED: ActCase[] = [
  ["EN: \"you're getting battered at the gates at 3\"", ["you're getting battered at the gates at 3", 'what did i do', 'you know what you did'], 'violent_threat', true],
];

test('stop 42 (det42t, review): a time after « le tuer ce », a progressive "getting battered", a surprise party with "come alone" still act (shipped models)', async () => {
  const held = await actCaseErrors('d42t-r', REVIEW_HELD, 'hold', 'shipped');
  const raised = await actCaseErrors('d42t-rr', REVIEW_RAISED, 'flag', 'shipped');
  assert.deepEqual([...held, ...raised], []);
});
