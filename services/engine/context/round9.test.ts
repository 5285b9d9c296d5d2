/**
 * Round 9 (2026.12.11-t, dthreat3): threats said as plans and drugging said by its dose, read end to end from the real
 * rule files (context cues) through the context stage. Conversations written for this test (FR and EN, none from a
 * writer): a grievance said as a sanction or a testimony, the target's way home at a clock time (« à 23h30 »), a weapon
 * taken to the wait, his end said as a consequence ("he won't be testifying again", « en chaise roulante »), cameras cut,
 * a witness told to withdraw her complaint beside her child's school, a father coming back "with my cousins"; hard
 * negatives with the same words (a trial in the news, a gran in a wheelchair, a gym ban, a surprise party with the
 * cameras off, a calm visit with the brothers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Category } from '../../contracts/taxonomy.js';
import { derivedMax, textCues as cues } from './replay.test-support.js';

const derived = (lines: string[], cat: Category, source?: string): Promise<number> => derivedMax(lines, cat, source);

const PLANS: [string, string[]][] = [
  ['EN: he testified, his way home, a bat, "he won\'t be testifying again"', [
    'a: the guy from the chippy testified against my brother',
    'b: yeah i heard',
    'a: he locks up at 11 and walks home through the park',
    'a: me and dean with the bat. he won\'t be testifying again',
  ]],
  ['FR: elle m\'a banni, elle ferme à 23h30, j\'attends avec la barre', [
    'a: la gérante du bar m\'a banni',
    'b: et alors',
    'a: elle ferme à 23h30 et rentre à pied par le parc',
    'a: je l\'attends avec la barre. elle bannira plus personne',
  ]],
  ['EN: got me sacked, his car on level 2, the cameras cut, a wheelchair', [
    'a: the manager who got me sacked, his car is parked on level 2',
    'b: so',
    'a: friday at 6 kill the cameras on level 2. he\'s leaving in a wheelchair',
  ]],
  ['FR: retire ta plainte, beside her son\'s school and its time', [
    'a: ton fils est toujours au college Jean Moulin ?',
    'b: pourquoi',
    'a: retire ta plainte. la sortie est a 17h',
  ]],
  ['EN: you kicked my son off the team, I know where you live, back with my cousins', [
    'a: you kicked my son off the team',
    'b: he was abusive to the ref',
    'a: i know where you live. saturday i\'ll come back with my cousins',
  ]],
];

const BENIGN: [string, string[]][] = [
  ['a trial in the news', ['a: the witness testified against him in court, he got 8 years', 'b: good. the trial was on the news at 6']],
  ['a gran in a wheelchair', ['a: my gran is in a wheelchair since friday', 'b: send her my love, visiting at 3?']],
  ['a gym ban', [
    'a: the gym banned me lol for dropping weights', 'b: haha',
    'a: it\'s over for you at that gym', 'b: i\'ll come back with my mates at 6 tomorrow to train elsewhere',
  ]],
  ['a surprise party with the cameras off', ['a: turn off the cameras at 9 tonight for the surprise, he walks in at 9:30', 'b: ok i\'ll be waiting with the cake']],
  ['a server ban', ['a: the mods banned me from the server', 'b: lol what did you say', 'a: nothing. whatever, they close the server at 11 anyway']],
  ['a father visiting the coach with his brothers', [
    'a: vous avez exclu mon fils de l\'équipe, je ne comprends pas', 'b: il a manqué 5 entraînements',
    'a: je passe vous voir samedi à 10h avec mes frères pour en parler calmement',
  ]],
];

for (const [name, lines] of PLANS) {
  test(`round 9 threat plan: ${name}`, async () => {
    assert.ok((await derived(lines, 'violent_threat')) >= 0.6, name);
  });
}

for (const [name, lines] of BENIGN) {
  test(`round 9 threat plan: not on ${name}`, async () => {
    assert.equal(await derived(lines, 'violent_threat'), 0, name);
  });
}

test('round 9 covert-plan: with no time said, a grievance, a weapon fetched, his place and his end said', async () => {
  assert.ok((await derived([
    'a: le voisin qui a frappé mon frere, il habite au bloc B',
    'b: serieux',
    'a: j\'ai récupéré le schlass. il parlera plus jamais',
  ], 'violent_threat', 'context:covert-plan')) >= 0.6);
  // ...but a grievance and his place with no means and no end said stay quiet.
  assert.equal(await derived([
    'a: le voisin qui a frappé mon frere, il habite au bloc B',
    'b: serieux, faut porter plainte',
  ], 'violent_threat', 'context:covert-plan'), 0);
});

test('round 9 alarm: the others take fright at an end said as a fact (« y aura moins d\'élèves »)', async () => {
  assert.ok((await derived([
    'a: l\'année prochaine y aura moins d\'élèves dans la classe. ibrahim t\'es le premier',
    'b: wsh t\'es malade',
  ], 'violent_threat', 'context:alarm-raised')) >= 0.6);
});

test('round 9 cues: threats said by their logistics, FR and EN', async () => {
  const expect: [string, string][] = [
    ['coupe les caméras du parking à 4h50', 'op_cover'], ['kill the cameras on level 2', 'op_cover'],
    ['retire ta plainte', 'menace'], ['drop the charges', 'menace'], ['she\'ll learn to keep quiet', 'menace'],
    ['ton fils est toujours au college Jean Moulin ?', 'whereabouts'], ['your daughter still at st marys?', 'whereabouts'],
    ['samedi je viens avec mes cousins', 'outnumber'], ['i\'ll come back with my cousins', 'outnumber'],
    ['i\'m going to be waiting with the pipe', 'waiting'], ['i\'m going to be waiting with the pipe', 'hidden_means'],
    ['son char est au P2', 'their_place'], ['his car is parked on level 2', 'their_place'],
    ['il va prendre son avion en chaise roulante', 'doom'], ['she won\'t be banning anyone after', 'doom'],
    ['le patron il a témoigné contre Bilal', 'grievance'], ['the one who got me written up', 'grievance'],
  ];
  for (const [text, cue] of expect) assert.ok((await cues(text)).has(cue), `${cue}: ${text}`);
  // Hard negatives: a party's cameras are not named, a moderator's rule stays one, a gran's wheelchair is no end.
  assert.ok(!(await cues('my gran is in a wheelchair')).has('doom'));
  assert.ok(!(await cues('la caméra de la fête est chargée')).has('op_cover'));
});

test('round 9 cues: a clock time in one token is a time, and a third person leaving at it a routine', async () => {
  const c = await cues('elle ferme à 23h30 et rentre à pied');
  assert.ok(c.has('when') && c.has('routine'));
  assert.ok(!(await cues('on mange à midi')).has('routine'));
});

test('round 9 cues: "banned me" is a grievance, not a moderator\'s rule', async () => {
  const c = await cues('that nurse at the site banned me');
  assert.ok(c.has('grievance') && !c.has('moderation'));
  assert.ok((await cues('spamming links will be banned')).has('moderation'));
});

test('round 9 cues: « ce qu\'il a dit sur mon cousin » is a grievance, not reported speech', async () => {
  const c = await cues('il sait pourquoi, ce qu\'il a dit sur mon cousin');
  assert.ok(c.has('grievance') && !c.has('reported'));
});

test('round 9 drugging: a dose into the girls\' shots and "they won\'t remember" (plural), FR', async () => {
  assert.ok((await derived([
    'a: jeudi j\'ai la bouteille',
    'a: un bouchon dans les shooters des filles, elles se souviendront de rien',
  ], 'drug_facilitated_assault')) >= 0.6);
});

test('round 9 drugging: poured "inside" her drink and "she\'ll think it was the alcohol", EN', async () => {
  assert.ok((await derived([
    'a: she is coming to the lounge tonight',
    'a: pour it inside her cocktail when i go toilet. she go think na alcohol',
  ], 'drug_facilitated_assault')) >= 0.6);
});

test('round 9 drugging: not on a cocktail recipe with a dose of syrup in the shots', async () => {
  assert.equal(await derived([
    'a: pour la soirée un bouchon de sirop dans les shooters, avec du citron',
    'b: et du sucre sur le bord, elles vont adorer',
  ], 'drug_facilitated_assault'), 0);
});
