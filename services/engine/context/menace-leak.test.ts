/**
 * Violence leaked without threat words (menace-leak.ts, rules/menace_leak.rules), with the shipped rules and policy, the context
 * and no model (message or window): a pupil with a relative's gun who tells friends to stay away, a routine known with an unlit
 * spot, a hint or a condition, a speaker who stands by it after an alarm, a trap with the beating said. Benign twins share the
 * words: a neighbour's warning, a snow day, a hunting weekend, a surprise party, a game, a prank, a novel, a stag do. Texts
 * written for this test (none from an evaluation set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from '../dialogue.test-support.js';

const HARM: ActCase[] = [
  ['EN: brother\'s rifle, lunch in the cafeteria, stay away', ['mr price failed me again and laughed with the class', 'he\'s a prick', 'my brother keeps his rifle in the closet, i know the safe combination', 'what', 'tomorrow at lunch in the cafeteria. don\'t come in tomorrow, either of you'], 'violent_threat', true],
  ['FR: la clé du cabinet, reste dehors vendredi midi', ['mon père laisse la clé du cabinet dans le garage quand y part à la chasse', 'pis?', 'vendredi midi y mangent toujours à la même table à la cafétéria. reste dehors vendredi midi'], 'violent_threat', true],
  ['FR: relayed, unlit entrance, knows when he gets home', ['tu vois toujours Inès ?', 'oui', 'dis-lui que son nouveau mec a plus de lumière dans son entrée depuis 2 semaines, et que moi je sais à quelle heure il rentre du foot'], 'violent_threat', true],
  ['EN: the dark canal and accidents happen', ['your dog barks all night and you ignore my notes', 'it\'s a puppy', 'your son walks home alone at 8 on thursdays by the canal, no lights there', 'why are you telling me this', 'accidents happen. a quiet dog and everyone sleeps'], 'violent_threat', true],
  ['FR: si elle part, elle arrivera pas', ['elle veut partir chez sa mère avec les petits', 'laisse la respirer', 'si elle part elle arrivera pas à Lyon. je connais la route, elle est vide à 4h du matin'], 'violent_threat', true],
  ['EN: stands by it after "that could kill someone"', ['he wrote me up again', 'he\'s a prick', 'he cycles under the bridge at 6:20 every day, no cameras, no lamps. a line across at neck height', 'that could kill someone', 'that\'s the point'], 'violent_threat', true],
  ['QC: j\'niaise pas after the hunting accident hint', ['tu fais le plan des postes pour la battue ?', 'comme chaque année', 'mets-moi en face du nouveau de Sandrine. les accidents de chasse, ça arrive', 'Roger c\'est pas drôle', 'je rigole pas'], 'violent_threat', true],
  ['EN: blocked, alone locking up, wouldn\'t want anything to happen', ['u can block me all u want', 'stop', 'ur shift at the co-op ends at 10, ur on ur own locking up', 'leave me alone', 'wouldnt want anything to happen'], 'violent_threat', true],
  ['FR: a trap with the beating said', ['il nous doit 2000 et il répond plus', 'ma cousine lui donne rdv au parc, au coin du kiosque, à 23h, y a personne à cette heure', 'on arrive par derrière, on lui casse les jambes', 'gants et cagoules, pas de téléphone sur nous'], 'violent_threat', true],
];

const BENIGN: ActCase[] = [
  ['neighbour warns of a dark street', ['bonjour, votre fille rentre seule du conservatoire le mardi vers 21h', 'oui pourquoi ?', 'c\'est mal éclairé là-bas en hiver, faites attention, un accident est vite arrivé avec les voitures', 'merci je vais aller la chercher'], 'violent_threat', false],
  ['snow day: the heating is broken', ['monday period 3 is cancelled', 'nice', 'just don\'t come in monday ok, the heating is broken', 'sweet'], 'violent_threat', false],
  ['surprise party relayed', ['dis-lui que je sais à quelle heure il rentre de la salle, on prépare sa surprise', 'ok', 'l\'entrée de son immeuble a plus de lumière, on mettra les guirlandes là', 'trop bien'], 'violent_threat', false],
  ['horror film', ['le film d\'hier, le tueur savait à quelle heure elle rentrait', 't\'es malade de regarder ça', 'je rigole pas c\'était trop bien', 'mdr'], 'violent_threat', false],
  ['test day: i\'m not joking, i\'m sick', ['i\'m not coming to school monday, the maths test', 'wtf you\'ll fail', 'i\'m not joking i\'m sick', 'ok'], 'violent_threat', false],
  ['hockey banter', ['y vont arrêter de rire après la game de lundi midi', 'niaise pas avec ça, on va perdre', 'j\'niaise pas on va les planter', 'lol'], 'violent_threat', false],
  ['novel villain', ['in my novel the villain says it\'d be a shame if, and he knows when she finishes', 'wtf that\'s creepy', 'that\'s the point, it\'s a thriller', 'nice'], 'violent_threat', false],
  ['moderator quoting a menace', ['rappel : menacer quelqu\'un est interdit. "je sais à quelle heure il rentre" est une menace', 'ok', 'un accident est vite arrivé n\'est pas drôle non plus', 'compris'], 'violent_threat', false],
  ['game: camp the bridge', ['he always spawns at 2:00 on that map, no cameras there', 'that could kill someone lol', 'that\'s the point, it\'s a game', 'gg ez'], 'violent_threat', false],
  ['landlord: the hallway lights are out', ['the hallway lights are out, no lights for 2 weeks, sorry', 'what if someone falls', 'i know, the electrician comes tuesday', 'thanks'], 'violent_threat', false],
  ['hunting weekend with dad', ['my dad keeps his thing in the black case, the combo is his birthday, we go hunting saturday', 'cool', 'don\'t come saturday morning, we leave at 5', 'ok have fun'], 'violent_threat', false],
  ['boss: closing alone, text me', ['your shift ends at 10 tonight, you\'re on your own locking up', 'ok', 'wouldn\'t want anything to happen, so text me when you\'re done', 'will do'], 'violent_threat', false],
  ['paintball alibi', ['paintball saturday 10am, bring masks and gloves', 'ok', 'we were at the paintball if anyone asks why we\'re bruised', 'haha'], 'violent_threat', false],
];

test('violence leaked without threat words is listed (flag)', async () => {
  assert.deepEqual(await actCaseErrors('ml-h', HARM), []);
});

test('benign twins of leaked violence are not listed', async () => {
  assert.deepEqual(await actCaseErrors('ml-b', BENIGN), []);
});

test('benign twins of leaked violence are never held', async () => {
  assert.deepEqual(await actCaseErrors('ml-bh', BENIGN, 'hold'), []);
});

test('the cues of leaked violence, and a building\'s rules that are no moderator', async () => {
  const { resolve } = await import('node:path');
  const { REPO_ROOT } = await import('../engine-options.js');
  const { normalise } = await import('../normalise.js');
  const { loadRuleSet } = await import('../rules/index.js');
  const { cuesOf } = await import('./cues.js');
  const { fold } = await import('./fold.js');
  const rules = await loadRuleSet(resolve(REPO_ROOT, 'rules'));
  const cues = (t: string): Set<string> => cuesOf(fold(t), rules.match(normalise(t)).filter((h) => h.kind === 'cue').map((h) => h.label.slice(4) as never));
  const rows: [string, string, boolean][] = [
    ['reste dehors lundi midi Mathis', 'stay_away', true], ['just don\'t come in monday ok', 'stay_away', true], ['je reste dehors, il fait beau', 'stay_away', false],
    ['j\'niaise pas', 'not_joking', true], ['that\'s the point', 'not_joking', true], ['what\'s the point of this', 'not_joking', false],
    ['moi je sais à quelle heure il rentre de la salle', 'knows_routine', true], ['i know when she finishes', 'knows_routine', true],
    ['je sais à quelle heure il rentre, on prépare sa surprise', 'knows_routine', false],
    ['c\'est mal éclairé là-bas', 'exposed', true], ['no cameras, no lamps', 'exposed', true], ['la salle est bien éclairée', 'exposed', false],
    ['un accident est vite arrivé', 'veiled', true], ['it\'d be a shame if something happened', 'veiled', true],
    ['et si elle raconte après ?', 'leave_cond', true], ['si vous allez au tribunal le 14', 'leave_cond', true], ['si elle veut venir', 'leave_cond', false],
    ['dis-lui que la porte est cassée', 'relay', true], ['dis-lui que c\'est pour son anniversaire', 'relay', false],
    ['je ne parle pas de règlement', 'moderation', false], ['c\'est dans le règlement de la copro', 'moderation', false], ['rappel : le règlement du serveur interdit la vente', 'moderation', true],
  ];
  const wrong = rows.filter(([t, c, want]) => cues(t).has(c) !== want).map(([t, c, want]) => `${t}: ${c} ${want ? 'missing' : 'set'}`);
  assert.deepEqual(wrong, []);
});

// Review of detA38: a safe's combination and "stay home tomorrow, I mean it" from a boss are no school leak (never held).
const SAFES: ActCase[] = [
  ['EN: a shop manager, the safe and a sick day', ['the combination for the safe is in the blue folder, cash bag goes in at close', 'ok', 'and stay home tomorrow, you sound awful. i mean it', 'thanks boss'], 'violent_threat', false],
  ['EN: a bank lead, a new combination and a closed branch', ['new combination for the safe starts monday, 4 digits, check your email', 'ok', 'and do not come in tomorrow, the branch is closed for the alarm upgrade. i am serious, they will turn you away', 'cool'], 'violent_threat', false],
];

test('a safe, a sick day or a closed branch are never held as a leak', async () => {
  assert.deepEqual(await actCaseErrors('ml-safe', SAFES, 'hold'), []);
});
