import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SearchLinks } from './search-links.js';

test('search links: random tokens, expired after their lifetime (which the page is told), the oldest dropped past the cap', () => {
  const links = new SearchLinks<string>(60_000, 2);
  const a = links.put('a', 0);
  assert.match(a, /^[A-Za-z0-9_-]{24}$/);
  assert.notEqual(links.put('a', 0), a, 'each search its own token');
  assert.deepEqual(links.get(a, 59_999), { q: 'a', expiresAt: 60_000 });
  assert.equal(links.get(a, 60_000), null);
  const [b, c, d] = ['b', 'c', 'd'].map((q) => links.put(q, 70_000));
  assert.deepEqual([links.get(b!, 70_000), links.get(c!, 70_000)?.q, links.get(d!, 70_000)?.q], [null, 'c', 'd']);
  assert.equal(links.get('unknown', 0), null);
});
