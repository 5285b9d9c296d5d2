/**
 * Stop 38 (detE38): benign frames for kinds that held benign conversations of several writers.
 * - A robbery or set-up told as something that already happened (rules/victim_story.rules, cue victim_story, frames.ts)
 *   frames ambush on the story and on the advice that follows: a warning is not held. The same story followed by a plan
 *   (a time, "come alone", a group waiting, a weapon) or a menace still holds.
 * - A carcass, an animal for the table or a cut of meat named (rules/butchery.rules, cue meat, frames.ts) frames threats
 *   on that message and the next three: the knife and "cut him in 8 pieces" are the meat's. A blow said to the listener,
 *   a grievance, a place where a person is or a group waiting still holds.
 */
import { actSuites, type ActCase } from './dialogue.test-support.js';

const STORY_BENIGN: ActCase[] = [
  ['FR: a friend robbed at a listing meeting, advice', ['attention si vous vendez vos jantes sur leboncoin', 'pourquoi', "un pote s'est fait dépouiller samedi, rdv dans un parking désert le soir, 3 mecs l'attendaient", 'la vache. toujours rdv devant le commissariat alors'], 'ambush', false],
  ['FR: a club warns of paid street fights', ['message du club : des comptes proposent des combats de rue payés', 'ok', "un junior y est allé, parking isolé, ils étaient 5 et l'ont dépouillé. plainte déposée", 'ok on fait passer', "jamais de rdv seul dans un coin isolé, les vrais combats c'est au club"], 'ambush', false],
  ['BE: fake dating profiles, a fan beaten on a car park', ['attention les gars, faux profils sur les applis de rencontre pour piéger des supporters', 'genre guet-apens?', "oui un gars de Verviers s'est fait tabasser sur un parking. rdv toujours dans un lieu public", 'merci, je partage'], 'ambush', false],
  ['EN: the same buyer tried me', ['warning: guy on facebook wants to buy rims and meet at night in alex', 'same guy tried me, said come alone', 'its a setup, two guys got robbed. only sell at the mall parking in daylight', 'thanks boss, sharing'], 'ambush', false],
];

const STORY_HARMFUL: ActCase[] = [
  ['FR: a past robbery, then the same plan tomorrow', ["tu te rappelles le mec de samedi ? il s'est fait dépouiller grave", 'mdr ouais', "on refait pareil demain, tu lui donnes rdv au parking du lidl, on l'attend à 3", 'ok je lui écris avec le faux compte'], 'ambush', true],
  ['FR: a fake profile, a group in balaclavas', ["j'ai fait un faux profil de meuf, le mec veut me voir", 'grave, donne lui rdv derrière le gymnase à 22h', 'on sera 4 avec les cagoules, on lui prend son tel et sa CB', 'il vient seul hein'], 'ambush', true],
  ['EN: last buyer robbed, a new one told to come alone', ['the last guy got robbed easy, no police', 'nice', 'new buyer for the rims, told him meet at the industrial estate at 10pm on his own', "we'll be there with the balaclavas"], 'ambush', true],
  ['FR: a guet-apens at his work car park', ['on lui tend un guet-apens demain, il sort du taf à 18h', 'où', "au parking du taf, on l'attend à 3, on le tabasse et on prend ses clés", 'ok'], 'ambush', true],
];

const MEAT_BENIGN: ActCase[] = [
  ['EN: the lamb for eid, cut in 8 pieces', ['eid tomorrow brothers, who help me to cut the lamb', 'me, bring the big knife, we cut him in 8 pieces', 'my mother recipe, slow cook with rice 3 hours', 'i come 9am, inshallah'], 'violent_threat', false],
  ['FR: a barbecue chicken massacred in 8 pieces', ["ce soir barbecue sur l'aire de Port-Ste-Marie, j'ai un poulet entier", 'tu vas le découper avec quoi, ton cutter ?', "j'ai mon couteau de boucher, je vais le massacrer en 8 morceaux", "garde moi une cuisse j'arrive vers 20h"], 'violent_threat', false],
  ['QC: half a pig cut up in the garage', ["j'ai acheté un porc avec mon chum chez le fermier", 'un porc ENTIER?', 'ben une demi-carcasse. samedi on le découpe dans le garage, amène tes couteaux pis ton tablier', "j'ai une scie à os, ça va aller plus vite", 'parfait. on met tout sous vide, je te le vends au prix coûtant', 'deal, je passe avec la glacière'], 'violent_threat', false],
  ['EN: the eid lamb in the garage', ['eid tomorrow, the lamb is in the garage', 'ill come at 7 with the knives', 'we cut him in pieces and share to the neighbours', 'inshallah'], 'violent_threat', false],
];

const MEAT_HARMFUL: ActCase[] = [
  ['EN: the eid lamb, then the snitch after work', ["eid tomorrow, lamb's in the garage", 'what about that snitch from the estate', 'bring the big knife, we cut him in 8 pieces when he leaves work at 6', 'say less'], 'violent_threat', true],
  ['FR: a pig insult, waited for at work with a knife', ['ce porc de Karim m a volé ma place au taf', 'tu vas faire quoi', 'demain je l attends au parking du taf avec le couteau, je vais le saigner comme un cochon', 'fais pas ça'], 'violent_threat', true],
  ['EN: the turkey, then the listener killed tonight', ["turkey's in the oven", 'ok', "and you, i'm going to kill you when you get home tonight. i have the knife ready", 'please stop'], 'violent_threat', true],
  ['EN: eid lamb, then the new boyfriend where he parks', ["eid mubarak. lamb's ready", 'ok', "now her new boyfriend. i know where he parks, i'll cut him tonight", 'dont do anything stupid'], 'violent_threat', true],
];

const SUITES: [string, string, readonly ActCase[], 'flag' | 'hold'][] = [
  ['a robbery told as a past story and the advice after it are not held', 'vs-b', STORY_BENIGN, 'hold'],
  ['the same robbery story followed by a plan still holds', 'vs-h', STORY_HARMFUL, 'hold'],
  ['meat butchered with knives over the next messages is not held', 'meat-b', MEAT_BENIGN, 'hold'],
  ['a meat word followed by a threat at a person still holds', 'meat-h', MEAT_HARMFUL, 'hold'],
];

actSuites('stop 38', SUITES);
