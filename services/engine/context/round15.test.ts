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

/**
 * Review of rules15a: the same cues in everyday talk. Each row raised the verdict on round 15 (the review's probes fd03, fb20,
 * fd04, fb04, fc03, fa15, fb18, fa01, fd01, fd02, fb02, fc01, fa09, fb06, fc06, fc09, fc10, fc11, fd10, fb12, fa10,
 * fa16, fb11).
 */
const NOT_PLANS: [string, string[], Category, string][] = [
  ['fd03 a carpool with petrol money', [
    'a: covoit demain pour le tournoi, on part à 7h', 'b: ok on l\'attend dans la voiture devant chez lui, tu le fais descendre vite',
    'a: qu\'il ramène 15 euros pour l\'essence et le péage', 'b: nous on sera dans la polo grise',
  ], 'violent_threat', 'context:violence-plan'],
  ['fb20 a pick-up at the station', [
    'a: ce soir je récupère Léa à la gare à 22h', 'b: on l\'attend dans la voiture devant l\'entrée ?',
    'a: oui, tu la fais descendre du train vite, il fait froid. qu\'elle ramène 20 euros pour le parking',
  ], 'ambush', 'context:lure-to-meeting'],
  ['fd04 an EN carpool to the match', [
    'a: carpool to the match tomorrow 7am', 'b: we wait by the station, tell him to bring 20 quid for petrol',
    'b: you get him out of the car at the ground, we park up after',
  ], 'ambush', 'context:lure-to-meeting'],
  ['fb04 a leaving present', [
    'a: la boss a refusé ma demande de télétravail', 'b: elle va comprendre quand tu poseras ta dem',
    'a: on l\'attend dans la voiture ce soir pour lui offrir son cadeau de départ, à 18h', 'b: nous on sera dans la golf, tu le fais descendre et surprise',
  ], 'ambush', 'context:lure-to-meeting'],
  ['fc03 a birthday « kidnapping » to the restaurant', [
    'a: ce soir 22h on l\'attend en bas, tu le fais descendre, c\'est son anniv', 'b: ok nous on sera dans la voiture, on le kidnappe pour le resto surprise mdr',
  ], 'ambush', 'context:lure-to-meeting'],
  ['fa01 lights off for a birthday surprise', [
    'jess: can someone pick up Mia from the cinema at 10pm?', 'tom: yeah I\'ll go, we wait by the car park entrance',
    'jess: thanks, she finishes at 10pm, bring her a jacket it\'s cold', 'tom: no worries, lights off in the car so she doesn\'t see us and we surprise her for her birthday',
  ], 'violent_threat', 'context:covert-plan'],
  ['fd01 friends watching over an app date', [
    'a: le mec de l\'appli il veut me voir ce soir, j\'ai un peu peur', 'b: dis lui le bar du port à 21h, endroit public',
    'b: nous on sera dans la clio juste en face, phares éteints, si il est chelou tu nous fais signe', 'a: merci les filles ❤️',
  ], 'violent_threat', 'context:'],
  ['fd02 friends watching over a first date', [
    'a: first date with the guy from hinge tonight, kinda nervous', 'b: tell him the pub on main st at 8pm, public place',
    'b: we\'ll wait by the car park with the lights off, if he\'s weird text us and we come get you', 'a: love u guys',
  ], 'violent_threat', 'context:'],
  ['fb02 a teacher off after his op', [
    'a: the PE teacher got me a detention again lol', 'b: what a legend', 'a: he does his rounds at 8 every friday, then cricket',
    'a: friday bring your bat, sam you keep watch at the gate for the minibus', 'b: he won\'t be teaching for months after his op, supply teacher next term',
  ], 'violent_threat', 'context:covert-plan'],
  ['fc01 camping in a game', [
    'a: le mec fait du camping dans la tour depuis 10 min', 'b: je vais le défoncer ce campeur, je sais où il est', 'a: je monte avec le fusil à pompe, on le bute',
  ], 'violent_threat', 'context:'],
  ['fa09 a friend who moved on', [
    'mike: so I asked Lena out last week', 'pete: and?', 'mike: she turned me down, said she\'s seeing someone', 'pete: oof, leave it mate',
    'mike: yeah already moved on, I\'m not giving up on her friendship though, she\'s cool',
  ], 'sexual_harassment', 'context:pursuit-after-refusal'],
  ['fb06 a sister-in-law asked to mind the children', [
    'a: ma belle-soeur elle m\'a dit non pour garder les enfants', 'b: laisse tomber', 'a: non je lui écris tous les jours jusqu\'à ce qu\'elle accepte mdr elle finira par céder',
  ], 'sexual_harassment', 'context:pursuit-after-refusal'],
  ['fc06 a partner of five years', [
    'a: my gf said no to moving in, she turned me down again lol', 'b: give it time', 'a: yeah she\'ll say yes eventually, we\'ve been together 5 years',
  ], 'sexual_harassment', 'context:pursuit-after-refusal'],
  ['fc09 a dress', [
    'a: she said no again to the dress I picked lol', 'b: let it go', 'a: no way, she\'ll cave eventually, it\'s perfect for the wedding',
  ], 'sexual_harassment', 'context:pursuit-after-refusal'],
  ['fc10 a coach and the team', [
    'a: la coach elle m\'a dit non 3 fois pour entrer dans l\'équipe', 'b: lâche l\'affaire', 'a: jamais je vais la harceler de mails jusqu\'à ce qu\'elle accepte mdr, je lui écris tous les jours',
  ], 'sexual_harassment', 'context:pursuit-after-refusal'],
  ['fc11 a job', [
    'a: the bar manager turned me down for the job twice, she said no again today', 'b: move on', 'a: i won\'t give up on her, i email her every day, she\'ll say yes eventually',
  ], 'sexual_harassment', 'context:pursuit-after-refusal'],
  ['fd10 best mates', ['a: she turned me down lol', 'b: ha', 'a: i text her every day anyway, we\'re best mates'], 'sexual_harassment', 'context:pursuit-after-refusal'],
  ['fb12 a sleeping pill he takes himself', [
    'a: elle m\'a dit non au final pour le resto', 'b: laisse tomber', 'a: ouais. je vais prendre un somnifère ce soir et dormir, elle dormira aussi tranquille de son côté',
  ], 'sexual_harassment', 'context:pursuit-after-refusal'],
];
for (const [name, lines, cat, source] of NOT_PLANS) {
  test(`round 15 review: not on ${name}`, async () => {
    assert.equal(await derived(lines, cat, source, false), 0, name);
  });
}

