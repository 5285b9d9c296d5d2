import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../contracts/errors.js';
import { decodeStateBinary, encodeStateBinary, FORMAT_2, FORMAT_3, STATE_FORMAT } from './state-codec.js';
import { compileContextBounds, createState, encodeState, entryOf, keyedRecord, restoreState, serialiseState, type ConversationState } from './state.js';
import { queuePairs, queuePush, type RecencyQueue } from './recency-queue.js';
import { observe } from './observe.js';
import { CATEGORIES, type Category } from '../../contracts/taxonomy.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.7])) as Record<Category, number>;

test('state codec: every kind of value comes back exactly, keys in order, id records as null-prototype records', () => {
  const rec = keyedRecord<unknown>();
  rec['p:zoé'] = { s: 0.123, at: 1_767_225_600_000, n: 3 };
  rec['10'] = null;
  rec['p:a'] = { big: 2 ** 53 - 1, neg: -42, negf: -0.5, tiny: 1e-9, third: 1 / 3, zero: 0, negZero: -0, huge: 1e300, inf: Infinity };
  const value = {
    now: 1_767_225_600_000, list: [1, 'x', true, false, null, [], {}], rec,
    texts: ['', 'plain', 'accents éà — 😀', 'lone \ud83d surrogate', '\udc00 low first', 'a'.repeat(5000)],
    milli: [0.001, -0.999, 123.456, 0.1 + 0.2],
  };
  const back = decodeStateBinary(encodeStateBinary(value, value.now)) as typeof value;
  assert.equal(JSON.stringify(back), JSON.stringify(value));
  assert.equal(Object.getPrototypeOf(back.rec), null);
  assert.deepEqual(Object.keys(back.rec), Object.keys(rec));
  assert.ok(Object.is((back.rec['p:a'] as { negZero: number }).negZero, -0));
  assert.equal((back.rec['p:a'] as { third: number }).third, 1 / 3);
  assert.deepEqual(back.texts, value.texts);
});

test('state codec: the engine state round-trips and decides on exactly as before', () => {
  const b = compileContextBounds({ maxConversations: 3 });
  const s = createState();
  for (let i = 0; i < 40; i++) {
    observe(s, {
      messageId: `m${i}`, conversationId: `c${i % 5}`, roomId: null, senderId: `u${i % 4}`, recipientId: `u${(i + 1) % 4}`, text: i % 3 ? 'tu as quel age ?' : "j'ai 13 ans",
      sentAt: 1_767_225_600_000 + i * 60_000, senderDeclaredAge: null, categories: {}, signals: {},
    }, ASSERT_AT, b);
  }
  const bytes = encodeState(s);
  const r = restoreState(bytes);
  // Id-keyed records come back in recency order: compare them key by key.
  const sorted = <T>(rec: Record<string, T>) => Object.fromEntries(Object.keys(rec).sort().map((k) => [k, rec[k]]));
  const data = (x: typeof s) => JSON.stringify({ ...x, convs: sorted(x.convs), senders: sorted(x.senders), cq: undefined, sq: undefined });
  assert.equal(data(r), data(s));
  const live = (q: RecencyQueue, rec: Record<string, { t: number }>) => queuePairs(q).filter(([k, t]) => rec[k]?.t === t);
  assert.deepEqual(queuePairs(r.cq), live(s.cq, s.convs));
  assert.deepEqual(queuePairs(r.sq), live(s.sq, s.senders));
  assert.equal(r.nc, s.nc);
  assert.equal(r.ns, s.ns);
  assert.ok(bytes.length < Buffer.byteLength(serialiseState(s)) / 2);
  // The same next messages give the same outcomes and the same state on both.
  const j = restoreState(serialiseState(s));
  for (let i = 40; i < 60; i++) {
    const m = () => ({
      messageId: `m${i}`, conversationId: `c${i % 7}`, roomId: null, senderId: `u${i % 4}`, recipientId: `u${(i + 2) % 4}`, text: 'envoie une photo',
      sentAt: 1_767_225_600_000 + i * 60_000, senderDeclaredAge: null, categories: {}, signals: {},
    });
    assert.deepEqual(observe(r, m(), ASSERT_AT, b), observe(j, m(), ASSERT_AT, b));
  }
  assert.equal(data(r), data(j));
});

