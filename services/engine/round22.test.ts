/**
 * Round 22 (rules22, after its review): the twenty-second round's tuning sets read by kind, with the shipped rules and policy,
 * the context and no model (message or window). Misses: a person offered for a time under a service's cover (the person,
 * a price for the hour or the night, cash, nobody will know, a driver who waits, more men); medicine diverted from a
 * prescription or a stock and sold by the pill, the patch or, beside a named drug, the bottle; real-world names and measures
 * of the trade (xylazine, « zamal », a QP, half a key). Look-alikes: cash-in-hand work by the hour with "nobody needs to
 * know", a guided tour paid in cash with no photos, perfume, cider and rum resold by the bottle, a pharmacist's pills. Texts written for
 * this test, in other words than any conversation of the corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

// Acted on (flag at least) with rules 2026.12.22-4.
const MISSES: ActCase[] = [
  ['FR: une fille pour l enterrement de vie de garçon, le prix plus loin, un cousin attend', ['pour ton evg j ai une fille, tres jolie', 'ca coute combien', '200 l heure, en liquide', 'mon cousin la depose et attend en bas, il remonte a la fin'], 'prostitution', true],
  ['EN: a girl for the night, priced in the reply, the driver waits', ['i can get you a girl for saturday, proper discreet', 'how much are we talking', '170 for the hour. my driver brings her and waits outside'], 'prostitution', true],
  ['FR: la fille reçoit dans un studio, personne n en saura rien (sans apostrophe)', ['la fille recoit dans son studio pres de la gare', 'c est combien', '150 l heure en liquide, personne n en saura rien'], 'prostitution', true],
  ['EN: an aunt\'s oxy nobody counts, sold by the pill', ['my aunt has a drawer full of oxy since the op, nobody counts them', 'what would u want', '6 a pill, 30 of them, cash'], 'drug_trafficking', true],
  ['FR: le tramadol du père revendu au comprimé', ['le tramadol de mon pere, mon frere le revend, personne ne compte les boites', 'et tu les fais a combien', '3 le comprime, rdv derriere la gare'], 'drug_trafficking', true],
  ['EN: morphine by the vial', ['the morphine at the hospice, nobody counts the vials', 'what do they go for', '25 a vial for the morphine, my mate takes the lot', 'sunday, side door'], 'drug_trafficking', true],
  ['EN: a quarter pound priced in the reply', ['can u sort a qp for friday', 'yeah', 'how much', '900, lidl car park 10pm'], 'drug_trafficking', true],
  ['EN: half a key moved north for a fee', ['my cousin needs half a key taken up to leeds', 'whats in it for me', '350 each trip, cash'], 'drug_trafficking', true],
  ['FR: du zamal au sachet', ['t as encore du zamal ?', 'oui 20 le sachet', 'ok ce soir au parking du stade'], 'drug_trafficking', true],
];

// Look-alikes that stay quiet (no action, no category listed) in the categories the new rules read.
const LOOKALIKES: ActCase[] = [
  ['FR: un plaquiste au noir à l heure, personne n en saura rien', ['le plaquiste demande 45 de l\'heure', 'en especes ?', 'oui, pas de facture, personne n en saura rien', 'il vient chez toi quand', 'mardi chez moi'], 'prostitution', false],
  ['EN: a window cleaner, cash in hand, nobody needs to know', ['the window guy charges 35 for the hour', 'cash?', 'cash in hand, nobody needs to know, he comes to my place on monday'], 'prostitution', false],
  ['FR: a guided tour for two hours, cash, no photos in the crypt', ['la visite guidee du chateau c est 90 les 2h', 'en liquide ?', 'oui, et pas de photos dans la crypte'], 'prostitution', false],
  ['FR: a photographer by the hour, cash, nobody will know, at home', ['le photographe prend 70 de l\'heure', 'en liquide ?', 'oui en liquide et personne n\'en saura rien, il vient chez moi samedi'], 'prostitution', false],
  ['EN: a babysitter by the hour, cash', ['can you have the little ones saturday?', 'yes 12 the hour as usual, cash', 'great'], 'prostitution', false],
  ['FR: du parfum racheté en lot et revendu au flacon', ['elle rachete des flacons en lot sur leboncoin, on les revend au marche', 'c est quoi ?', 'du parfum de grandes marques', 'et ca part a combien', '25 le flacon en general'], 'drug_trafficking', false],
  ['EN: cider at a fair nobody checks', ['the gate is controlled but nobody checks the cool boxes', 'lol', 'the cider stall wants 7 a bottle so fill yours'], 'drug_trafficking', false],
  ['FR: la pharmacienne vend les cachets à la boîte', ['la pharmacienne m a vendu les cachets a 6 la boite', 'sans ordonnance ?', 'oui, du spasfon pour les regles'], 'drug_trafficking', false],
  ['EN: old rum sold by the bottle at a fair', ['at the flea market he sells his uncle s old rum', 'how much', '40 a bottle, he resells them every sunday'], 'drug_trafficking', false],
  ['EN: harm reduction names xylazine', ['warning: xylazine found in the local supply, test strips free at the clinic', 'narcan kits too?', 'yes, free'], 'drug_trafficking', false],
  ['EN: a key cut at the locksmith', ['can you cut a key for me?', 'a key is 8, half a dozen 40', 'cash ok?', 'sure'], 'drug_trafficking', false],
];

test('round 22: a person offered for a time, diverted medicine and the trade\'s real names act', async () => {
  assert.deepEqual(await actCaseErrors('r22m', MISSES), []);
});

test('round 22: cash-in-hand work, a guided tour, perfume, cider, rum and a pharmacist\'s pills stay quiet', async () => {
  assert.deepEqual(await actCaseErrors('r22l', LOOKALIKES), []);
});
