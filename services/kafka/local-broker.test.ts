import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClusterId } from './local-broker.js';

/** A random source that hands out the given first bytes, one 16-byte draw per call, and counts the calls. */
function draws(...firsts: number[]): { random: (n: number) => Buffer; calls: () => number } {
  let i = 0;
  return {
    random: (n) => {
      const b = Buffer.alloc(n, 0x11);
      b[0] = firsts[Math.min(i, firsts.length - 1)]!;
      i += 1;
      return b;
    },
    calls: () => i,
  };
}

const cases: { name: string; firsts: number[]; first: string; calls: number }[] = [
  // base64url digit 62 is '-', 63 is '_': the first character is the top 6 bits of byte 0
  { name: "a draw starting with '-' is drawn again", firsts: [0xf8, 0x00], first: 'A', calls: 2 },
  { name: "two draws starting with '-' in a row", firsts: [0xf9, 0xfa, 0x04], first: 'B', calls: 3 },
  { name: "an id starting with '_' is kept", firsts: [0xfc], first: '_', calls: 1 },
];

for (const c of cases) {
  test(`newClusterId: ${c.name}`, () => {
    const d = draws(...c.firsts);
    const id = newClusterId(d.random);
    assert.equal(id[0], c.first);
    assert.equal(d.calls(), c.calls);
    assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    const bytes = Buffer.from(id, 'base64url');
    assert.equal(bytes.length, 16);
    assert.equal(bytes[6]! >> 4, 4, 'version 4 UUID, as java.util.UUID.randomUUID()');
    assert.equal(bytes[8]! >> 6, 0b10, 'IETF variant');
  });
}

test('newClusterId with the real random source: 2000 ids, none starting with -, all distinct', () => {
  const ids = Array.from({ length: 2000 }, () => newClusterId());
  assert.equal(ids.filter((id) => id.startsWith('-')).length, 0);
  assert.equal(new Set(ids).size, ids.length);
});
