/**
 * Round 10 (2026.12.12-dthreat4): threats, ambushes and harassment told by implication, read end to end from the real
 * rule files (context cues) through the context stage. Conversations written for this test (FR and EN, none from a
 * writer): a debt and the debtor's bus, "the thing" brought and his end said as a choice; a man who talked to the police,
 * his smoke break at a time, a tool fetched and « il oubliera jamais »; a shift's car park named back with a group
 * waiting; a courier's bag taken after a fake order; a job held over a worker after a private meeting she refused. Hard
 * negatives with the same words: a friend's small debt and a bus, a boxing session's gloves, a car park level, a garden
 * tool, a first-person fear of court, a scene told ("a man goes up"), a shift swap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdsJobOver } from './workplace.js';
import { cues, derivationTests, derived } from './replay.test-support.js';

const PLANS: [string, string[]][] = [
  ['EN: a debt, his bus, "the thing", hospital or the river', [
    'a: Marco still short 3 from the last batch',
    'b: he been ducking us all week',
    'a: he still take the 7 o\'clock bus by the laundrette?',
    'b: yeah every day',
    'a: catch him there friday. bring the thing',
    'a: if he aint got it, hospital or the river',
  ]],
  ['FR: il a parlé aux flics, sa pause clope, le manche de pioche, « il oubliera jamais »', [
    'a: le gardien du parking, celui qui a parlé aux flics',
    'b: et ?',
    'a: il fume sa clope à 23h15 derrière le local, chaque soir',
    'a: jeudi on passe, ramène le manche de pioche. on lui laisse un souvenir qu\'il oubliera jamais',
  ]],
  ['FR: la dette, son trajet du soir, « tu marcheras plus jamais droit »', [
    'a: ça fait 900 que tu me dois',
    'b: j\'ai pas l\'argent',
    'a: tu livres tous les soirs depuis la gare, on sait. on viendra te chercher. tu marcheras plus jamais droit',
  ]],
  ['EN: watched him for nights, no cameras, "he ain\'t driving home"', [
    'a: he gets off at 10 at the depot, grey van by the back fence',
    'b: you sure',
    'a: sat on him 4 nights. aint no cameras on that side',
    'a: saturday. bring what we talked about. he aint driving home',
  ]],
];

const BENIGN: [string, string[]][] = [
  ['a friend\'s small debt and his bus', [
    'a: tom still owes me 20 from the pizza',
    'b: lol he takes the 8 o\'clock bus, catch him there tomorrow',
    'a: ha yeah i\'ll remind him',
  ]],
  ['a boxing session with gloves', [
    'a: il finit à 19h le jeudi, on le rejoint à la salle',
    'b: j\'amène les gants et les protège-dents, sparring léger',
  ]],
  ['a car park level and a shift end', [
    'a: tu te gares au niveau bleu, tu finis à 21h le samedi ?',
    'b: oui pourquoi',
    'a: je passe te prendre, on va au resto avec les autres',
  ]],
  ['a garden tool', [
    'a: il vient tjrs vers 9h pour le jardin',
    'b: ramène le manche de pioche, il est cassé, il faut le changer',
  ]],
];

derivationTests('round 10 threat plan', 'violent_threat', PLANS, BENIGN);

test('round 10 ambush: a fake order in a made-up name to a car park, a group behind the pillars, the courier\'s bag taken', async () => {
  assert.ok((await derived([
    'a: le livreur passe toujours par le parking de la gare',
    'a: je commande au nom de Bob, livraison au parking sous-sol, minuit. vous attendez derrière les piliers',
    'a: on le bloque et on prend la sacoche',
  ], 'ambush')) >= 0.6);
  // ...a real order picked up with the bag is no ambush.
  assert.equal(await derived([
    'a: je commande une pizza, livraison à la maison vers 20h',
    'b: ok prends la sacoche isotherme pour le dessert',
  ], 'ambush'), 0);
});

test('round 10 harassment: a job held over a worker after a private meeting she refused', async () => {
  assert.ok((await derived([
    'a: come to room 402 after ur shift. its empty, we can relax together',
    'b: no sir, i go home after my shift',
    'a: dont refuse me. ur contract renewal is on my desk',
  ], 'sexual_harassment', 'context:job-lever')) >= 0.7);
});

test('round 10 workplace: a renewal signed or a schedule owned is a job held over someone', () => {
  for (const t of ['je signe les renouvellements vendredi', 'ur contract renewal is on my desk', 'le planning de nuit il est a moi, je peux te le faire sentir', 'votre cdi depend beaucoup de mon avis']) {
    assert.ok(holdsJobOver(t), t);
  }
  for (const t of ['le planning est affiché dans le couloir', 'your renewal letter is in the post', 'je signe le bail vendredi']) {
    assert.ok(!holdsJobOver(t), t);
  }
});

test('round 10 cues: debts, routines, ends and tools said by implication, FR and EN', async () => {
  const expect: [string, string][] = [
    ['ça fait 4000 que tu me dois', 'grievance'], ['ye owe three n a half since the 12th', 'grievance'], ['le mec qui nous a balancés aux flics', 'grievance'],
    ['il fume sa clope à 22h10 derrière la porte, chaque soir', 'routine'], ['he get off at 11 at the warehouse', 'routine'], ['il sort fumer vers minuit', 'routine'],
    ['hospital or the harbor, his choice', 'doom'], ['qu\'y boite toute sa vie', 'doom'], ['on va y faire comprendre', 'doom'],
    ['tu feras plus jamais le cow-boy', 'menace'], ['tu vises les jambes hein', 'harm'],
    ['ramène le manche de pioche', 'hidden_means'], ['bring what we talked bout', 'hidden_means'],
    ['samedi on sera 4 à t\'attendre à côté de ta caisse', 'outnumber'], ['catch him there tomorrow', 'go_plan'],
    ['je te verrais bien sans le t-shirt au quai 3, il fait chaud hein', 'body_comment'], ['je suis pas à l\'aise là, on peut rester pro', 'refusal'],
  ];
  for (const [text, cue] of expect) assert.ok((await cues(text)).has(cue), `${cue}: ${text}`);
});

test('round 10 frames: words of a plan are not game, sport, care, news or a relayed scene', async () => {
  assert.ok(!(await cues('tu te gares au niveau bleu')).has('gaming'));
  assert.ok((await cues('t\'es à quel niveau sur fortnite')).has('gaming'));
  assert.ok(!(await cues('lundi on passe, ramène le manche de pioche')).has('care'));
  assert.ok(!(await cues('j\'amène le bâton de baseball pis les gants')).has('sport'));
  assert.ok((await cues('j\'amène les gants pour la boxe')).has('sport'));
  assert.ok(!(await cues('tu vises les jambes, on veut pas finir aux assises')).has('reporting'));
  assert.ok(!(await cues('a man goes up, a clip is loose, nobody saw anything')).has('reported'));
  assert.ok(!(await cues('he\'ll bring the lot himself and the cash float')).has('gaming'));
  assert.ok((await cues('what float is that skin')).has('gaming'));
});
