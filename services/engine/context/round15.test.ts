/**
 * Round 15 (fourteenth writers' round): threats and ambushes told as plans with no threat word, and pursuit of a woman who
 * refused, read end to end from the real rule files (context cues) through the context stage. Conversations written for
 * this test (FR and EN, none from a writer): a target's rounds and a bat brought, "he won't be teaching for months", a
 * lookout at the gate; a silencing threat (« si elle ouvre sa bouche … au fond du lac »); a set-up waited in a car with the
 * lights off and a sum to bring; « elle m'a recalé 3 fois » then « elle finira par céder » or a drugging plan. Hard
 * negatives with the same words: a teacher off after surgery, a lift at 8 with luggage, cricket kit at the gate, a friend who
 * drops it, a woman telling how she said no, consent education, a court report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Category } from '../../contracts/taxonomy.js';
import { derivedMax, textCues as cues } from './replay.test-support.js';

const derived = (lines: string[], cat: Category, source?: string, direct?: boolean): Promise<number> => derivedMax(lines, cat, source, direct);

const THREATS: [string, string[]][] = [
  ['EN: his rounds at 8, no cameras, a brother\'s bat, a lookout, "won\'t be teaching for months"', [
    'a: that PE teacher got me suspended again',
    'b: what a prick',
    'a: he does his rounds at 8 every friday, parks out the back where there\'s no cameras',
    'a: friday we wait by the fence. you bring your brother\'s bat, sam you keep watch at the gate',
    'b: he won\'t be teaching for months after that',
  ]],
  ['FR: sa tournée à 23h toute seule, la batte, « elle va comprendre »', [
    'a: la cheffe d\'équipe m\'a virée sans raison',
    'a: elle fait sa tournée à 23h derrière les bungalows, toute seule',
    'a: je l\'attends là-bas avec la batte de mon frère. elle va comprendre',
  ]],
  ['EN: a fake order to a car park at 11pm, waiting with the pipes, "by the time we\'re done with him"', [
    'a: the guy from the chippy keeps undercutting our prices',
    'b: msg him pretending to be a big order, tell him the car park behind the leisure centre, 11pm',
    'b: we\'ll be waiting with the pipes. by the time we\'re done with him he won\'t be opening any shop for months',
  ]],
  ['FR: silencing, « si elle ouvre sa bouche … dans le canal », where she works', [
    'a: la stagiaire a tout vu',
    'b: et si elle parle ?',
    'a: elle parlera pas. je sais où elle bosse et quand elle finit. si elle ouvre sa bouche elle finit dans le canal',
  ]],
  ['EN: silencing, "if he opens his mouth he ends up in the river", where he works', [
    'a: the new lad saw everything',
    'b: what if he talks',
    'a: he won\'t. i know where he works and when he leaves. if he opens his mouth he ends up in the river',
  ]],
];

/** Rows with the source read: a bat "brought" with a time is already weapon-intent's (review level) before round 15. */
const NOT_THREATS: [string, string[], string?][] = [
  ['a grandad off teaching after surgery', [
    'a: my grandad was a teacher, he won\'t be teaching for a while after his hip surgery',
    'a: he does his rounds at the allotment every friday at 8 though',
  ]],
  ['cricket kit and someone at the gate', [
    'a: bring your bat and gloves friday, we wait by the pavilion for the minibus at 9',
    'b: someone keep watch on the kit at the gate',
  ], 'context:covert-plan'],
  ['a colleague who may get fired for talking', [
    'a: si il ouvre sa bouche en réunion il finit viré',
    'b: je sais où il bosse, on est collègues',
  ]],
];

// Told in a group chat (where naming someone's workplace to a friend is no surveillance of the reader).
for (const [name, lines] of THREATS) {
  test(`round 15 threat plan: ${name}`, async () => {
    assert.ok((await derived(lines, 'violent_threat', 'context:', false)) >= 0.6, name);
  });
}
for (const [name, lines, source] of NOT_THREATS) {
  test(`round 15 threat plan: not on ${name}`, async () => {
    assert.equal(await derived(lines, 'violent_threat', source), 0, name);
  });
}

