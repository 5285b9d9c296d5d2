/**
 * Stop 44 (det44d): context:off-scale-price, read end to end from the real rule files through the context stage.
 * Conversations written for this test (FR and EN, none from a writer): a weight owed, fuel by the litre and "vitamins" by
 * the pill at street prices, each beside its honest twin (a pump price, a butcher's kilo, a pharmacy box); news about
 * street prices is framed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedMax } from './replay.test-support.js';

const SRC = 'context:off-scale-price';
const sale = (lines: string[]): Promise<number> => derivedMax(lines, 'drug_trafficking', SRC);

test('a debt for a weight at a street price is a lead for review; a weight and an honest bill are not', async () => {
  assert.ok(await sale(['a: ton frère il répond plus', 'b: il est au bled', 'a: le demi kilo de la dernière fois c\'est 16 000, il revient il paye']) >= 0.6);
  assert.ok(await sale(['a: where is Kyle', 'b: no idea', 'a: the 2 kilos he never paid for, 64k, tell him monday']) >= 0.6);
  assert.equal(await sale(['a: 2 kilos d\'entrecôte à 38 le kilo, 76 euros', 'b: parfait je passe à 18h']), 0);
  assert.equal(await sale(['a: she was 3 kilos 400 when she was born', 'b: aw lovely']), 0);
});

test('fuel by the litre and a "vitamin" by the pill at street prices are leads; the pump and the pharmacy are not', async () => {
  assert.ok(await sale(['a: il te reste de l\'essence pour samedi', 'b: 75 le litre, le petit te la passe par la vitre au parking']) >= 0.6);
  assert.ok(await sale(['a: 3 night shifts in a row', 'b: got vitamins that keep u up, 6 quid a pill, i\'ll leave em in ur locker']) >= 0.6);
  assert.equal(await sale(['a: l\'essence est à 1,89 le litre à Leclerc', 'b: moins cher qu\'à Total']), 0);
  assert.equal(await sale(['a: one vitamin D capsule a day', 'b: 9 quid for a box of 90 at boots']), 0);
});

test('the news about street prices is talk about them, not a sale; the same price offered is one', async () => {
  assert.equal(await sale(['a: t\'as lu l\'article', 'b: selon la police la farine se vend 70 le gramme à Marseille']), 0);
  assert.ok(await sale(['a: t\'as encore de la farine', 'b: la farine 70 le gramme, je suis au parking à 22h']) >= 0.6);
});

test('a recipe and a nutrition label are no sale (review det44d)', async () => {
  assert.equal(await sale(['a: ta recette de brioche ?', 'b: 500 g de farine, 7 g de levure, four à 180°C pendant 25 min']), 0);
  assert.equal(await sale(['a: t\'as vu le skyr', 'b: 10 g de protéines pour 100 g, 120 kcal le pot']), 0);
});