test('round 15 review: an elderly neighbour taken to the chemist stays at the base level (fd07: 0.62, 0.75 on round 15)', async () => {
  assert.ok((await derived([
    'a: la voisine âgée fait sa promenade toute seule à 18h, on s\'inquiète',
    'b: on l\'attend en bas, tu la fais descendre et on l\'accompagne à la pharmacie',
  ], 'violent_threat', 'context:violence-plan', false)) < 0.7);
});

test('round 15 review: the wordings the review found let through are read', async () => {
  assert.ok((await derived([
    'a: la fille de la boulangerie m\'a mis un vent deux fois', 'b: oublie frère', 'a: nan je vais insister, je passe devant chez elle tous les soirs, à force elle dira oui',
  ], 'sexual_harassment', 'context:pursuit-after-refusal')) >= 0.6);
  assert.ok((await derived([
    'a: she\'s rejected me like 4 times', 'b: mate just leave it', 'a: not happening. i\'ll keep at her till she says yes',
  ], 'sexual_harassment', 'context:pursuit-after-refusal')) >= 0.6);
  assert.ok((await cues('one word from him and he\'s floating in the canal')).has('menace'));
  assert.ok((await cues('si elle balance quoi que ce soit on la retrouve au fond du canal')).has('menace'));
  assert.ok((await cues('elle va comprendre')).has('doom'));
  assert.ok(!(await cues('elle va comprendre avec un schéma')).has('doom'));
  assert.ok(!(await cues('he won\'t be home for a while, he\'s in australia')).has('doom'));
  assert.ok((await cues('le mec fait du camping dans la tour')).has('gaming'));
});

test('round 15: the persistence wordings are read with and without apostrophes', async () => {
  assert.ok((await cues("je vais l'avoir à l'usure")).has('persist'));
  assert.ok((await cues('jvais l avoir a l usure')).has('persist'));
  assert.ok((await cues("je vais lui écrire jusqu'à ce qu'elle dise oui")).has('persist'));
  assert.ok((await derived([
    'a: la meuf du 3e elle m\'a recalé 3 fois', 'b: laisse tomber', 'a: jamais, je vais l\'avoir à l\'usure',
  ], 'sexual_harassment', 'context:pursuit-after-refusal')) >= 0.6);
});