test('round 15 ambush: waited for in a car with the lights off, a sum to bring, the target made to get out', async () => {
  assert.ok((await derived([
    'a: le mec de l\'appli il veut me voir ce soir',
    'b: dis lui parking du stade, 23h, qu\'il ramène 300 euros pour le resto',
    'b: nous on sera dans la clio phares éteints, tu le fais descendre et on prend portefeuille et tel',
  ], 'ambush', 'context:lure-to-meeting', false)) >= 0.6);
  assert.ok((await derived([
    'a: the old guy from the forum keeps messaging me',
    'b: say yes for tonight. tell him the lay-by behind the woods at 10, tell him to bring 200 quid',
    'b: we wait by the van with the lights off. you get him out of the car',
  ], 'ambush', 'context:lure-to-meeting', false)) >= 0.6);
});

test('round 15 ambush: not on a lift at 8 with the luggage and money for petrol', async () => {
  assert.equal(await derived([
    'a: on sera dans la voiture à 8h devant chez toi, tu le fais descendre avec ses valises',
    'a: qu\'il ramène 20 euros pour l\'essence',
  ], 'ambush', 'context:lure-to-meeting', false), 0);
});

const PURSUITS: [string, string[]][] = [
  ['FR: recalé 2 fois, « lâche l\'affaire », « je lui écris tous les soirs, elle finira par céder »', [
    'a: la fille de la boulangerie elle m\'a recalé 2 fois', 'b: lâche l\'affaire', 'a: jamais, je lui écris tous les soirs, elle finira par céder',
  ]],
  ['EN: said no twice, "leave it mate", "she\'ll give in eventually"', [
    'a: that girl from the gym has said no twice already', 'b: leave it mate', 'a: nah she\'ll give in eventually, i text her every night',
  ]],
  ['FR: « elle m\'a encore dit non » then something in her glass so she cannot say no', [
    'a: elle m\'a encore dit non la collègue', 'a: vendredi au pot je lui mets un truc dans son verre, elle pourra pas dire non',
  ]],
  ['EN: turned down 3 times, then something in her drink', [
    'a: she turned me down 3 times at the bar', 'a: saturday i\'m putting something in her drink, she won\'t say no this time',
  ]],
];
const NOT_PURSUITS: [string, string[]][] = [
  ['a friend told to drop it who drops it', [
    'a: la fille de la boulangerie elle m\'a recalé 2 fois', 'b: lâche l\'affaire frère, elle a dit non c\'est non', 'a: ouais t\'as raison je vais lui foutre la paix',
  ]],
  ['dating advice', [
    'a: that girl from the gym has said no twice already, should i try again?', 'b: no mate. she said no, respect it and move on', 'a: yeah fair, i\'ll leave it',
  ]],
  ['consent education', [
    'a: atelier consentement: si elle a dit non 3 fois, c\'est non. si elle a bu et qu\'elle pourra pas dire non, c\'est un viol',
    'b: et si on met un truc dans son verre c\'est un crime',
  ]],
  ['a court report', [
    'a: Court: a man whose colleague had turned him down three times put a sedative in her drink at a party. She said she could not remember the night. He was jailed for 6 years.',
  ]],
];
for (const [name, lines] of PURSUITS) {
  test(`round 15 pursuit after a refusal: ${name}`, async () => {
    assert.ok((await derived(lines, 'sexual_harassment', 'context:pursuit-after-refusal')) >= 0.6, name);
  });
}
for (const [name, lines] of NOT_PURSUITS) {
  test(`round 15 pursuit after a refusal: not on ${name}`, async () => {
    assert.equal(await derived(lines, 'sexual_harassment', 'context:pursuit-after-refusal'), 0, name);
  });
}

test('round 15 pursuit: a drugging whose only motive is that she "plays hard to get" is not read as harassment', async () => {
  assert.equal(await derived([
    'a: she\'s been playing hard to get all year', 'a: i\'ll put a few drops in her drink, she won\'t remember a thing',
  ], 'sexual_harassment', 'context:pursuit-after-refusal'), 0);
});

test('round 15 cues: a campsite is not a game, an English clock time is a time', async () => {
  assert.ok(!(await cues('le vieux allemand du camping il veut me voir')).has('gaming'));
  assert.ok(!(await cues('on se retrouve au camping car')).has('gaming'));
  assert.ok((await cues('tell him the multistorey, level 4, 10pm')).has('when'));
  assert.ok((await cues('see you at 7.30am')).has('when'));
});
