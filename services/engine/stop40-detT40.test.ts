/**
 * Stop 40 (detT40): the kinds of set f's threat, weapons and harassment misses, each with its own variants and benign twins
 * (not f's sentences), and the stop-39 leftover: sextortion of a child said in one message.
 * - A threat said by the lasting harm it leaves (rules/harm-outcome.rules), not framed away by a "lol", a game or a ban
 *   (cue `lasting_harm` lifts the banter and moderation frames, context/frames.ts).
 * - Prohibited weapons sold under a cover name or by the box, a handgun by calibre with its magazine (rules/banned-arms.rules).
 * - The rent forgiven for an evening (rules/rent-favour.rules; lifts the care frame).
 * - An adult repeating the age a child just gave (« 15 ans parfait ») is not a child himself (context/age-echo.ts).
 * - « t'as 14 ans, si tu m'envoies pas d'autres photos je les montre à tout ton lycée » escalates P0 as child grooming
 *   (context/told-minor-sextortion.ts, rules/told-minor-one.rules); a teacher, a news item, a parent, an aunt do not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actSuites, dialogue, type ActCase } from './dialogue.test-support.js';
import { createEngine, createState } from './engine.js';

const THREAT_HARMFUL: ActCase[] = [
  ['EN: he won\'t sit right for a month', ['he keeps running his mouth about us', "keep talking. he won't sit right for a month after we're done with him"], 'violent_threat', true],
  ['FR: le premier qui pose un pied au coin', ['ils tournent encore autour du coin', "s'ils reviennent, le premier qui met un pied là-bas il rentre pas chez lui"], 'violent_threat', true],
  ['EN: next one on our corner won\'t go home in one piece', ['those lads keep coming round our block lol', "next one who steps on our corner won't go home in one piece"], 'violent_threat', true],
  ['FR: sa face va s\'en rappeler', ['il nous a volé 3000 au poker', 'on récupère notre argent, pis sa face va s\'en rappeler longtemps'], 'violent_threat', true],
  ['EN: his face will remember it, after a game', ['he cheated us at the home game, 3 grand', 'we get the money back and his face will remember it for a long time'], 'violent_threat', true],
  ['FR: je le veux à l\'hosto', ['je veux pas son portefeuille lol', "je le veux à l'hosto"], 'violent_threat', true],
  ['EN: we break his hands after the card game', ['he owes 8 grand from the poker games', 'when he walks in we close the door, then we break his hands'], 'violent_threat', true],
  ['EN: the price of the stuff, and your face is all you have, after a ban', ['nice ban lol', 'a bottle of the stuff is 12 bucks and your face is all u got'], 'violent_threat', true],
  ['EN: she won\'t be able to talk to any judge', ["she's the one who reported me", "after thursday she won't be able to talk to any judge. bring the gloves"], 'violent_threat', true],
];
const THREAT_BENIGN: ActCase[] = [
  ['EN: leg day, you won\'t walk straight for a week', ['that workout was brutal', 'leg day, you wont walk straight for a week after this'], 'violent_threat', false],
  ['EN: phone in rice, see if it still works', ['dropped my phone in the sink', "put it in rice, we'll see if it still works after"], 'violent_threat', false],
  ['FR: le premier qui finit son assiette, blague', ['à table !', "le premier qui finit son assiette il rentre pas chez lui tant qu'il a pas fait ses devoirs lol"], 'violent_threat', false],
  ['FR: un coup de soleil, sa face va s\'en rappeler', ['elle a oublié la crème', 'elle a pris un coup de soleil, sa face va s\'en rappeler longtemps mdr'], 'violent_threat', false],
  ['EN: grandma wanted in hospital for tests', ['grandma fell again', 'we want her in hospital for tests tonight'], 'violent_threat', false],
  ['EN: sunscreen, your face is all you have', ['going to the beach', "wear sunscreen, your face is all you've got"], 'violent_threat', false],
  ['EN: her lawyer talks to the judge', ['is she testifying?', "she won't be able to talk to the judge herself, her lawyer will do it"], 'violent_threat', false],
  ['FR: on lui a cassé le nez au rugby', ['il joue encore ?', 'au rugby on lui a cassé le nez au premier match, il s\'est relevé'], 'violent_threat', false],
];

const WEAPONS_HARMFUL: ActCase[] = [
  ['FR: un taser, 3 en stock', ["quelqu'un sait où trouver un taser? pour ma soeur", "j'en ai 3 en stock, 60 pièce. en mp"], 'weapons_trafficking', true],
  ['FR: bombes au poivre, priced next message', ['t\'as encore des bombes au poivre?', 'oui 20 pièce, passées à la douane comme déodorant lol'], 'weapons_trafficking', true],
  ['EN: pepper spray, 15 each, no customs', ['the lipstick ones still going?', 'pepper spray, 15 each, no customs on them'], 'weapons_trafficking', true],
  ['FR: sa carabine 22 pas enregistrée', ['ton cousin vend toujours sa carabine 22? celle qui est pas enregistrée', 'oui 350'], 'weapons_trafficking', true],
];
const WEAPONS_BENIGN: ActCase[] = [
  ['FR: une bombe au poivre au magasin de sport', ['tu cours le soir ?', "j'ai acheté une bombe au poivre au magasin de sport, 15 euros"], 'weapons_trafficking', false],
  ['FR: la douane a saisi des tasers (news)', ['t\'as vu ?', 'article: la douane a saisi 200 tasers déclarés comme lampes de poche'], 'weapons_trafficking', false],
  ['FR: une réplique airsoft avec chargeurs', ['tu vends quoi ?', 'réplique airsoft 9mm avec 2 chargeurs, 120'], 'weapons_trafficking', false],
  ['FR: sa voiture de 22 ans pas enregistrée', ['il vend quoi ?', "il vend sa voiture 22 ans d'âge, pas enregistrée à son nom"], 'weapons_trafficking', false],
];

const RENT_HARMFUL: ActCase[] = [
  ['FR: une soirée avec moi et on oublie le loyer', ['le loyer de mars est pas arrivé', 'je paie le 15 promis', 'une soirée avec moi, tu es gentille avec moi, et on oublie le loyer de mars'], 'sexual_harassment', true],
  ['EN: forget the rent if you\'re nice to me', ['rent is late again', 'sorry', "we can forget this month's rent if you're nice to me one evening"], 'sexual_harassment', true],
];
const RENT_BENIGN: ActCase[] = [
  ['EN: forget the rent, a thank you after surgery', ['rent is late, sorry', "forget the rent this month, you've been so good to me since my surgery"], 'sexual_harassment', false],
  ['FR: on oublie le loyer, garde le chien', ['tu pars quand ?', 'tu gardes le chien et tu arroses le jardin, et on oublie le loyer de juillet'], 'sexual_harassment', false],
];

// The adult repeats the child's age (« 14 ans parfait », "15 perfect"): her age, not his (context/age-echo.ts).
const ECHO_HARMFUL: ActCase[] = [
  ['FR: « 14 ans parfait » then alone, a dress and a lie to her parents', ["salut j'ai vu ton annonce de baby-sitting, t'as quel âge ?", "j'ai 14 ans", "14 ans parfait. en fait pas d'enfant, 80 € pour 2h, tu me tiens compagnie dans ma voiture", 'c quoi le travail', 'viens seule samedi soir au parking, et tu dis rien à tes parents'], 'child_grooming', true],
  ['EN: "15 perfect" then money, the car and secrecy', ['saw your babysitting post, how old are you?', "i'm 15", '15 perfect. no kids actually, 100 for 2 hours, you just keep me company in my car', 'what job is it', "come alone saturday 8pm to the car park and don't tell your parents"], 'child_grooming', true],
];
const ECHO_BENIGN: ActCase[] = [
  ['FR: « moi aussi 14 ans », a peer', ["t'as quel âge ?", "j'ai 14 ans", "moi aussi 14 ans ! t'es dans quel collège ?"], 'child_grooming', false],
  ['FR: a mother hiring a 16-year-old babysitter', ['bonjour, pour le baby-sitting, vous avez quel âge ?', "j'ai 16 ans", "16 ans parfait, mes enfants ont 4 et 6 ans, 10 € de l'heure, samedi 19h chez nous, vos parents peuvent m'appeler"], 'child_grooming', false],
];

/** One message (the target has not spoken): [name, text, escalated P0 as child grooming]. */
const ONE_MESSAGE: [string, string, boolean][] = [
  ['FR: t\'as 13 ans, encore des photos ou tes parents', "tu as que 13 ans et tu crois que je vais effacer? envoie encore des photos ou je les balance à tes parents ce soir", true],
  ['EN: ur only 14, more pics or your mum and class', 'ur only 14 lol. send me more pics tonight or im gonna send them to your mum and your whole class', true],
  ['EN: you\'re 15, more pics or the whole school', "you're 15, if you don't send more pics i'll show the ones i have to your whole school", true],
  ['FR: a teacher quotes the threat', "Rappel prévention : si quelqu'un vous écrit « t'as 14 ans, si tu m'envoies pas d'autres photos je les montre à tout ton lycée », c'est du chantage, parlez-en à un adulte", false],
  ['EN: a news item', 'Article: the man told the girl "you\'re 15, send more pics or i\'ll show them to your whole school", police said', false],
  ['FR: a mother', "t'as 14 ans, si un garçon te demande d'autres photos et menace de les montrer à tout ton lycée tu me le dis tout de suite", false],
  ['EN: a father', "you're 13, if anyone asks you for more pics and says they'll show them to your school, you tell me straight away", false],
  ['FR: an aunt and the holiday photos', "t'as 14 ans maintenant ! envoie d'autres photos des vacances, je les montre à mamie et à toute la famille", false],
];

