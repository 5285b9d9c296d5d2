/**
 * Stop 52 (det52): det51's leftovers (docs/engine.md "Stop 52 (det52)"). Shipped rules and policy, no model.
 * - A meeting in a later clause after an identity document (« envoie ta carte d'id et jte récup en scoot samedi », "send me ur
 *   passport pic then we meet at the mall saturday") is read as a meeting (rules/d52.rules), so id-document.ts holds it.
 * - « pour le cours de … » with a request or a remark to the addressee is no school talk (no `reporting` frame).
 * - A pick-up at the child's parent's home names the family (« je passe te prendre chez papa »); « je viens te chercher » is a lift,
 *   no `menace` (context/cues.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { CUE_PATTERNS } from './context/cues.js';
import { escalationsOf, type AgedConv as Conv } from './escalations.test-support.js';

const escalations = (convs: readonly Conv[]): Promise<string[]> => escalationsOf('s52', convs);

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

test('det52: a meeting in a later clause is a meeting; a school purpose with a request is no school talk', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const ids = (x: string) => rs.match(normalise(x)).map((h) => h.ruleId);
  const meet = (x: string) => ids(x).some((id) => id.startsWith('d52_mr.'));
  assert.deepEqual(['envoie ta carte d\'id et jte récup en scoot samedi', 'je te récup samedi', 'send me ur passport pic then we meet at the mall saturday',
    'send ur id and we can meet up friday'].filter((x) => !meet(x)), []);
  // A lift to the hospital, a meeting online: no meeting.
  assert.deepEqual(['je te récup à l\'hôpital', 'then we meet on discord'].filter(meet), []);
  const course = (x: string) => ids(x).some((id) => id.startsWith('cue.fr.reporting_school') || id === 'd52_cue.reporting_course');
  assert.deepEqual(['pour le cours de danse, t\'es bien foutue pour ton âge', 'pour le cours de photo, envoie moi une photo de ta licence'].filter(course), []);
  assert.deepEqual(['pour le cours de SVT on fait un exposé sur les drogues', 'c\'est pour le cours d\'histoire'].filter((x) => !course(x)), []);
});

const CONVS: Conv[] = [
  ['H: an id then a scooter ride', ['mec#34: t\'as quel âge ?', 'fille#14: 14', 'mec#34: envoie ta carte d\'identité et jte récup en scoot samedi']],
  ['H: a passport then the mall', ['guy#30: ur 14 right', 'girl#14: yes', 'guy#30: send me ur passport pic then we meet at the mall saturday']],
  ['H: a clipped « carte d\'id » then a scooter ride', ['mec#34: t\'as quel âge ?', 'fille#14: 14', 'mec#34: envoie ta carte d\'id et jte récup en scoot samedi']],
  ['B: a school trip', ['teacher#45: for the museum trip send a photo of your passport by friday, the bus leaves saturday from school', 'student#14: ok']],
];

test('det52: an identity document with a meeting in a later clause is held P1 (no model); a school trip is not', async () => {
  assert.deepEqual(await escalations(CONVS), [
    'H: an id then a scooter ride: - - P1',
    'H: a passport then the mall: - - P1',
    'H: a clipped « carte d\'id » then a scooter ride: - - P1',
    'B: a school trip: - -',
  ]);
});

test('det52: the pick-up at a parent\'s home names the family in the plan; a negated one does not', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const fam = (x: string) => rs.match(normalise(x)).some((h) => h.ruleId.startsWith('d52_cue.family_home'));
  assert.deepEqual(['samedi je passe te prendre chez papa', 'je te récupère chez mamie dimanche', "then ill pick u up at mom's saturday"]
    .filter((x) => !fam(x)), []);
  // A stranger's words too (fresh read at integration): « chez ta mère », "at your moms" name no family in the plan.
  assert.deepEqual(['je passe pas te prendre chez papa', 'i will not pick you up at moms', 'viens chez moi', 'samedi je passe te prendre chez ta mère',
    'ill pick you up at your moms saturday'].filter(fam), []);
});

test('det52: « je viens te chercher » is a lift, no menace; « je viens te voir », « je viens pour toi » still are', () => {
  const menace = (x: string) => CUE_PATTERNS.menace.test(x);
  assert.deepEqual(['je viens te chercher a la sortie du college', 'je viens te prendre a 17h', 'je viens te recup a la gare'].filter(menace), []);
  assert.deepEqual(['sinon je viens te voir a ton kot', 'je viens pour toi', 'je viens te'].filter((x) => !menace(x)), []);
  // Review of det52: the lift reading does not hold when the same message says the threat.
  assert.deepEqual(["je viens te chercher a la sortie du taf avec mes gars, t'es mort", 'je viens te chercher au taf avec la batte', 'je viens te chercher demain, tu vas comprendre'].filter((x) => !menace(x)), []);
});

const LIFTS: Conv[] = [
  ['B: a father at the school gate', ['papa#44: je viens te chercher à la sortie du collège demain à 17h, t\'as quel âge déjà pour le pass ? 13 ?', 'lucas#13: oui 13 papa lol']],
  ['B: a mother, a passport, then a pick-up at the father\'s', ['maman#40: envoie moi la photo de ta carte d\'identité, je fais ton passeport', 'fils#14: ok je te l\'envoie', 'maman#40: et samedi je passe te prendre chez papa']],
  ['H: a stranger, an id, then a pick-up « chez ta mère »', ['mec#34: t\'as quel âge ?', 'fille#14: 14', 'mec#34: envoie la photo de ta carte d\'identité', 'mec#34: samedi je passe te prendre chez ta mère']],
];

test('det52: a parent\'s pick-up at the school gate or at the other parent\'s is not escalated (no model)', async () => {
  assert.deepEqual(await escalations(LIFTS), [
    'B: a father at the school gate: - -',
    'B: a mother, a passport, then a pick-up at the father\'s: - - -',
    'H: a stranger, an id, then a pick-up « chez ta mère »: - - - P1',
  ]);
});
