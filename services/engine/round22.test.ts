/**
 * Round 22 (rules22): the twenty-second round's tuning sets read by kind, with the shipped rules and policy, the context and no
 * model (message or window). Misses: a person's time sold under a service's cover (an hourly or nightly price with cash, no
 * photos, nobody will know, a driver who waits in the car, more men for more money) with no sex word and no place; medicine
 * diverted from a prescription or a stock and sold by the bottle, the patch or the pill; real-world names and measures of the
 * trade (xylazine, "horse tranq", « zamal », a QP, half a key); a runner told "the less you know" while a plan for the police
 * names the police. Texts written for this test, none from a writer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

// Acted on (flag at least) with rules 2026.12.22-3; none acted on with 2026.12.21-2.
const MISSES: ActCase[] = [
  ['FR: a "house-sitting" by the hour and the night, cash, no photos', ['bonsoir, la formule garde de maison pour messieurs seuls, ça se passe comment ?', 'c est 260 les 2h, en especes, pas de photos', 'ok et c est ou ?', 'on voit ca en prive'], 'prostitution', true],
  ['EN: a "tutoring" for two hours, cash, nobody finds out', ['the adult tutoring your mate told me about', 'yes. 260 for two hours, cash only, nobody needs to know', 'tuesday evening ok?', 'tuesday 9'], 'prostitution', true],
  ['EN: she stays an hour, cash, the driver waits', ['the special clean mark mentioned', 'she stays one hour, 130 cash, i drive her there and i wait in the car', 'right, friday then'], 'prostitution', true],
  ['FR: elle reste deux heures, un gars la dépose et attend', ['pour l anniversaire de ton frere j ai un contact', 'elle reste jusqu a 1h avec lui, 250, et c est 80 de plus par personne pour les autres', 'et on paie comment', 'en liquide, un gars la depose et attend en bas'], 'prostitution', true],
  ['EN: the "full sit" a friend gets, two hours, cash, no photos', ['tom says you do the full sit for him, he has no dog', 'right. 280 for two hours, cash on the table when i arrive, no photos', 'thursday evening?'], 'prostitution', true],
  ['EN: the sedative from the farm supply sold by the bottle', ['can u still get the horse tranq at work', 'xylazine yeah, nobody counts the big orders', 'my guy pays 55 a bottle', 'thursday, 8 bottles, behind the feed store'], 'drug_trafficking', true],
  ['FR: les gélules d une morte revendues à la pièce', ['mon oncle a encore les gelules de sa femme, l ordonnance etait pour un an et la pharmacie veut les detruire', 'mon pote les revend, il prend tout', '8 la gelule, je passe samedi'], 'drug_trafficking', true],
  ['EN: a quarter pound from a plug', ['the plug has a QP for 950', 'tonight?', 'yeah 11pm at the usual spot, bring it all'], 'drug_trafficking', true],
  ['EN: half a key carried for a wage', ['half a key, white, 400 a run for you', 'every week?', 'every week, it rides under the spare wheel'], 'drug_trafficking', true],
  ['FR: payé en zamal au poids', ['mi paye a ou en zamal, 50 grammes', 'le bon ?', 'le bon. samedi derriere la case a Jojo'], 'drug_trafficking', true],
];

// Look-alikes that stay quiet (no action, no category listed) in the categories the new rules read.
const LOOKALIKES: ActCase[] = [
  ['FR: a babysitter by the hour, cash, no photos of the children online', ['tu peux garder les petits samedi ?', 'oui 12 l heure comme d hab, en especes', 'super, et pas de photos des enfants sur instagram stp', 'promis'], 'prostitution', false],
  ['EN: a cleaner at home by the hour, cash', ['can you do the cleaning thursday?', 'yes 18 the hour, cash please, bedroom and kitchen', 'great, key under the mat'], 'prostitution', false],
  ['EN: a sports massage at home', ['do you do sports massage at home?', 'yes 60 for the hour, i bring the table, cash or card', 'thursday 6pm?'], 'prostitution', false],
  ['EN: a night carer for grandad', ['the carer stays the night with grandad from friday', 'is she a nurse?', 'care assistant, the agency invoices us, cash is not needed'], 'prostitution', false],
  ['FR: the grandmother drops her at the doctor and waits', ['je la depose chez le docteur et j attends dans la voiture', 'merci, la consultation c est 25', 'bisous'], 'prostitution', false],
  ['EN: harm reduction names xylazine', ['warning: xylazine found in the local supply, test strips free at the clinic', 'narcan kits too?', 'yes, free'], 'drug_trafficking', false],
  ['EN: xylazine ordered for the cattle by the vet', ['we need xylazine for the cattle work friday, the vet signed the order', 'ok 2 bottles on the ranch account', 'pick up at the counter'], 'drug_trafficking', false],
  ['FR: leftover pills taken back to the pharmacy', ['mamie a laisse plein de gelules, l ordonnance est finie', 'rapporte les a la pharmacie, ils les detruisent', 'ok je passe demain'], 'drug_trafficking', false],
  ['EN: a key cut at the locksmith', ['can you cut a key for me?', 'a key is 8, half a dozen 40', 'cash ok?', 'sure'], 'drug_trafficking', false],
  ['EN: the less you know about the surprise', ['the less you know about the surprise the better', 'haha ok, what time?', '8pm at mine, 20 each for the kitty'], 'drug_trafficking', false],
];

test('round 22: a person\'s time sold under cover, diverted medicine and the trade\'s real names act', async () => {
  assert.deepEqual(await actCaseErrors('r22m', MISSES), []);
});

test('round 22: babysitters, cleaners, carers, harm reduction, vet orders, returned pills and surprises stay quiet', async () => {
  assert.deepEqual(await actCaseErrors('r22l', LOOKALIKES), []);
});
