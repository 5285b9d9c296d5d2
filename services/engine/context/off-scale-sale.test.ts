/**
 * Stop 44 (det44d): context:off-scale-price, read end to end from the real rule files through the context stage.
 * Conversations written for this test (FR and EN, none from a writer): a weight owed, fuel by the litre and "vitamins" by
 * the pill at street prices, each beside its honest twin (a pump price, a butcher's kilo, a pharmacy box); news about
 * street prices is framed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedMax, replay } from './replay.test-support.js';

/** Both the lead (`lead:off-scale-price`) and the corroborated finding (`context:off-scale-price`) count here. */
const sale = async (lines: string[]): Promise<number> => Math.max(
  await derivedMax(lines, 'drug_trafficking', 'context:off-scale-price'), await derivedMax(lines, 'drug_trafficking', 'lead:off-scale-price'));

/** The off-scale sources of drug trafficking on the last message and its support kinds (two-person chat). */
async function last(lines: string[]): Promise<{ sources: string[]; support: string[] }> {
  let r = { sources: [] as string[], support: [] as string[] };
  await replay(lines, (out) => {
    r = { sources: (out.categories.drug_trafficking?.sources ?? []).filter((x) => x.includes('off-scale')), support: [...(out.support.drug_trafficking ?? [])] };
  }, true);
  return r;
}

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

test('alone, an off-scale price is a lead: it flags, it gives no support kind; the trade or a hand-over said makes it a finding (det45o)', async () => {
  // A nutrition label read by the gram: no drug, no sale, no hand-over. The model over-scores such text; the lead must not corroborate it.
  const label = await last(['a: t\'as vu le prix du fromage', 'b: le comté 24 mois, 60 le gramme mdr ils abusent']);
  assert.deepEqual(label.sources, ['lead:off-scale-price']);
  assert.ok(!label.support.includes('context'), `support: ${label.support.join('+')}`);
  const traded = await last(['a: t\'as de la beuh', 'b: 60 le gramme, pas coupée']);
  assert.deepEqual(traded.sources, ['context:off-scale-price']);
  assert.ok(traded.support.includes('context'));
  const handed = await last(['a: il te reste de l\'essence', 'b: 75 le litre, je te la dépose en main propre']);
  assert.deepEqual(handed.sources, ['context:off-scale-price']);
});

test('goods named the message before, a pharmacy\'s pill, a product\'s spec are no sale; the trade said lifts the frames (det45o)', async () => {
  assert.equal(await sale(['a: le safran du marché il est à combien ?', 'b: 30€ le gramme, mais c\'est du vrai du Quercy']), 0);
  assert.equal(await sale(['a: accident de capote, je fais quoi', 'b: pharmacie direct, pilule du lendemain, 7 euros la pilule']), 0);
  assert.equal(await sale(['a: the mini drone is 249 g so no registration, 750 quid', 'b: worth it']), 0);
  assert.ok(await sale(['a: t\'as encore de la coke', 'b: oui et des cachets de la pharmacie de mon oncle, 10 euros le cachet']) >= 0.6);
  assert.ok(await sale(['a: il repart avec les billets, la montre et le tel', 'b: et pour la beuh', 'a: 12 le g, je descends à 22h']) >= 0.6);
});

test('review det45o: a place with a clock time said after a lead makes it a finding; a day word does not', async () => {
  const spot = await last(['a: sugar still 80 a g?', 'b: yh same as last time', 'a: 1 then', 'b: usual spot 10pm']);
  assert.deepEqual(spot.sources, ['context:off-scale-price']);
  const skate = await last(['a: sweets for friday?', 'b: 12 a pill', 'a: 5 pls, skatepark at 8']);
  assert.deepEqual(skate.sources, ['context:off-scale-price']);
  const label = await last(['a: t\'as vu le prix du fromage', 'b: le comté 24 mois, 60 le gramme mdr', 'a: à consommer avant demain en plus']);
  assert.deepEqual(label.sources, []);
});

test('review det45o: goods named before frame the price only when it is about them (a rolex, party drinks do not)', async () => {
  assert.ok(await sale(['a: i saw a rolex at the jeweller for 5000 lol', 'b: crazy', 'a: anyway u got cheese?', 'b: 60 a gram']) >= 0.6);
  assert.ok(await sale(['a: on ramène du rhum et de la vodka ce soir', 'b: grave, et t\'as du fromage pour la soirée ?', 'a: 10 le g']) >= 0.6);
  assert.equal(await sale(['a: j\'ai trouvé du safran au marché', 'b: combien ?', 'a: 30 le g, c\'est le prix normal']), 0);
});
