/**
 * Stop 39 (detF39): friendly contests the round-13 contest words missed (rules/contest_talk.rules): a race ("i'll bury you at
 * turn 3"), and a sweepstake qualified by whose it is ("in the staff room sweepstake") frame the threat words as the contest's on
 * their own message: not held. The same contest words followed by a real threat (where the target lives or parks, a wait, a weapon) still hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

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

const SUITES: [string, string, readonly ActCase[]][] = [
  ['a race, a sweepstake or a league match "murdered" is not held', 'contest-b', CONTEST_BENIGN],
  ['the same contest words followed by a real threat still hold', 'contest-h', CONTEST_HARMFUL],
];

for (const [name, prefix, cases] of SUITES) {
  test(`stop 39: ${name}`, async () => {
    assert.deepEqual(await actCaseErrors(prefix, cases, 'hold'), []);
  });
}
