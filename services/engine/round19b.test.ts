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
import type { Category } from '../contracts/taxonomy.js';
import { dialogue } from './dialogue.test-support.js';
import { createEngine, createState } from './engine.js';

/** [name, lines (speakers a and b alternate), category, expected to act (true) or never to act (false)]. */
type Case = [string, string[], Category, boolean];

const CASES: Case[] = [
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
];

test('round 19b: a hurt return, a side not left standing, light bags and strains act; their look-alikes do not', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const wrong: string[] = [];
  for (const [k, [name, lines, category, acts]] of CASES.entries()) {
    const verdicts = await engine.classifyBatch(dialogue('r19b', k, lines), createState());
    const acting = verdicts.filter((v) => v.action !== 'allow').flatMap((v) => v.categories.filter((c) => c.category === category));
    if (acts !== (acting.length > 0)) wrong.push(`${name}: ${category} ${acts ? 'did not act' : `acted (${acting.map((c) => c.sources.join('+')).join(', ')})`}`);
  }
  await engine.close();
  assert.deepEqual(wrong, []);
});
