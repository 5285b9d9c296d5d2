/**
 * Round 7 context readers: a school year said in a short reply to a class question, keeping something from the
 * addressee's parents, sextortion by its structure, a job held over someone. Positives and hard negatives, FR and EN.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bareGradeAnswer, gradeAge } from './age.js';
import { fold } from './fold.js';
import { addressesRole, hidesFromParents } from './parents.js';
import { holdsImages, threatensToSpread } from './sextortion.js';
import { holdsJobOver } from './workplace.js';

const check = (name: string, fn: (s: string) => boolean, yes: string[], no: string[]): void => {
  test(`round 7: ${name}`, () => {
    for (const t of yes) assert.ok(fn(fold(t)), `should match: ${t}`);
    for (const t of no) assert.ok(!fn(fold(t)), `should not match: ${t}`);
  });
};

test('round 7: a school year anywhere in a short reply to a class question', () => {
  for (const [t, g] of [['5th lol', '5th'], ['northside girls, grade 8', 'grade 8'], ['1st year in st mary\'s', '1st year'], ['year 9, school up the road haha', 'year 9'], ['oui la 8e', '8e'], ['en 4e', '4e']] as const) {
    assert.equal(bareGradeAnswer(fold(t)), g, t);
  }
  for (const t of ['i finished work at 5 and then went to the gym with my mates for a long session tonight lol', 'ok', 'on se voit demain']) assert.equal(bareGradeAnswer(fold(t)), null, t);
  assert.equal(gradeAge('5th'), 10);
  assert.equal(gradeAge('1st year'), 12);
  assert.equal(gradeAge('8e'), 13);
});

check('keeping it from the addressee\'s parents', hidesFromParents,
  ['maybe dont tell ur mam either', 'so ur mama wont see', 'ne montre pas nos messages a ta maman', 'tu dis a ta mere que t\'es chez un copain', 'your parents dont need to know', 'inutile de meler tes parents'],
  ['tell your mum i said hi', 'dis a ta mere que je l\'embrasse', 'my mum doesnt know yet', 'ta mere a appele ce matin', 'dont tell me you forgot again']);

check('the target\'s images held', holdsImages,
  ['i still got those pics you sent in march', 'u sent me them videos last summer', 'recognise these?', 'tu te souviens de la video de l\'ete dernier', 'les photos que tu m\'as envoyees'],
  ['did you get the pics i sent?', 'the video was great', 'send me the wedding photos', 'j\'ai vu ta video sur insta']);

check('the target\'s people named with a condition', threatensToSpread,
  ['300 by friday or they go to ur uni group chat', 'your mama on facebook right? and your boss, i\'d hate to tag em', 'then ur sister gets them first', 'avant dimanche ou elle part a ta soeur', 'sinon ton mari les recoit'],
  ['can you send them to ur mum by friday', 'ta soeur arrive avant dimanche', 'your boss called, call him back', 'or we could go to the cinema with ur sister']);

check('a job held over someone', holdsJobOver,
  ['reflechis bien a ton CDI', 'then i guess saturdays go to somebody friendlier', 'pour rester il faut etre gentille avec le patron', 'think about your contract'],
  ['ton contrat est pret, passe le signer', 'your contract starts monday', 'le patron est en reunion', 'can you cover my shift saturday']);

check('the other addressed by a role over the speaker', addressesRole,
  ['cheers coach', 'thanks coach!!', 'merci coach', 'ok sir'],
  ['the coach was late', 'i coach the under 12s', 'merci beaucoup', 'sir alex was the best manager']);
