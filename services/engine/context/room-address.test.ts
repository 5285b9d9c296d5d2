import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressedIn, minorsAddressed, names } from './room-address.js';
import type { ParticipantState } from './state.js';

function person(lastAt: number, msgs = 1): ParticipantState {
  return { lastAt, declaredAge: null, statedAge: null, minorHint: null, sig: {}, cue: {}, cat: {}, msgs, sexN: null, kin: false } as unknown as ParticipantState;
}

test('room-address: names an id or a part of 3+ letters as a word, not inside another word', () => {
  assert.equal(names('karim tu m\'envoies la photo', 'p:karim'), true);
  assert.equal(names('mr ross can you send it', 'p:mr_ross'), true);
  assert.equal(names('envoie moi ca', 'p:ross'), false);
  assert.equal(names('la karima est la', 'p:karim'), false);
  assert.equal(names('b can you send it', 'p:leader_b'), true, 'a short part as the first word');
  assert.equal(names('can b send it', 'p:leader_b'), false);
});

test('room-address: a room message speaks to those it names, else to those who spoke since its sender last did', () => {
  const people = { 'p:kid': person(1), 'p:alex': person(2), 'p:silent': person(9, 0) };
  const others = ['p:kid', 'p:alex', 'p:silent'];
  assert.deepEqual(addressedIn(people, others, 'alex send me the pic', -Infinity), ['p:alex']);
  assert.deepEqual(addressedIn(people, others, 'send me the pic', -Infinity), ['p:kid', 'p:alex'], 'a first message may answer anyone who spoke; one who never spoke is no addressee');
  assert.deepEqual(addressedIn(people, others, 'send me the pic', 1.5), ['p:alex']);
  assert.deepEqual(minorsAddressed(people, others, ['p:kid'], 'send me the pic', 1.5), []);
  assert.deepEqual(minorsAddressed(people, others, ['p:kid'], 'kid send me the pic', 1.5), ['p:kid']);
  assert.deepEqual(minorsAddressed(people, others, ['p:kid'], 'alex send me the pic', -Infinity), []);
  assert.deepEqual(addressedIn(people, others, 'and dont tell your mum', 5), ['p:alex'], 'nobody spoke since: the sender goes on to the last speaker');
});