test('state codec: foreign, truncated and future-format bytes are refused with a clear error', () => {
  const good = encodeState(createState());
  assert.throws(() => restoreState(new Uint8Array([1, 2, 3, 4, 5])), /corrupt: not a binary engine state/);
  const future = good.slice();
  future[3] = STATE_FORMAT + 1;
  assert.throws(() => restoreState(future), new RegExp(`format ${STATE_FORMAT + 1} is not supported`));
  const s = createState();
  observe(s, { messageId: 'm', conversationId: 'c', roomId: null, senderId: 'a', recipientId: 'b', text: 'salut', sentAt: 1, senderDeclaredAge: null, categories: {}, signals: {} }, ASSERT_AT, compileContextBounds());
  const bytes = encodeState(s);
  for (const cut of [5, 12, bytes.length >> 1, bytes.length - 1]) {
    assert.throws(() => restoreState(bytes.subarray(0, cut)), (e: unknown) => e instanceof ConfigError && /engine state/.test(e.message), `cut at ${cut}`);
  }
  const trailing = new Uint8Array(bytes.length + 1);
  trailing.set(bytes);
  assert.throws(() => restoreState(trailing), /checksum mismatch/);
  const damaged = bytes.slice();
  damaged[bytes.length >> 1]! ^= 0x10;
  assert.throws(() => restoreState(damaged), /checksum mismatch/);
});

test('state codec: format 1 checkpoints (one string table for the whole state) still restore', () => {
  const b = compileContextBounds();
  const s = createState();
  for (let i = 0; i < 12; i++) {
    observe(s, { messageId: `m${i}`, conversationId: `c${i % 3}`, roomId: null, senderId: `u${i % 2}`, recipientId: `u${(i + 1) % 2}`, text: 'tu as quel age ?', sentAt: 1_000_000 + i, senderDeclaredAge: null, categories: {}, signals: {} }, ASSERT_AT, b);
  }
  const v1 = encodeStateBinary({ v: s.v, now: s.now, convs: s.convs, senders: s.senders, seq: s.seq }, s.now);
  assert.equal(v1[3], 1);
  const r = restoreState(v1);
  assert.equal(serialiseState(r), serialiseState(s));
});

test('state codec: a restored state decodes an entry when first read, and copies the others as they were', () => {
  const b = compileContextBounds();
  const s = createState();
  for (let i = 0; i < 30; i++) {
    observe(s, { messageId: `m${i}`, conversationId: `c${i % 6}`, roomId: null, senderId: `u${i % 4}`, recipientId: `u${(i + 1) % 4}`, text: i % 2 ? "j'ai 13 ans" : 'envoie une photo', sentAt: 1_767_225_600_000 + i * 1000, senderDeclaredAge: null, categories: {}, signals: {} }, ASSERT_AT, b);
  }
  const bytes = encodeState(s);
  const r = restoreState(bytes);
  // Re-encoding without reading any entry gives the same bytes.
  assert.deepEqual(encodeState(r), bytes);
  // One more message on one conversation: the others are copied undecoded; the result restores to the same data as the plain path.
  const m = { messageId: 'x', conversationId: 'c1', roomId: null, senderId: 'u1', recipientId: 'u2', text: 'tu es seule ?', sentAt: 1_767_225_700_000, senderDeclaredAge: null, categories: {}, signals: {} };
  observe(r, { ...m }, ASSERT_AT, b);
  observe(s, { ...m }, ASSERT_AT, b);
  const again = restoreState(encodeState(r));
  const plain = restoreState(encodeState(s));
  assert.equal(serialiseState(again), serialiseState(plain));
  // Entries stay encoded until read through entryOf, which decodes them in place.
  assert.ok(!('people' in (again.convs['c:c3'] as object)), 'an entry not read is still encoded');
  const c3 = entryOf(again.convs, 'c:c3')!;
  assert.equal(again.convs['c:c3'], c3);
  assert.deepEqual(c3, entryOf(plain.convs, 'c:c3'));
  assert.equal(Object.getPrototypeOf(c3.people), null);
});

