import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineCache } from './line-cache.js';

test('LineCache: a hit in the newer generation is returned as is; a hit in the older one is promoted once and kept', () => {
  let made = 0;
  let promoted = 0;
  const cache = new LineCache<{ text: string; gen: number }>(2, (l) => { promoted++; return { text: l.text, gen: l.gen + 1 }; });
  const make = (t: string) => () => { made++; return { text: t, gen: 0 }; };
  const a = cache.get('a', make('a'));
  assert.equal(cache.get('a', make('a')), a, 'newer hit: the same line, nothing made');
  cache.get('b', make('b'));
  cache.get('c', make('c')); // newer was full (a, b): it became the older generation
  assert.equal(made, 3);
  const a2 = cache.get('a', make('a'));
  assert.equal(promoted, 1, 'the older hit went through promote');
  assert.equal(made, 3, 'and was not made again');
  assert.deepEqual(a2, { text: 'a', gen: 1 });
  assert.equal(cache.get('a', make('a')), a2, 'the promoted line is now the newer one');
  assert.equal(promoted, 1);
});

test('LineCache: a line gone from both generations is made again', () => {
  let made = 0;
  const cache = new LineCache<string>(1, (l) => l);
  const make = (t: string) => () => { made++; return t; };
  cache.get('x', make('x'));
  cache.get('y', make('y')); // x older
  cache.get('z', make('z')); // y older, x gone
  cache.get('x', make('x'));
  assert.equal(made, 4);
});
