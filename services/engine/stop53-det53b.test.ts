/**
 * Stop 53 (det53b, issue 10): harm to minors main left at allow or flag (docs/engine.md "Stop 53 (det53b)"). Shipped rules and
 * policy, no model.
 * - The adult's requests made before the child's first reply are read again when her age becomes known (her profile age on
 *   that reply, or « j'ai 13 ans »): context/minor-revealed.ts.
 * - (det53c: det53b's minor-offered.ts, a minor offered for paid sex or drugged, and its test left with it: a benign P0 on
 *   fresh69.)
 * - read52 L1: the lift's « threat said after » list no longer holds « tu vas voir (mamie) », « avec mes cousins »; L2: the
 *   `unless` « ta mère m'a demandé » matches its normalised « ta mere me a demande ».
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { CUE_PATTERNS } from './context/cues.js';
import { escalationsOf, type AgedConv as Conv } from './escalations.test-support.js';

const escalations = (convs: readonly Conv[]): Promise<string[]> => escalationsOf('s53b', convs);

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

const REVEALED: Conv[] = [
  ['H: nude, secrecy, meeting, then a 12-year-old\'s « ?? »', ['mec: envoie moi une photo nue, dis rien à ta mère, on se voit demain au parc', 'fille#12: ??']],
  ['H: EN nude request, then « im 12 »', ['m: send me a naked pic and dont tell anyone, we meet tmrw', 'g: im 12']],
  ['H: sextortion, then a 14-year-old\'s « non »', ['x: envoie 200€ ou j\'envoie tes nudes à tes parents', 'ado#14: non']],
  ['H: an id and a lift after « t\'as 13 ans ? », then her reply', ['h#33: t\'as 13 ans? envoie ta carte d\'identité puis je passe te prendre samedi en voiture', 'f#13: pk ma carte ?']],
  ['B: a mother\'s card for the pharmacy and a lift', ['maman: envoie moi ta carte d\'identité en photo pour la pharmacie, et je passe te prendre à 17h', 'fille#13: ok']],
  ['B: an educator\'s lift to the judge', ['educ: bonjour, je suis l\'éducatrice de ton foyer, j\'ai 38 ans, je viens te chercher au collège lundi pour le rdv chez le juge', 'jeune#14: oui ok']],
  ['B: two 15-year-olds', ['a#15: dis rien à personne mais envoie une photo de toi, on se voit samedi', 'b#15: ok']],
  ['B: a report of sextortion to a parent', ['fille#14: maman un mec m\'a écrit envoie 200€ ou j\'envoie tes nudes à tes parents', 'maman: tu as bien fait de me le dire, on va porter plainte']],
];

test('det53b: the adult\'s requests are read again when the child\'s age arrives with her first reply', async () => {
  assert.deepEqual(await escalations(REVEALED), [
    'H: nude, secrecy, meeting, then a 12-year-old\'s « ?? »: - P0',
    'H: EN nude request, then « im 12 »: - P0',
    'H: sextortion, then a 14-year-old\'s « non »: - P0',
    'H: an id and a lift after « t\'as 13 ans ? », then her reply: - P1',
    'B: a mother\'s card for the pharmacy and a lift: - -',
    'B: an educator\'s lift to the judge: - -',
    'B: two 15-year-olds: - -',
    'B: a report of sextortion to a parent: - -',
  ]);
});

test('det53b (read52 L1): a lift with « tu vas voir mamie » or « avec mes cousins » is no menace; with a crew or a blade it still is', () => {
  const menace = (x: string) => CUE_PATTERNS.menace.test(x);
  assert.deepEqual(['je viens te chercher a 17h, tu vas voir mamie', 'je viens te chercher avec mes cousins', 'je viens te chercher avec mes potes pour le match'].filter(menace), []);
  assert.deepEqual(["je viens te chercher a la sortie du taf avec mes gars, t'es mort", 'je viens te chercher demain, tu vas comprendre', 'je viens te chercher, tu vas le regretter',
    'je viens te chercher, on va te defoncer',
    // Fresh read of int54: « tu vas voir » said as the end of the sentence is the threat (« … à la sortie, tu vas voir »).
    'je viens te chercher a la sortie, tu vas voir', 'je viens te chercher demain, tu vas voir!'].filter((x) => !menace(x)), []);
});

test('det53b (read52 L2): « ta mère m\'a demandé » lifts the lift rules as « ta mere ma demande » did', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const lift = (x: string) => rs.match(normalise(x)).some((h) => h.ruleId === 'mr.fr.lift' || h.ruleId === 'd52_mr.fr.recup');
  assert.deepEqual(['je te ramène, ta mère m\'a demandé', 'je te récup, ton père m\'a demandé', 'je te ramène, ta mere ma demande'].filter(lift), []);
  assert.deepEqual(['je te ramène samedi', 'je te récup ce soir'].filter((x) => !lift(x)), []);
});
