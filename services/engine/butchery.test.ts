/**
 * Stop 38 (detE38): a carcass, an animal for the table or a cut of meat named (rules/butchery.rules, cue meat, frames.ts)
 * frames threats on that message and the next three: the knife and "cut him in 8 pieces" are the meat's, not held. A blow
 * said to the listener, a grievance, a place where a person is or a group waiting still holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const BENIGN: ActCase[] = [
  ['EN: the lamb for eid, cut in 8 pieces', ['eid tomorrow brothers, who help me to cut the lamb', 'me, bring the big knife, we cut him in 8 pieces', 'my mother recipe, slow cook with rice 3 hours', 'i come 9am, inshallah'], 'violent_threat', false],
  ['FR: a barbecue chicken massacred in 8 pieces', ["ce soir barbecue sur l'aire de Port-Ste-Marie, j'ai un poulet entier", 'tu vas le découper avec quoi, ton cutter ?', "j'ai mon couteau de boucher, je vais le massacrer en 8 morceaux", "garde moi une cuisse j'arrive vers 20h"], 'violent_threat', false],
  ['QC: half a pig cut up in the garage', ["j'ai acheté un porc avec mon chum chez le fermier", 'un porc ENTIER?', 'ben une demi-carcasse. samedi on le découpe dans le garage, amène tes couteaux pis ton tablier', "j'ai une scie à os, ça va aller plus vite", 'parfait. on met tout sous vide, je te le vends au prix coûtant', 'deal, je passe avec la glacière'], 'violent_threat', false],
  ['EN: the eid lamb in the garage', ['eid tomorrow, the lamb is in the garage', 'ill come at 7 with the knives', 'we cut him in pieces and share to the neighbours', 'inshallah'], 'violent_threat', false],
];

const HARMFUL: ActCase[] = [
  ['EN: the eid lamb, then the snitch after work', ["eid tomorrow, lamb's in the garage", 'what about that snitch from the estate', 'bring the big knife, we cut him in 8 pieces when he leaves work at 6', 'say less'], 'violent_threat', true],
  ['FR: a pig insult, waited for at work with a knife', ['ce porc de Karim m a volé ma place au taf', 'tu vas faire quoi', 'demain je l attends au parking du taf avec le couteau, je vais le saigner comme un cochon', 'fais pas ça'], 'violent_threat', true],
  ['EN: the turkey, then the listener killed tonight', ["turkey's in the oven", 'ok', "and you, i'm going to kill you when you get home tonight. i have the knife ready", 'please stop'], 'violent_threat', true],
  ['EN: eid lamb, then the new boyfriend where he parks', ["eid mubarak. lamb's ready", 'ok', "now her new boyfriend. i know where he parks, i'll cut him tonight", 'dont do anything stupid'], 'violent_threat', true],
];

test('stop 38: meat butchered with knives over the next messages is not held', async () => {
  assert.deepEqual(await actCaseErrors('meat-b', BENIGN, 'hold'), []);
});

test('stop 38: a meat word followed by a threat at a person still holds', async () => {
  assert.deepEqual(await actCaseErrors('meat-h', HARMFUL, 'hold'), []);
});
