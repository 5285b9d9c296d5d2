/**
 * Round 19b (issue 10): drug trafficking and violent threats told by implication, with the shipped rules and policy, the
 * context and no model (message or window). Threats: the injury named as the price of coming back (« tu reviens une seule
 * fois tu rentres en ambulance », "next time they come round they ain't walking back"), a whole side told it will not leave a
 * place standing, a crew waiting for a debtor who does not pay. Drugs: a runner short on the product told by its weight (bags light, "2.8 on a 3.5", a bit taken from every
 * bag and topped up), cannabis sold by its strain name in cartridges, by weight or from a grow. Hard negatives share the
 * words: a helmet warning, a sprained ankle, news of a supporter taken away, a DJ's set, a walk back in the dark, a lift from the airport, a pub quiz, removal men, a shop's
 * till, crisps and biscuits, ice cream, a vape flavour with nicotine, the legal store. Texts written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const CASES: ActCase[] = [
  ['FR: back on the square, leaves on a stretcher', ['tu t es encore pose sur notre banc hier', 'et alors', 'si tu remets les pieds au square tu repars en civiere'], 'violent_threat', true],
  ['FR: back at the tobacco shop, ends in A&E', ['tu reviens trainer devant le tabac une seule fois, tu finis aux urgences'], 'violent_threat', true],
  ['EN: next time round the arcade, not walking back', ['tell them from the estate', 'say less', 'next time they come round the arcade on our side they aint walking back'], 'violent_threat', true],
  ['EN: his face at the courts again, a stretcher', ['if he shows his face at the courts again hes leaving on a stretcher'], 'violent_threat', true],
  ['EN: nobody leaves the car park standing', ['they took our spot at the meet', 'so what now', 'nobody from their crew leaves that car park standing'], 'violent_threat', true],
  ['EN: every bag light, 2.8 on a 3.5', ['every bag u dropped this week was light. 2.8 on a 3.5', 'nah i weighed them'], 'drug_trafficking', true],
  ['EN: a bit from every bag, topped up', ['he came up 150 short again', 'been pinching out of every bag n topping it up'], 'drug_trafficking', true],
  ['FR: a bit from every pochon, topped up with bicarbonate', ['il se sert dans chaque pochon et il complete avec du bicar, les clients se plaignent'], 'drug_trafficking', true],
  ['FR: strains by the gram and the zip', ['j ai de la Gelato pis de la Purple Punch, 10 le g, 90 la zip'], 'drug_trafficking', true],
  ['EN: a grow of white widow by the pound', ['the white widow under the lights should give me 3 pound, buyer takes the lot at 3k a pound'], 'drug_trafficking', true],
  ['FR: amnesia haze under the lamps, by the pound', ['12 pieds de Amnesia Haze sous les lampes, recolte dans 2 semaines, je vends la livre 2500'], 'drug_trafficking', true],
  ['FR: men waiting by his car if nothing is paid', ['vendredi soir des gars vont t\'attendre a cote de ta voiture si j\'ai rien'], 'violent_threat', true],
  ['EN: boys waiting at his parking level unless he pays', ['you still park on level 2 at work?', 'yeah why', 'my boys will be waiting there if you dont pay up'], 'violent_threat', true],
  // Hard negatives
  ['helmet warning', ['next time you ride without a helmet you\'ll be going home in an ambulance, please wear it'], 'violent_threat', false],
  ['sprained ankle at training', ['si tu reviens a l entrainement avec ta cheville comme ca tu finis aux urgences, repose toi'], 'violent_threat', false],
  ['a fever at the gym', ['si tu reviens a la salle demain apres ta fievre tu finis aux urgences, reste au lit'], 'violent_threat', false],
  ['a DJ\'s set', ['nobody leaves that dance floor standing after my set tonight lol'], 'violent_threat', false],
  ['a walk back in the dark', ['if we come back down that ridge in the dark we aint walking back, lets get the bus'], 'violent_threat', false],
  ['heels at the club', ['next time you go clubbing in those heels you\'re going home in a wheelchair haha'], 'violent_threat', false],
  ['shop till short', ['the till was 80 short on the count at close again, check the float'], 'drug_trafficking', false],
  ['biscuits topped up with crumbs', ['il se sert dans chaque paquet de biscuits et il remplit avec des miettes lol'], 'drug_trafficking', false],
  ['sweets for the fete', ['every bag we bagged up for the fete was light on sweets, sorry kids'], 'drug_trafficking', false],
  ['gelato at the ice cream shop', ['on prend une gelato pistache au glacier ? 2 boules 6 euros'], 'drug_trafficking', false],
  ['gelato pods with nicotine', ['pods saveur gelato 20mg de nicotine, 8 euros les 2'], 'drug_trafficking', false],
  ['the legal store', ['la SQDC avait des cartouches Blue Dream 1g a 45, legal et teste'], 'drug_trafficking', false],
  ['artisan gelato by the pot', ['gelato artisanale, 4 euros le pot de 500 g, livraison samedi'], 'drug_trafficking', false],
  ['a lift from the airport', ['des gars de l\'agence vont t\'attendre a l aeroport si tu trouves pas de taxi'], 'violent_threat', false],
  ['the lads at the pub quiz', ['the lads will be waiting for you at the pub at 8, or else we start the quiz without you'], 'violent_threat', false],
  ['removal men and the deposit', ['if you dont pay the deposit the removal guys will be waiting outside your flat for nothing'], 'violent_threat', false],
  // Review of 075e1de: look-alikes that must not act, and threats/sales the first version missed or let a common word switch off
  ['review: gelato cart by the beach', ['the gelato cart by the beach is open till 10, meet there?'], 'drug_trafficking', false],
  ['review: gelato recipe yield', ['this gelato recipe will yield 2 pounds, chill overnight'], 'drug_trafficking', false],
  ['review: pistachios for the gelato', ['chop the pistachios for the gelato, 200g'], 'drug_trafficking', false],
  ['review: gorilla glue for a chair', ['need gorilla glue for the chair leg, the 4 oz bottle'], 'drug_trafficking', false],
  ['review: gorilla glue tube', ['gorilla glue, 2 grams holds the tile, buy the 20 g tube'], 'drug_trafficking', false],
  ['review: purple haze on vinyl', ['purple haze by hendrix on vinyl is 20 pounds at the market'], 'drug_trafficking', false],
  ['review: purple haze beer', ['purple haze beer from abita, 12 oz bottles'], 'drug_trafficking', false],
  ['review: purple haze carrots', ['i planted purple haze carrots, 20 plants'], 'drug_trafficking', false],
  ['review: girl scout cookies haul', ['girl scout cookies haul: 8 boxes, 2 pounds of thin mints lol'], 'drug_trafficking', false],
  ['review: jack herer the rose', ['my jack herer is a lovely rose, 3 plants'], 'drug_trafficking', false],
  ['review: pub quiz purple haze', ['pub quiz: who wrote purple haze? 1 point for the pound'], 'drug_trafficking', false],
  ['review: gpa on a 3.5 scale', ['gpa update: 3.2 on a 3.5 scale this term'], 'drug_trafficking', false],
  ['review: a 3.5 mile loop', ['i ran 2.8 on a 3.5 mile loop'], 'drug_trafficking', false],
  ['review: recycling bags weighed', ['every bag u dropped at the recycling was light, the bin men weighed them'], 'drug_trafficking', false],
  ['review: cherries topped up with leaves', ['the stall guy was taking a bit from every bag of cherries and topping it up with leaves'], 'drug_trafficking', false],
  ['review: rugby tackle, stretcher', ['if you tackle like that again in the match you\'ll come back on a stretcher'], 'violent_threat', false],
  ['review: off piste, stretcher', ['next time you go off piste without a beacon you\'ll come back on a stretcher'], 'violent_threat', false],
  ['review: FR rugby, civiere', ['la prochaine fois que tu plaques la tete en avant tu rentres en civiere'], 'violent_threat', false],
  ['review: FR concussion, civiere', ['si tu reviens sur le terrain avec cette commotion tu rentres sur une civiere'], 'violent_threat', false],
  ['review: leg day', ['next time you come to leg day you aint walking back home bro'], 'violent_threat', false],
  ['review: christmas, not hungry', ['if you come to mine for christmas you are not going home hungry'], 'violent_threat', false],
  ['review: after the op, not driving', ['when he comes back from the op he\'s not driving home, can you pick him up'], 'violent_threat', false],
  ['review: FR dad at A&E', ['papa revient demain de Lyon, il est aux urgences pour sa jambe'], 'violent_threat', false],
  ['review: A&E nurse, a fall', ['he comes back to A&E every week, one more fall and he won\'t be walking home at all, poor man'], 'violent_threat', false],
  ['review: pub quiz open bar', ['nobody leaves that pub standing after the quiz night open bar'], 'violent_threat', false],
  ['review: FR wedding open bar', ['personne ne repart debout du mariage de ma cousine, l open bar est enorme'], 'violent_threat', false],
  ['review: spin class', ['nobody leaves my spin class standing'], 'violent_threat', false],
  ['review: FR crossfit', ['personne ne sort debout de mon cours de crossfit'], 'violent_threat', false],
  ['review: FR portions', ['personne ne ressort debout de ce resto, les portions sont enormes'], 'violent_threat', false],
  ['review: pizza money', ['if you do not pay for the pizza my guys will be waiting outside your door starving'], 'violent_threat', false],
  ['review: stag do', ['pay what you owe for the stag do, the lads will be waiting at the pub from 6'], 'violent_threat', false],
  ['review: light bags with \'the\'', ['every bag u dropped at the spot was light, 2.8 on a 3.5, sort it'], 'drug_trafficking', true],
  ['review: bags short on the block', ['every bag you sold on the block was short, the customers are moaning'], 'drug_trafficking', true],
  ['review: \'we make sure\' not walking back', ['next time they come round we make sure they aint walking back'], 'violent_threat', true],
  ['review: FR \'fais attention\' ambulance', ['fais attention, si tu reviens vendre ici tu repars en ambulance'], 'violent_threat', true],
  ['review: FR back to the spot, a stretcher', ['dis a ton frere que s il revient au terrain il finit sur un brancard'], 'violent_threat', true],
  ['review: won\'t be walking home', ['if he shows his face at the shop again he won\'t be walking home'], 'violent_threat', true],
  ['review: debt with lol', ['if you dont pay up the guys will be waiting by your car tonight lol'], 'violent_threat', true],
  ['review: FR \'si j ai pas\'', ['si j ai pas mon argent mes gars vont t attendre devant ta voiture'], 'violent_threat', true],
  ['review: FR \'si jai pas\'', ['si jai pas mon argent mes gars vont t attendre devant ta voiture'], 'violent_threat', true],
  ['review: FR runtz by the livre', ['j ai 3 livres de runtz a sortir, 2800 la livre, qui est chaud'], 'drug_trafficking', true],
];

test('round 19b: a hurt return, a side not left standing, light bags and strains act; their look-alikes do not', async () => {
  assert.deepEqual(await actCaseErrors('r19b', CASES), []);
});
