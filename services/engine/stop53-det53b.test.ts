/**
 * Stop 53 (det53b, issue 10): harm to minors main left at allow or flag (docs/engine.md "Stop 53 (det53b)"). Shipped rules and
 * policy, no model.
 * - The adult's requests made before the child's first reply are read again when her age becomes known (her profile age on
 *   that reply, or « j'ai 13 ans »): context/minor-revealed.ts.
 * - A minor offered for paid sex (an age under 18 with a price and a room, a pimp's cut or a man who pays) and a minor
 *   drugged with what for: context/minor-offered.ts, rules/d53b.rules.
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

const OFFERED: Conv[] = [
  ['H: a 15-year-old offered, a price and a hotel', ['p: jeune fille 15 ans dispo ce soir hôtel, 100 la demi-heure, écrire en privé']],
  ['H: a loverboy: her age and a man who pays', ['lb#22: bébé t\'as 15 ans mais t\'es ma femme, ce soir tu vas voir mon pote, il paye, c pour nous', 'fille#15: j\'veux pas']],
  ['H: EN recruitment: men who pay, a pimp\'s cut', ['p#26: you\'re 16? you could make 1k a weekend just keeping older men company', 'g#16: like what', 'p#26: i set up the dates, hotels, you keep half']],
  ['H: a 15-year-old drugged and taken upstairs', ['a#19: la petite de 15 ans à la fête, jlui fais boire ma vodka avec le cachet', 'b#19: et après', 'a#19: elle sera endormie, on l\'emmène en haut']],
  ['B: a pimping trial in the news', ['a: t\'as vu l\'article ? le proxénète jugé pour avoir prostitué une fille de 15 ans dans un hôtel à 100 euros la passe', 'b: horrible']],
  ['B: a club\'s tournament', ['coach: t\'as 14 ans, la licence c\'est 50€, le tournoi à l\'hôtel est payé par le club', 'joueur#14: cool']],
  ['B: a babysitter\'s hourly price', ['voisine: ma fille de 15 ans peut garder vos enfants ce soir, 10 euros de l\'heure', 'mere: super merci']],
  ['B: a pharmacist for a teenager', ['pharmacien: pour votre fille de 15 ans, un cachet le soir avec un verre d\'eau, ça l\'aidera à dormir', 'mere: merci']],
];

test('det53b: a minor offered for paid sex, or drugged with what for, is P0; the news, a club, a babysitter, a pharmacist are not', async () => {
  assert.deepEqual(await escalations(OFFERED), [
    'H: a 15-year-old offered, a price and a hotel: P0',
    'H: a loverboy: her age and a man who pays: P0 -',
    'H: EN recruitment: men who pay, a pimp\'s cut: P0 - P0',
    'H: a 15-year-old drugged and taken upstairs: - - P0',
    'B: a pimping trial in the news: - -',
    'B: a club\'s tournament: - -',
    'B: a babysitter\'s hourly price: - -',
    'B: a pharmacist for a teenager: - -',
  ]);
});

test('det53b (read52 L1): a lift with « tu vas voir mamie » or « avec mes cousins » is no menace; with a crew or a blade it still is', () => {
  const menace = (x: string) => CUE_PATTERNS.menace.test(x);
  assert.deepEqual(['je viens te chercher a 17h, tu vas voir mamie', 'je viens te chercher avec mes cousins', 'je viens te chercher avec mes potes pour le match'].filter(menace), []);
  assert.deepEqual(["je viens te chercher a la sortie du taf avec mes gars, t'es mort", 'je viens te chercher demain, tu vas comprendre', 'je viens te chercher, tu vas le regretter',
    'je viens te chercher, on va te defoncer'].filter((x) => !menace(x)), []);
});

test('det53b (read52 L2): « ta mère m\'a demandé » lifts the lift rules as « ta mere ma demande » did', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const lift = (x: string) => rs.match(normalise(x)).some((h) => h.ruleId === 'mr.fr.lift' || h.ruleId === 'd52_mr.fr.recup');
  assert.deepEqual(['je te ramène, ta mère m\'a demandé', 'je te récup, ton père m\'a demandé', 'je te ramène, ta mere ma demande'].filter(lift), []);
  assert.deepEqual(['je te ramène samedi', 'je te récup ce soir'].filter((x) => !lift(x)), []);
});
