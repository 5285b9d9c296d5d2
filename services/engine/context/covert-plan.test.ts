/**
 * covert-plan (2026.12.10-1): a planned attack told only through its logistics, read end to end from the real rule
 * files (context cues) through the context stage. Written for this test, FR and EN; hard negatives with the same
 * logistics (a surprise party, moving house, paintball, a heist film, a football trip).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replay } from './replay.test-support.js';

/** The highest covert-plan score over the conversation (0 when it never fires). Lines are "sender: text", a group chat. */
async function covert(lines: string[]): Promise<number> {
  let best = 0;
  await replay(lines, (out) => {
    if (out.reasons.some((r) => r.includes('planned attack told through its logistics'))) best = Math.max(best, out.categories.violent_threat?.score ?? 0);
  });
  return best;
}

const PLANS: [string, string[]][] = [
  ['EN: a grievance, his routine, a driver, masks, the thing fetched', [
    'a: that guy who robbed my cousin, he works at the car wash on high st',
    'b: which one',
    'a: he finishes at 6 every saturday, goes out the back for a smoke',
    'b: saturday then. you drive, masks on, keep it running',
    'a: i grab the thing from my brother friday. he ain\'t walking home saturday',
  ]],
  ['FR: une dette, sa routine, les plaques, l\'affaire', [
    'a: le grand de la gare il doit toujours 500',
    'b: il est ou en ce moment',
    'a: il sort du taf a 18h le vendredi, il prend le bus devant la poste',
    'b: vendredi on prend la voiture de mon cousin, on change les plaques. toi tu conduis',
    'a: je ramene l\'affaire. pas de tel sur nous, il va comprendre',
  ]],
  ['no cover: a relative\'s gun, a school break, "they\'ll regret it"', [
    'a: they\'re gonna regret it, all of them',
    'b: what happened',
    'a: my dad\'s shotgun is in the garage. it\'s coming tomorrow in my bag',
    'a: second break, they always sit on the benches by the canteen',
  ]],
];

const BENIGN: [string, string[]][] = [
  ['a surprise party: her routine, a driver, nobody post', [
    'a: she finishes at 6 every friday, we get her outside the cafe',
    'b: i drive, you bring the cake. nobody post anything on your story!!',
    'a: friday at 6 then, keep it running, masks and confetti lol',
  ]],
  ['moving house: gloves, a van, his schedule', [
    'a: my brother finishes at 5 on saturday, he helps after',
    'b: you drive the van, bring gloves, the boxes are heavy',
    'a: saturday 5:30 then. nobody post pics of my messy flat',
  ]],
  ['paintball: masks, gloves, the other team', [
    'a: paintball saturday at 10, the field by the ring road',
    'b: masks and gloves are included? we destroy the other team',
    'a: yeah. they be at the field every saturday at 10, bring hoodies',
  ]],
  ['a heist film: masks, plates, a driver', [
    'a: watched heat again last night, the bank scene is insane',
    'b: masks on, swap plates, the driver keeps it running, classic',
    'a: friday at 9 we watch ronin, same vibe',
  ]],
  ['a football trip: no phones at the ground, the away end', [
    'a: saturday we drive to lyon, match a 21h',
    'b: les capuches et les gants pour le froid, pas de tel pendant le match on profite',
    'a: ils jouent a domicile le samedi, on sera dans le parcage',
  ]],
];

for (const [name, lines] of PLANS) {
  test(`covert-plan: ${name}`, async () => {
    assert.ok((await covert(lines)) >= 0.6, name);
  });
}

test('covert-plan: a grievance and a weapon named or his end said is hold level', async () => {
  assert.equal(await covert(PLANS[0]![1]), 0.72);
  assert.equal(await covert(PLANS[1]![1]), 0.72);
});

for (const [name, lines] of BENIGN) {
  test(`covert-plan: not on ${name}`, async () => {
    assert.equal(await covert(lines), 0, name);
  });
}

test('covert-plan: a quoted threat and weapon with a time (staff reviewing screenshots) is not a plan', async () => {
  assert.equal(await covert([
    'a: got the screenshots. one boy wrote "wait for break tomorrow, you\'ll all regret it"',
    'b: context?',
    'a: he mentions his uncle\'s gun. parents called, police informed',
    'b: let\'s brief the form teachers tomorrow at 7.30',
  ]), 0);
});