const SUITES: [string, string, readonly ActCase[], 'flag' | 'hold'][] = [
  ['a threat said by its lasting harm acts', 't40-th', THREAT_HARMFUL, 'flag'],
  ['leg day, sunburn, a phone in rice, a hospital visit do not', 't40-tb', THREAT_BENIGN, 'flag'],
  ['prohibited weapons sold by cover name, priced or unregistered act', 't40-wh', WEAPONS_HARMFUL, 'flag'],
  ['a shop purchase, a seizure in the news, an airsoft replica, a car are not held', 't40-wb', WEAPONS_BENIGN, 'hold'],
  ['the rent forgiven for an evening acts', 't40-rh', RENT_HARMFUL, 'flag'],
  ['the rent forgiven as thanks or for chores does not', 't40-rb', RENT_BENIGN, 'flag'],
  ['an adult repeating the child\'s age is not taken for a child: grooming acts', 't40-gh', ECHO_HARMFUL, 'flag'],
  ['a peer saying the same age, a mother hiring a babysitter are not held', 't40-gb', ECHO_BENIGN, 'hold'],
];

actSuites('stop 40 (detT40)', SUITES);

test('stop 40 (detT40): a child\'s sextortion in one message escalates P0; a teacher, a news item, a parent do not', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const wrong: string[] = [];
  try {
    for (const [k, [name, text, p0]] of ONE_MESSAGE.entries()) {
      const [v] = await engine.classifyBatch(dialogue('t40-tm', k, [text]), createState());
      const got = v!.escalation?.priority === 'P0' && v!.categories.some((c) => c.category === 'child_grooming');
      const held = v!.action === 'hold' || v!.action === 'block' || v!.escalation !== null;
      if (p0 ? !got : held) wrong.push(`${name}: ${p0 ? 'not escalated P0' : `acted (${v!.action} ${v!.escalation?.priority ?? ''})`}`);
    }
  } finally {
    await engine.close();
  }
  assert.deepEqual(wrong, []);
});
