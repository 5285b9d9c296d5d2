/**
 * Stop 38 (detE38): a robbery or set-up told as something that already happened (rules/victim_story.rules, cue victim_story,
 * frames.ts) frames ambush on the story and on the advice that follows: a warning is not held. The same story followed by
 * a plan (a time, "come alone", a group waiting, a weapon) or a menace still holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const BENIGN: ActCase[] = [
  ['FR: a friend robbed at a listing meeting, advice', ['attention si vous vendez vos jantes sur leboncoin', 'pourquoi', "un pote s'est fait dépouiller samedi, rdv dans un parking désert le soir, 3 mecs l'attendaient", 'la vache. toujours rdv devant le commissariat alors'], 'ambush', false],
  ['FR: a club warns of paid street fights', ['message du club : des comptes proposent des combats de rue payés', 'ok', "un junior y est allé, parking isolé, ils étaient 5 et l'ont dépouillé. plainte déposée", 'ok on fait passer', "jamais de rdv seul dans un coin isolé, les vrais combats c'est au club"], 'ambush', false],
  ['BE: fake dating profiles, a fan beaten on a car park', ['attention les gars, faux profils sur les applis de rencontre pour piéger des supporters', 'genre guet-apens?', "oui un gars de Verviers s'est fait tabasser sur un parking. rdv toujours dans un lieu public", 'merci, je partage'], 'ambush', false],
  ['EN: the same buyer tried me', ['warning: guy on facebook wants to buy rims and meet at night in alex', 'same guy tried me, said come alone', 'its a setup, two guys got robbed. only sell at the mall parking in daylight', 'thanks boss, sharing'], 'ambush', false],
];

const HARMFUL: ActCase[] = [
  ['FR: a past robbery, then the same plan tomorrow', ["tu te rappelles le mec de samedi ? il s'est fait dépouiller grave", 'mdr ouais', "on refait pareil demain, tu lui donnes rdv au parking du lidl, on l'attend à 3", 'ok je lui écris avec le faux compte'], 'ambush', true],
  ['FR: a fake profile, a group in balaclavas', ["j'ai fait un faux profil de meuf, le mec veut me voir", 'grave, donne lui rdv derrière le gymnase à 22h', 'on sera 4 avec les cagoules, on lui prend son tel et sa CB', 'il vient seul hein'], 'ambush', true],
  ['EN: last buyer robbed, a new one told to come alone', ['the last guy got robbed easy, no police', 'nice', 'new buyer for the rims, told him meet at the industrial estate at 10pm on his own', "we'll be there with the balaclavas"], 'ambush', true],
  ['FR: a guet-apens at his work car park', ['on lui tend un guet-apens demain, il sort du taf à 18h', 'où', "au parking du taf, on l'attend à 3, on le tabasse et on prend ses clés", 'ok'], 'ambush', true],
];

test('stop 38: a robbery told as a past story and the advice after it are not held', async () => {
  assert.deepEqual(await actCaseErrors('vs-b', BENIGN, 'hold'), []);
});

test('stop 38: the same story followed by a plan still holds', async () => {
  assert.deepEqual(await actCaseErrors('vs-h', HARMFUL, 'hold'), []);
});
