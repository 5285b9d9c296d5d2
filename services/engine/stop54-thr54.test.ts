/**
 * Stop 54 (thr54, issue 10): threats whose menace is knowledge of the victim's life and weapons offered with a code
 * (rules/det54t.rules; docs/engine.md "Stop 54 (thr54)"): a closer after a named schedule or address (« profite bien »,
 * "just saying", « je dis ça je dis rien », « je frapperai pas »), an address given in pieces, a child described to the
 * parent, "enjoy your last walk home", a gun offered with « tu sais pour qui » or "no questions", « un feu » priced; and
 * wt.en.sell no longer reads a watch strap. Cases written for this test, none from a data set; each kind has everyday twins
 * built on the same words (a delivery, a friend's coffee, a landlord's visit, a new flat, a nerf gun, a campfire, a lost coat).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

const FIRES: [string, string[]][] = [
  ['det54t_cue.closer', ['tu sors du taf à 19h le jeudi. profite bien', 'you park behind the library every monday. just saying', 'ta sœur prend le 12 à 7h10, je dis ça je dis rien']],
  ['det54t_cue.address_piece', ['bât C, appart 14, 3e étage', 'flat 9, 4th floor, blue door']],
  ['det54t_cue.address_closer', ['bâtiment D appart 31. je dis ça je dis rien', '3e étage porte 7, je frapperai pas']],
  ['det54t_cue.child_described', ['ta fille porte un blouson jaune', 'your son wears a green backpack']],
  ['det54t_vt.last_way_home', ['enjoy your last walk home tonight', 'profite bien de ton dernier trajet chez toi']],
  ['det54t_wt.code_buyer', ['🔫 550 tu sais pour qui', 'got a 9mm, 700, no questions asked']],
  ['det54t_wt.fr.feu', ["j'ai un feu propre, 650 cash"]],
];

const SPARED: string[] = [
  // fresh read of stop 54: a farewell, a glue gun
  'you finish at 6 on friday right? enjoy your last night!', 'anyone got a glue gun? link me', 'need a nail gun for the weekend, link me',
  'tu finis à 18h ? profite bien de ta soirée', 'you leave work at 5, just saying we could grab a drink', 'le magasin ferme à 20h, les soldes finissent, je dis ça je dis rien',
  "tu sors à 17h et t'as jamais le temps pour un café, je dis ça je dis rien", 'flat 3, 2nd floor, door on the left. just saying in case the driver gets lost',
  'bât B appart 22, 3e étage, jolie maison hein ? on a signé hier', 'je passe au 2e étage porte 12 jeudi, je frapperai pas trop fort si le bébé dort',
  'ton fils a oublié son manteau rouge à la cantine', 'ta fille porte un manteau rouge trop mignon', 'enjoy your last walk home before the move',
  '🔫 nerf 15€ tu sais pour qui, ton neveu va adorer', 'the clip for the new song is out, link me when you see it',
  "calibre 12 pour la battue, tu connais le code de l'armoire du club", '🔪 chef knife 80, no questions, returns accepted',
  // review of thr54: a closer followed by a clause, « ting » / "piece" / a knife beside "link me", a curling iron
  'tu finis le taf à 19h le jeudi. profite bien, moi je suis de garde', 'you leave at 5 every friday. just saying, lucky you',
  "ta sœur prend le 12 à 7h10, je dis ça je dis rien, t'as raté le tien hier", "big ting at mine saturday, link me if you're coming",
  'saved a piece of the cake in the fridge, you know who its for', 'couteau suisse trouvé au parc, je le rends sans questions',
  "je vends mon fer à boucler, j'ai un fer propre jamais servi 15 euros", 'gel blaster 🔫 full clip of gel balls, 40 quid, link me',
  "j'ai un feu de camp propre ce soir, 20 balles le bois", "il y a un feu d'artifice dispo, 700 euros pour le mariage",
];

test('stop 54 (thr54): the det54t rules read menace by knowledge and weapons offered with a code, not their everyday twins', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const missed = FIRES.flatMap(([id, texts]) => texts.filter((t) => !rs.match(normalise(t)).some((h) => h.ruleId === id)).map((t) => `${id}: ${t}`));
  // det54t_cue.address_piece is an anchor only (it asserts nothing): a delivery's or a landlord's address sets it too.
  const spurious = SPARED.flatMap((t) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith('det54t_') && h.ruleId !== 'det54t_cue.address_piece').map((h) => `${h.ruleId}: ${t}`));
  assert.deepEqual([...missed, ...spurious], []);
});

test('stop 54 (thr54): wt.en.sell does not read a watch or guitar strap, still reads a strap for sale', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const sells = (t: string): boolean => rs.match(normalise(t)).some((h) => h.ruleId === 'wt.en.sell');
  assert.deepEqual(['got a new strap for my watch, leather, 40 quid', 'selling a guitar strap, 15 quid', 'have a spare watch strap if u need'].filter(sells), []);
  assert.deepEqual(['got a strap for sale, 600', 'who has a strap? need one by friday'].filter((t) => !sells(t)), []);
});

const HELD: ActCase[] = [
  ['FR: a weekly schedule then « profite bien »', ['tu sors de la salle à 20h le mercredi. profite bien'], 'violent_threat', true],
  ['EN: a routine then "just saying"', ['you walk the dog by the canal at 6 every morning. just saying'], 'violent_threat', true],
  ['EN: the last walk home', ['enjoy your last walk home from school tomorrow'], 'violent_threat', true],
  ['FR: a gun emoji, a price and « tu sais pour qui »', ['🔫 450 tu sais pour qui'], 'weapons_trafficking', true],
  ['EN: a watch strap is no gun for sale (a weapons-deal reading may still list it)', ['got a new strap for my watch, leather, 40 quid', 'nice'], 'weapons_trafficking', false],
];

const ACTS: ActCase[] = [
  ['FR: an address in pieces and « je dis ça je dis rien »', ['résidence les chênes, bât A, appart 9. je dis ça je dis rien'], 'violent_threat', true],
  ['FR: the floor and door, « je frapperai pas »', ['4e étage porte 18, je frapperai pas'], 'violent_threat', true],
  ['FR: the school, its exit time and the child described', ['école jules ferry, sortie 16h30, ta fille porte un blouson jaune'], 'violent_threat', true],
  ['FR: « un feu » clean and priced', ["j'ai un feu pour toi, propre, 700 les gars savent"], 'weapons_trafficking', true],
  ['FR: a parent\'s schedule with « profite bien de ta soirée »', ['tu finis à 18h le mardi ? profite bien de ta soirée', 'merci maman'], 'violent_threat', false],
  ['FR: a friend\'s coffee and « je dis ça je dis rien »', ["tu sors à 17h le vendredi et t'as jamais le temps pour un café, je dis ça je dis rien", 'ok vendredi café'], 'violent_threat', false],
  ['FR: a landlord at the floor and door', ['je passe au 2e étage porte 12 jeudi pour le compteur, je frapperai pas trop fort si le bébé dort', "d'accord"], 'violent_threat', false],
  ['FR: a new flat shown off', ['12 rue pasteur, 1er étage porte 4, jolie maison hein ? on a signé hier', 'félicitations'], 'violent_threat', false],
  ['FR: a lost coat at school', ["ton fils a oublié son manteau rouge à l'école, je l'ai mis aux objets trouvés", 'merci !'], 'violent_threat', false],
  ['FR: a nerf gun for a nephew', ['🔫 nerf 15€ tu sais pour qui, ton neveu va adorer', 'top'], 'weapons_trafficking', false],
  ['FR: a campfire', ["j'ai un feu de camp propre pour toi ce soir, 20 balles le bois", 'cool'], 'weapons_trafficking', false],
];

test('stop 54 (thr54): menace by knowledge and coded gun offers are held or act; their everyday twins do not', async () => {
  assert.deepEqual([...await actCaseErrors('thr54-h', HELD, 'hold'), ...await actCaseErrors('thr54-a', ACTS, 'flag')], []);
});

test('thr54 fresh read: an ordinal is no street (« the 1st » normalises to « 1 st »), so the rent day is no address in pieces', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const anchors = (t: string): string[] => rs.match(normalise(t)).filter((h) => h.ruleId === 'det54t_cue.address_piece').map((h) => h.ruleId);
  assert.deepEqual(anchors('rent is due on the 1st, just saying'), []);
  assert.deepEqual(anchors('my exam is on the 3rd, just saying'), []);
  assert.deepEqual(anchors('14 oak road, flat 3, 2nd floor'), ['det54t_cue.address_piece']);
});
