/**
 * Stop 50 (det50w): weapons sales the readable writers told without the words the rules knew (rules/d50w.rules, docs/engine.md
 * "Stop 50 (det50w)"): stun torches and pepper sprays sold under the counter, a gun sold unregistered. Cases written for this
 * test (FR and EN, SMS forms), none from a data set. Each kind has hard negatives of the same shape (a fine, a shop, a stadium's
 * seizures, a torch, a gun declared at the prefecture, a car not registered). The other kinds tried at stop 50 were dropped
 * (they did not pay on the never-read writers); their twins stay here so that no d50w rule matches them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';
import { ruleKindErrors } from './rule-kinds.test-support.js';

/** [rule id, messages it must match]. */
const FIRES: [string, string[]][] = [
  ['d50w_wt.stun_sale', ['jai 3 lampes qui piquent en stock, 60 la pièce', 'stun guns shaped like torches, 45 each, dm me']],
  ['d50w_wt.unregistered', ["le fusil de chasse de mon père, jamais déclaré, 400 cash", 'selling a 38, never registered, no papers, 650']],
];

/** Hard negatives of the same shapes: no d50w rule may match them. */
const SPARED: string[] = [
  "les shockers sont interdits en Belgique, 2000 euros d'amende", 'pepper spray 12 at the hardware store', 'lampe torche 25 euros, 1000 lumens',
  'bilan du match: 4 fumigènes et 2 bombes lacrymo saisies', "il faut déclarer le fusil de chasse de papi à la préfecture, 2 ans de délai",
  'my car is not registered yet, 900 to fix', 'selling my hunting rifle, registered, licence check at the gunshop, 600',
  'pistolet de départ à blanc pour la course de 100 m, 80', 'we will be waiting at the field with the bats, softball at 6',
  'we need her not to show up late to the interview', "un doliprane dans son verre d'eau pour son mal de tête",
  'combien de gouttes de doliprane pour ma fille de 15 kilos',
];

test('stop 50 (det50w): each d50w rule reads its kind in both languages, and none matches the hard negatives of the same shape', async () => {
  assert.deepEqual(await ruleKindErrors('d50w_', FIRES, SPARED), []);
});

/**
 * Review (rv-det50w): sales the first `unless` dropped (French « car » = "because", "no licence needed", « pas besoin de
 * permis ») and everyday senses of the rules' words: sparkling water (« gazeuse »), "a shocker" (a bad result), an age,
 * an undocumented person (« sans papiers »), cash-in-hand work, tax, a shop without a receipt, an iron, an auction.
 */
const REVIEW_FIRES: [string, string[]][] = [
  ['d50w_wt.unregistered', [
    "je vends un calibre jamais déclaré car j'ai besoin de cash vite, 600", '9 mm pas déclaré, 700, pas besoin de permis',
    'glock not registered, 900, no licence needed',
  ]],
  ['d50w_wt.stun_sale', ['a shocker that drops a guy, 90, no questions']],
];
const REVIEW_SPARED: string[] = [
  'je prends une gazeuse et deux cafés, combien je te dois ?', "pour la soirée j'ai 6 bouteilles de gazeuse en stock",
  'what a shocker, 20 minutes late again. how much are we paying for this', 'the match was a shocker, 3-0, I lost 20 quid cash on the bet',
  "ma mère m'a offert une bombe au poivre pour mes 18 ans, elle l'a payée 15 euros",
  'the security guard used a taser on a 16 year old boy outside the chippy',
  'mon oncle est sans papiers depuis 2009, il a 45 ans, il peut pas ouvrir de compte',
  "il fait les chantiers sans papiers, payé 40 balles la journée, c'est de l'exploitation",
  '38 sans papiers expulsés ce matin du squat', 'pas de facture pour le fer à repasser qui a lâché, 25 balles perdues',
  "I bought a box of candles for mum, no receipt and the shop won't refund", 'he pays me off the books, 9 quid an hour',
  'I never declared the 22 grand I made on eBay, will HMRC find out?', 'the sculpture is a no name piece but it sold for 300 at the auction',
];

test('stop 50 (det50w review): a sale said with « car » or "no licence needed" is read; water, "a shocker", ages, undocumented people, work, tax and receipts are not', async () => {
  assert.deepEqual(await ruleKindErrors('d50w_', REVIEW_FIRES, REVIEW_SPARED), []);
});

/** In a conversation: sales main only flagged are now held; their twins of the same shape do not act. */
const HELD: ActCase[] = [
  ["FR: a grandfather's rifle never declared, sold for cash", ["le 22 long rifle de mon grand-père il a jamais été déclaré", 'je te le prends 300 en liquide, pas de nom'], 'weapons_trafficking', true],
  ['EN: a pistol with no papers for whatever', ["need something that isn't registered, a pistol, i'll pay whatever", 'my guy has one, no papers, 1200'], 'weapons_trafficking', true],
];
const SPARED_TALK: ActCase[] = [
  ['FR: a rifle to declare at the prefecture', ["il faut déclarer le fusil de chasse de papi à la préfecture, t'as 2 ans"], 'weapons_trafficking', false],
  ['FR: seizures at the stadium', ["bilan du match: 4 fumigènes et 2 bombes lacrymo saisies à l'entrée"], 'weapons_trafficking', false],
];

test('stop 50 (det50w): the kinds are held in a conversation, their twins of the same shape do not act', async () => {
  assert.deepEqual([...await actCaseErrors('d50w-h', HELD, 'hold'), ...await actCaseErrors('d50w-s', SPARED_TALK, 'flag')], []);
});
