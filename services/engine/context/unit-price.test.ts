/**
 * Stop 44 (det44d): a unit priced off its trade's scale. Sentences written for this test (FR and EN, none from a writer):
 * each cover domain priced as a street trade prices it (flour, petrol, a "vitamin", a weight owed) beside the same
 * domain priced honestly (a pump's litre, a butcher's kilo, a pharmacy's box, a newborn's weight, a gold chain).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from './fold.js';
import { offScalePrice } from './unit-price.js';

const off = (t: string): boolean => offScalePrice(fold(t));

test('a price by the gram at a street price is off scale whatever the goods are called; a shop\'s is not', () => {
  assert.ok(off('la farine de cette semaine 55 le gramme, pas coupée'));
  assert.ok(off('chocolate\'s 40 a gram now'));
  assert.ok(off('la poudre au gramme à 70 comme d\'hab'));
  assert.ok(!off('le comté 24 mois à 32 euros le kilo'));
  assert.ok(!off('le safran de l\'épicerie 25 le gramme'));
  assert.ok(!off('the gold ring is 6 grams, they offered 420'));
});

test('fuel by the litre or gallon and pills by the pill priced off scale; the pump and the pharmacy are not', () => {
  assert.ok(off('le diesel 65 le litre ce week-end'));
  assert.ok(off('gas is 90 a gallon, the good stuff'));
  assert.ok(off('6 euros le cachet, tu dors plus de la nuit'));
  assert.ok(off('the blue ones are 12 quid a pill'));
  assert.ok(!off('le gazole à 1,79 le litre à l\'Intermarché'));
  assert.ok(!off('petrol is 1.52 a litre at tesco'));
  assert.ok(!off('la vitamine D 8 euros la boîte de 60 gélules'));
});

test('a sum owed for a weight at a street price is off scale; a weight beside an ordinary price is not', () => {
  assert.ok(off('les 3 kilos de la dernière fois c\'est 45 000, t\'as jusqu\'à vendredi'));
  assert.ok(off('the half kilo you dropped is 18 grand'));
  assert.ok(off('deux onces, 1300, ce soir'));
  assert.ok(!off('elle pesait 3 kilos 400 à la naissance'));
  assert.ok(!off('j\'ai perdu 6 kilos en 3 mois, abonnement 45 euros'));
  assert.ok(!off('le cadre carbone pèse 7 kilos, 3900 euros'));
  assert.ok(!off('on a chargé 800 kilos de pommes, facture 1200'));
});

test('a price for a counted weight, a glued unit and a unit named first are read; a letter G and a weight\'s price are not', () => {
  assert.ok(off('le cumin 400 les 100g, je t\'en fais 5'));
  assert.ok(off('3.5g for 220, cash'));
  assert.ok(off('le litre à 65 ce soir'));
  assert.ok(off('comprimés à 12, gélules à 20'));
  assert.ok(!off('le thé vert 12 euros les 100 grammes'));
  assert.ok(!off('500 grammes à 8 euros'));
  assert.ok(!off('elle m\'a vendu les gélules à 7 la boîte'));
  assert.ok(!off('le comprimé 10 mg matin et soir'));
  assert.ok(!off('200 pailles, 500 bouchons et les pipettes pour le G'));
  assert.ok(!off('got a G&G cm16, 140, needs a battery'));
});
