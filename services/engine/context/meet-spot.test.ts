import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from './fold.js';
import { meetSpot } from './meet-spot.js';

test('review det45o: a place with a clock time is a hand-over', () => {
  for (const t of ['usual spot 10pm', '4 pls, skatepark at 8', 'tesco car park, 11', 'au city stade vers 23h', 'en bas du bat 4 à 22h', 'park gates at 10', 'sous le pont vers minuit', 'ok gare routière 19h']) assert.ok(meetSpot(fold(t)), t);
});

test('review det45o: a day word, a place or a time alone is no hand-over', () => {
  for (const t of ['à consommer avant demain', 'ok tomorrow night', 'see you tomorrow', 'at 8 then', 'the park is nice', 'parking 2 euros for 3 hours', 'ce parfum à 80 le flacon']) assert.ok(!meetSpot(fold(t)), t);
});
