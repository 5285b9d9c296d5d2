import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protectiveTake } from './protective-take.js';
import { fold } from './fold.js';

const take = (t: string): boolean => protectiveTake(fold(t));

test('protective-take: a phone or keys taken from the one looked after, said with why', () => {
  assert.equal(take("on lui prend son tel sinon elle va écrire à son ex"), true);
  assert.equal(take('si je lui prends le tel elle va me détester'), true);
  assert.equal(take("we take her phone tonight or she'll text her ex"), true);
  assert.equal(take('take his keys so he doesnt drive'), true);
});

test('protective-take: not to keep her from calling for help, not with her card, not without a why', () => {
  assert.equal(take('on lui prend son téléphone sinon elle va appeler les flics'), false);
  assert.equal(take('on lui prend son tel et sa CB sinon elle va écrire à son ex'), false);
  assert.equal(take("we take her phone so she can't call anyone"), false);
  assert.equal(take('on lui prend son tel'), false);
  // Review of det45b: kept from calling those who would come for her is a captor's purpose, not care.
  assert.equal(take('je lui prends son tel sinon elle va appeler sa copine'), false);
  assert.equal(take("we grab his phone so he can't call his brother"), false);
});