test('state codec: checkpoints written as JSON (text or parsed) still restore', () => {
  const s = createState();
  observe(s, { messageId: 'm', conversationId: 'c', roomId: null, senderId: 'a', recipientId: 'b', text: 'salut', sentAt: 1, senderDeclaredAge: null, categories: {}, signals: {} }, ASSERT_AT, compileContextBounds());
  const json = serialiseState(s);
  assert.equal(serialiseState(restoreState(json)), json);
  assert.equal(serialiseState(restoreState(JSON.parse(json) as object)), json);
  assert.equal(Object.getPrototypeOf(restoreState(json).convs['c:c']!.people), null);
});

test('state codec: format 3 one-byte integers and repeated times come back exactly, past its 176 time references', () => {
  const s = createState();
  const base = 1_767_225_600_000;
  // 300 distinct times, each written twice (the second a reference while fewer than 176 were written), numbers at the edges of the one-byte forms.
  const times = Array.from({ length: 300 }, (_, i) => base - i * 61_001);
  const entry = {
    lastAt: base, t: 1, times: times.flatMap((x) => [x, { at: x, n: 7 }]), again: times.slice().reverse(),
    small: [0, 1, 62, 63, 64, 65, 127, 128, -0, -1, 0.5, 1e-9, 2 ** 53 - 1, -(2 ** 40)], touchLike: 1,
  };
  s.convs['c:x'] = entry as unknown as ConversationState;
  queuePush(s.cq, 'c:x', 1);
  s.nc = 1;
  s.seq = 1;
  s.now = base;
  const bytes = encodeState(s, FORMAT_3);
  assert.equal(bytes[3], FORMAT_3);
  const back = entryOf(restoreState(bytes).convs, 'c:x') as unknown as typeof entry;
  assert.equal(JSON.stringify(back), JSON.stringify(entry));
  assert.ok(Object.is(back.small[8], -0));
  assert.ok(bytes.length < encodeState(s, FORMAT_2).length);
});

test('state codec: format 2 checkpoints still restore, and are written again in format 3 with the same data', () => {
  const b = compileContextBounds();
  const s = createState();
  for (let i = 0; i < 30; i++) {
    observe(s, { messageId: `m${i}`, conversationId: `c${i % 6}`, roomId: null, senderId: `u${i % 4}`, recipientId: `u${(i + 1) % 4}`, text: i % 2 ? "j'ai 13 ans" : 'envoie une photo', sentAt: 1_767_225_600_000 + i * 1000, senderDeclaredAge: null, categories: {}, signals: {} }, ASSERT_AT, b);
  }
  const v2 = encodeState(s, FORMAT_2);
  assert.equal(v2[3], 2);
  const r = restoreState(v2);
  // (A restore lists the entries in recency order: compare with the state restored from format 3.)
  assert.equal(serialiseState(r), serialiseState(restoreState(encodeState(s, FORMAT_3))));
  // Re-encoded (one entry read, the others still in format 2): format 3 bytes, the same as those of the state never encoded.
  entryOf(r.convs, 'c:c1');
  const v3 = encodeState(r, FORMAT_3);
  assert.equal(v3[3], FORMAT_3);
  assert.deepEqual(v3, encodeState(s, FORMAT_3));
  assert.ok(v3.length < v2.length);
});
