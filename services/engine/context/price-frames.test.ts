/**
 * Stop 45 (det45o): what makes an off-scale unit price a shop's. Sentences written for this test (FR and EN, none from a
 * writer): goods dear by the unit named in the priced message or just before it, liquids dear by the litre, a pharmacy's
 * pill; beside the same units with no such goods, and words that only look like them (« au parfum », "ring me").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from './fold.js';
import { priceFrame } from './price-frames.js';

test('goods dear by the gram frame the price in their message or in the three before it', () => {
  assert.equal(priceFrame('gram', fold('4 euros le gramme pour l\'argent 925'), []), 'goods');
  assert.equal(priceFrame('gram', fold('6 euros le gramme'), [fold('le thé pu-erh vieilli il est à combien ?')]), 'named_before');
  assert.equal(priceFrame('gram', fold('4€ le gramme'), [fold('les graines de tomate tu les vends au gramme ?')]), 'named_before');
  assert.equal(priceFrame('weight', fold('elle fait 12 grammes donc 700€'), [fold('sa chaine en or'), fold('60€ le gramme pour du 18 carats')]), 'named_before');
  assert.equal(priceFrame('gram', fold('6 euros le gramme'), [fold('le thé pu-erh'), 'a', 'b', 'c']), null);
});

test('words that only look like dear goods frame nothing: in the know, a call, a box of rounds', () => {
  assert.equal(priceFrame('gram', fold('t\'es au parfum ? 10 le g'), []), null);
  assert.equal(priceFrame('gram', fold('ring me when you\'re outside, 60 a gram'), []), null);
  assert.equal(priceFrame('gram', fold('80 le gramme'), [fold('avec un chargeur plein pis une boîte de graines')]), null);
});

test('paint, varnish and oils frame a price by the litre or the gallon, not one by the gram', () => {
  assert.equal(priceFrame('volume', fold('la peinture farrow and ball c\'est 95 le litre'), []), 'goods');
  assert.equal(priceFrame('volume', fold('45 le litre chez brico'), [fold('le vernis pour parquet c\'est combien ?')]), 'named_before');
  assert.equal(priceFrame('volume', fold('the farm sells maple syrup at 60 a gallon'), []), 'goods');
  assert.equal(priceFrame('gram', fold('60 le gramme'), [fold('j\'ai repeint la cuisine, la peinture a séché')]), null);
});

test('a pharmacy or a doctor frames a price by the pill in its own message, not a price by the gram nor one said after it', () => {
  assert.equal(priceFrame('pill', fold('pharmacie direct, pilule du lendemain, 7 euros la pilule'), []), 'pharmacy');
  assert.equal(priceFrame('pill', fold('the morning after pill is 25 quid a pill at the chemist'), []), 'pharmacy');
  assert.equal(priceFrame('gram', fold('la pharmacie est fermée, 60 le gramme'), []), null);
  assert.equal(priceFrame('pill', fold('les 4mg c\'est 30$ la pilule'), [fold('la pharmacie livre le pilulier le lundi')]), null);
  assert.equal(priceFrame('pill', fold('6 quid a pill, no script needed'), []), null);
});

test('review det45o: "vendor" is no gold (« achat or » still is)', () => {
  assert.equal(priceFrame('gram', fold('new vendor in town, his cheese is 60 a gram'), []), null);
  assert.equal(priceFrame('gram', fold('un comptoir achat or 58€ le gramme'), []), 'goods');
});

test('review det45o: a pharmacy named as the meeting spot is no seller', () => {
  assert.equal(priceFrame('pill', fold('10 le cachet, devant la pharmacie à 22h'), []), null);
  assert.equal(priceFrame('pill', fold('yh 10 a pill, outside boots at 3'), []), null);
  assert.equal(priceFrame('pill', fold('the morning after pill is 25 quid a pill at the chemist'), []), 'pharmacy');
});

test('review det45o: gold or wine named before do not frame a price by the pill; CBD does', () => {
  assert.equal(priceFrame('pill', fold('10 a pill'), [fold('u got the gold ones for saturday?'), fold('yeah'), fold('how much')]), null);
  assert.equal(priceFrame('pill', fold('10 a pill'), [fold('bringing vodka and wine tonight'), fold('nice, u got any sweets too?')]), null);
  assert.equal(priceFrame('pill', fold('5€ la gélule'), [fold('les gélules cbd de la boutique ?')]), 'named_before');
});

test('review det45o: goods named before frame a price only when it answers them or its speaker named them', () => {
  // The rolex is another speaker's, two messages back, and a question about other goods came in between.
  assert.equal(priceFrame('gram', fold('60 a gram'), [fold('i saw a rolex for 5000 lol'), fold('crazy'), fold('anyway u got cheese?')], [false, true, false]), null);
  assert.equal(priceFrame('gram', fold('10 le g'), [fold('on ramene du rhum ce soir'), fold('et t\'as du fromage ?')], [true, false]), null);
  // The priced message asks about other goods: it does not answer the whisky.
  assert.equal(priceFrame('gram', fold('what about the other stuff, 80 a g still?'), [fold('sorted the whisky for the party')], [false]), null);
  assert.equal(priceFrame('gram', fold('30 le g'), [fold('le safran il est a combien ?')], [false]), 'named_before');
  assert.equal(priceFrame('gram', fold('30 le g'), [fold('j\'ai du safran'), fold('combien ?')], [true, false]), 'named_before');
});
