/**
 * Stop 44 (det44d): a unit priced off its trade's scale. Sentences written for this test (FR and EN, none from a writer):
 * each cover domain priced as a street trade prices it (flour, petrol, a "vitamin", a weight owed) beside the same
 * domain priced honestly (a pump's litre, a butcher's kilo, a pharmacy's box, a newborn's weight, a gold chain).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from './fold.js';
import { mayNameUnit, offScalePrice, offScaleUnit } from './unit-price.js';

/** Each sentence of `street` is off scale, none of `honest` is. */
function check(street: readonly string[], honest: readonly string[]): void {
  for (const t of street) assert.ok(offScalePrice(fold(t)), `off scale: ${t}`);
  for (const t of honest) assert.ok(!offScalePrice(fold(t)), `on scale: ${t}`);
}

const CASES: Record<string, [street: string[], honest: string[]]> = {
  'a price by the gram at a street price, whatever the goods are called; a shop\'s is not': [
    ['la farine de cette semaine 55 le gramme, pas coupée', 'chocolate\'s 40 a gram now', 'la poudre au gramme à 70 comme d\'hab'],
    ['le comté 24 mois à 32 euros le kilo', 'le safran de l\'épicerie 25 le gramme', 'the gold ring is 6 grams, they offered 420'],
  ],
  'fuel by the litre or gallon and pills by the pill off scale; the pump and the pharmacy are not': [
    ['le diesel 65 le litre ce week-end', 'gas is 90 a gallon, the good stuff', '6 euros le cachet, tu dors plus de la nuit', 'the blue ones are 12 quid a pill'],
    ['le gazole à 1,79 le litre à l\'Intermarché', 'petrol is 1.52 a litre at tesco', 'la vitamine D 8 euros la boîte de 60 gélules'],
  ],
  'a sum owed for a weight at a street price; a weight beside an ordinary price is not': [
    ['les 3 kilos de la dernière fois c\'est 45 000, t\'as jusqu\'à vendredi', 'the half kilo you dropped is 18 grand', 'deux onces, 1300, ce soir'],
    ['elle pesait 3 kilos 400 à la naissance', 'j\'ai perdu 6 kilos en 3 mois, abonnement 45 euros', 'le cadre carbone pèse 7 kilos, 3900 euros', 'on a chargé 800 kilos de pommes, facture 1200'],
  ],
  'a counted weight, a glued unit, the unit first; a letter G, a weight\'s price, a box\'s price are not': [
    ['le cumin 400 les 100g, je t\'en fais 5', '3.5g for 220, cash', 'le litre à 65 ce soir', 'comprimés à 12, gélules à 20'],
    ['le thé vert 12 euros les 100 grammes', '500 grammes à 8 euros', 'elle m\'a vendu les gélules à 7 la boîte', 'le comprimé 10 mg matin et soir',
      '200 pailles, 500 bouchons et les pipettes pour le G', 'got a G&G cm16, 140, needs a battery'],
  ],
  'a recipe\'s oven heat, a label\'s calories, hats and computers are no price for a weight or a pill (review det44d)': [
    ['les 7 g de la dernière fois, 180 balles', 'the tablets are 5 a tablet'],
    ['500 g de farine, 7 g de levure sèche, four à 180°C pendant 25 min', '500 g flour, 7 g yeast, 10 g salt, bake at 230 for 20 min',
      '10 g de protéines pour 100 g, 120 kcal le pot de 150 g', 'the bar is 40 g, 190 calories', 'selling new era caps 30 quid each',
      'the school sells refurbished tablets at 120 each'],
  ],
  'a price per unit written with a slash; a product\'s weight to the gram beside its price and gold bought are no deal (det45o)': [
    ['hard 80/g, buttons 20 each', 'la frappe 10/g, livraison 7/7'],
    ['le nouveau pixel pèse 199 g et coûte 999 €', 'the mini drone is 249 g so no registration, 750 quid', 'un comptoir "achat or 58€ le gramme" sous le pont'],
  ],
};

for (const [name, [street, honest]] of Object.entries(CASES)) test(name, () => check(street, honest));

test('goods named just before the price frame it; four messages back they do not (det45o)', () => {
  const price = fold('30€ le gramme, mais c\'est du vrai du Quercy');
  assert.ok(offScalePrice(price));
  assert.ok(!offScalePrice(price, [fold('le safran du marché il est à combien ?')]));
  assert.ok(offScalePrice(price, ['le safran du marche il est a combien ?', 'ok', 'et sinon', 'ca va'].map(fold)));
});

test('review det45o: a quarter, a half and a whole pound in grams are street weights, not a product\'s spec', () => {
  for (const t of ['QP is 113 g for 850', '454g for 1800, cash', 'the 227g for 1100']) assert.ok(offScalePrice(fold(t)), t);
  assert.ok(!offScalePrice(fold('le nouveau pixel pèse 199 g et coûte 999 €')));
});

test('issue 14 round 46: the unit pre-test turns away digits with no unit, and lets every glued or spelled unit through', () => {
  // Numbers and no unit word standing alone (a "g" inside a word, "tabac", "capsuleur", "gros" are none): no tokens made.
  for (const t of ['rdv à 18h30 devant le 12', 'j\'ai 14 ans et toi', 'le match finit 3-2', 'tabac du coin 7j/7', 'gros 2000 abonnés', 'capsuleur à 12 euros', 'bg 10/10']) {
    assert.equal(mayNameUnit(fold(t)), false, t);
    assert.equal(offScaleUnit(fold(t)), null, t);
  }
  // Every way a unit reaches a token: glued to the number, after a slash, an apostrophe, a full stop, a comma, alone.
  const found: [string, string][] = [
    ['60 le g.', 'gram'], ['350 les 100g', 'gram'], ['80/g', 'gram'], ['au gramme à 70', 'gram'], ['l\'once à 900', 'gram'],
    ['70 a litre', 'volume'], ['90 a gallon', 'volume'], ['£5 per pill', 'pill'], ['6 euros le cachet', 'pill'], ['200 for 3.5 g', 'gram'], ['deux onces, 1300', 'weight'],
    ['les 3 kilos, 45 000', 'weight'], ['2kg ... 60 000', 'weight'],
  ];
  for (const [t, unit] of found) {
    assert.equal(mayNameUnit(fold(t)), true, t);
    assert.equal(offScaleUnit(fold(t)), unit, t);
  }
});
