/**
 * Stop 39 (detF39): benign frames for kinds that held benign conversations of several writers.
 * - A relative who "will kill" the listener or the speaker over a mishap (rules/kin_mishap.rules, cue
 * kin_mishap, context/kin-mishap-frame.ts) frames threats on that message and the next four: « ta femme va te tuer » over a
 * jersey, « elle va te tuer mdr » after a scratched car and the garage offered for the polish, "your wife's gonna murder you"
 * over a new console are not held. The speaker's own relative set on the listener (a proxy threat), or the kin words followed
 * by the speaker's own threat with a place, a wait or menace, still hold.
 * - Friendly contests the round-13 contest words missed (rules/contest_talk.rules): a race ("i'll bury you at
 * turn 3"), and a sweepstake qualified by whose it is ("in the staff room sweepstake") frame the threat words as the contest's on
 * their own message: not held. The same contest words followed by a real threat (where the target lives or parks, a
 *   wait, a weapon) still hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, actSuites, type ActCase } from './dialogue.test-support.js';

const KIN_BENIGN: ActCase[] = [
  ['FR: his mother\'s car scratched, the garage for the polish', ['j ai rayé la c3 de ma mère en la garant', 'elle va te tuer mdr', 'grave, vous connaissez un polish pas cher ?', 'passe au garage je te fais ça au polish pour 30'], 'violent_threat', false],
  ['EN: a new console, his wife will murder him', ['bought the new console and a 4k telly same day', "your wife's gonna murder you mate", "she'll bury me in the garden", 'tell her it was on sale haha'], 'violent_threat', false],
  ['EN: his dad\'s car dented, a body shop after work', ["i dented my dad's car reversing out of the drive", 'your dad is going to kill you', 'i know. any body shop near your work?', 'my cousin does it in his garage, 80 quid, saturday 10am'], 'violent_threat', false],
];

const KIN_HARMFUL: ActCase[] = [
  ['FR: his brother set on the listener, waited for at home', ['t as balancé mon petit frère aux flics', 'et alors', 'mon frère va te tuer, il sait où tu habites', 'ce soir on t attend en bas de chez toi à 22h'], 'violent_threat', true],
  ['FR: his mother first, then his own threat at the depot', ['ta mère va te tuer quand elle verra ta note', 'm en fous', 'en vrai je vais te planter, je sais où tu bosses, demain 8h devant le dépôt', 'arrête'], 'violent_threat', true],
  ['EN: her mum first, then his own threat at her house', ['your mum is gonna kill you when she sees this', 'whatever', "actually i'm going to kill you myself, i know where you live, i'll be waiting outside your house tonight", 'stop'], 'violent_threat', true],
  ['EN: the wife line, then a knife for him after his shift', ["your wife's gonna kill you lol", 'haha yeah', 'but me, i know where you work. after your shift tonight i stab you in the car park', 'what'], 'violent_threat', true],
];

const CONTEST_BENIGN: ActCase[] = [
  ['EN: a racing rematch, buried at turn 3', ['i go destroy you for the next race, your car go scatter', "you can't even drift, i'll bury you at turn 3", 'rematch 10pm, loser buys suya', 'deal'], 'violent_threat', false],
  ['EN: the staff room sweepstake', ['our lot are getting battered saturday', 'says the man whose team cant finish a chance', "i'm gonna murder you in the staff room sweepstake", 'big talk. loser buys chips'], 'violent_threat', false],
  ['FR: karting with colleagues', ['samedi karting avec les collègues', 'je vais te défoncer au karting, tu vas pleurer', 'on verra au dernier tour', 'le perdant paie les crêpes'], 'violent_threat', false],
];

const CONTEST_HARMFUL: ActCase[] = [
  ['EN: a race, then where he lives and a knife', ["i'll bury you at turn 3", 'ok', 'no for real, i know where you live, waiting outside your house tonight with a knife', 'what'], 'violent_threat', true],
  ['FR: the referee after the final, his car and the petrol', ["je vais te défoncer à la prochaine course", 'mdr', "et l'arbitre de dimanche, je connais sa voiture, la clio grise, il va plus jamais siffler", "j'ai déjà le bidon d'essence"], 'violent_threat', true],
  ['EN: top of the table, then the ref where he parks', ['big one sunday, top of the table', 'yeah', 'that ref who sent me off, i know where he parks, gonna stab him after the game at the car park', 'calm down'], 'violent_threat', true],
  ['FR: karting, then waited for at the car park', ['je vais te défoncer au karting', 'mdr', "et après je t'attends au parking avec mes potes, on va te planter, je sais où tu habites", 'quoi'], 'violent_threat', true],
  ['EN: the office sweepstake, then a bat in the car park', ["i'll murder you in the office sweepstake", 'haha', "seriously though you grassed me to HR, i know your car, i'll be waiting in the car park at 6 with a bat", 'stop'], 'violent_threat', true],
];

/** Review detF39 (S1–S3): real threats around kin or contest words that the base flagged as violent_threat; they keep it. */
const FLAG_HARMFUL: ActCase[] = [
  ['EN: honour threat, the brother set on her if she sees the boy again', ['I saw you with that boy', 'if you see him again your brother will kill you', 'and I will help him, you shame this family'], 'violent_threat', true],
  ['EN: DV, the husband will kill her if she leaves', ['if you leave him, your husband will kill you', 'and the family will help him, nobody will find your body'], 'violent_threat', true],
  ['FR: the victim\'s own kin line, then the aggressor\'s threats', ['dsl je peux pas ma mère va me tuer si je rentre tard', 'oublie ta mère, moi je vais te tuer', 'tu vas le regretter, je vais te faire souffrir', 'je vais te faire du mal'], 'violent_threat', true],
  ['FR: « il va te tuer mdr », then he will skin you', ["t'as touché à la copine de mon cousin", 'il va te tuer mdr', 'et il rigole pas, il va te faire la peau', 'prépare toi'], 'violent_threat', true],
  ['EN: murder at sports day with something sharp', ['you embarrassed me in front of everyone', "I'm going to murder you at sports day, I'll bring something sharp"], 'violent_threat', true],
];

test('stop 39: conditional coercion, a threat after a kin line, a school-event threat keep violent_threat', async () => {
  assert.deepEqual(await actCaseErrors('kin-f', FLAG_HARMFUL, 'flag', 'shipped'), []);
});

const SUITES: [string, string, readonly ActCase[], 'flag' | 'hold'][] = [
  ['a relative who "will kill" over a mishap is not held', 'kin-b', KIN_BENIGN, 'hold'],
  ['the kin words followed by the speaker\'s own threat still hold', 'kin-h', KIN_HARMFUL, 'hold'],
  ['a race or a sweepstake "murdered" is not held', 'contest-b', CONTEST_BENIGN, 'hold'],
  ['the same contest words followed by a real threat still hold', 'contest-h', CONTEST_HARMFUL, 'hold'],
];

actSuites('stop 39', SUITES);
