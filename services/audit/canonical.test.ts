import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, sha256Hex } from './canonical.js';
import { contentHash, contentOfRecord, rowHash, GENESIS_HASH } from './chain.js';
import { auditRecord } from '../../test/support/audit.js';

const cases: { name: string; value: unknown; want: string }[] = [
  { name: 'keys sorted at every depth', value: { b: 1, a: { d: [1, { z: null, y: 'x' }], c: true } }, want: '{"a":{"c":true,"d":[1,{"y":"x","z":null}]},"b":1}' },
  { name: 'unicode and escapes kept as JSON strings', value: { t: 'âge ?\n"ok"' }, want: '{"t":"âge ?\\n\\"ok\\""}' },
  { name: 'numbers in shortest round-trip form', value: [0.1, 1e21, -0, 0.91], want: '[0.1,1e+21,0,0.91]' },
  { name: 'empty containers', value: { a: [], b: {} }, want: '{"a":[],"b":{}}' },
];
for (const c of cases) test(`canonicalJson: ${c.name}`, () => assert.equal(canonicalJson(c.value), c.want));

const bad: { name: string; value: unknown; err: RegExp }[] = [
  { name: 'undefined field', value: { a: undefined }, err: /field 'a' is undefined/ },
  { name: 'NaN', value: [Number.NaN], err: /non-finite/ },
  { name: 'function', value: { f: () => 1 }, err: /cannot serialise a function/ },
];
for (const c of bad) test(`canonicalJson refuses ${c.name}`, () => assert.throws(() => canonicalJson(c.value), c.err));

test('content hash ignores field order and changes with any field', () => {
  const r = auditRecord(5, { flagged: true });
  const reversed = Object.fromEntries(Object.entries(r).reverse()) as typeof r;
  assert.equal(contentHash(contentOfRecord(r, r.text, r.context)), contentHash(contentOfRecord(reversed, reversed.text, reversed.context)));
  const base = contentHash(contentOfRecord(r, r.text, r.context));
  for (const over of [{ senderIp: '203.0.113.99' }, { sentAt: r.sentAt + 1 }, { action: 'block' as const }, { categories: [{ category: 'child_grooming', score: 0.9100001 }] }]) {
    const x = { ...r, ...over };
    assert.notEqual(contentHash(contentOfRecord(x, x.text, x.context)), base, JSON.stringify(over));
  }
  assert.notEqual(contentHash(contentOfRecord(r, r.text, null)), base, 'the context window is covered by the hash');
  assert.notEqual(contentHash(contentOfRecord(r, `${r.text}!`, r.context)), base, 'the kept text is covered by the hash');
});

test('row hash chains on the previous hash', () => {
  const c = sha256Hex('content');
  assert.equal(rowHash(GENESIS_HASH, c), sha256Hex(GENESIS_HASH + c));
  assert.notEqual(rowHash(rowHash(GENESIS_HASH, c), c), rowHash(GENESIS_HASH, c));
});
