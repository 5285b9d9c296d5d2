import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from './fold.js';
import { mayTellTime, meetSpot } from './meet-spot.js';

test('review det45o: a place with a clock time is a hand-over', () => {
  for (const t of ['usual spot 10pm', '4 pls, skatepark at 8', 'tesco car park, 11', 'au city stade vers 23h', 'en bas du bat 4 à 22h', 'park gates at 10', 'sous le pont vers minuit', 'ok gare routière 19h']) assert.ok(meetSpot(fold(t)), t);
});

test('review det45o: a day word, a place or a time alone is no hand-over', () => {
  for (const t of ['à consommer avant demain', 'ok tomorrow night', 'see you tomorrow', 'at 8 then', 'the park is nice', 'parking 2 euros for 3 hours', 'ce parfum à 80 le flacon']) assert.ok(!meetSpot(fold(t)), t);
});

test('issue 14 round 46: no digit and no midnight is no clock time; every hand-over above has one', () => {
  for (const t of ['usual spot tonight', 'au city stade ce soir', 'parking du lidl demain', 'same place as usual']) {
    assert.equal(mayTellTime(fold(t)), false, t);
    assert.equal(meetSpot(fold(t)), false, t);
  }
  for (const t of ['sous le pont vers minuit', 'bridge at midnight', 'usual spot 10pm', 'tesco car park, 11']) {
    assert.equal(mayTellTime(fold(t)), true, t);
    assert.equal(meetSpot(fold(t)), true, t);
  }
});
