import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, type Category, type Signal } from '../../contracts/taxonomy.js';
import type { Cue } from './cues.js';
import { observe, type ContextInput } from './observe.js';
import { compileContextBounds, createState, encodeState, NO_MARKS, ownMarks, restoreState, serialiseState, type ParticipantState } from './state.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
const B = compileContextBounds();

function msg(i: number, sender: string, to: string, extra: Partial<ContextInput> = {}): ContextInput {
  return {
    messageId: `m${i}`, conversationId: 'c1', roomId: null, senderId: sender, recipientId: to, text: 'hello there', sentAt: 1_700_000_000_000 + i * 60_000,
    senderDeclaredAge: null, categories: {}, signals: {}, ...extra,
  };
}

test('empty marks: records nothing was marked in are the one shared frozen NO_MARKS (round 44: ~280 B of heap each otherwise)', () => {
  const s = createState();
  observe(s, msg(0, 'a', 'b'), ASSERT_AT, B);
  observe(s, msg(1, 'b', 'a'), ASSERT_AT, B);
  const conv = s.convs['c:c1']!;
  const people = Object.values(conv.people);
  assert.equal(people.length, 2);
  for (const p of people) for (const rec of [p.sig, p.cue, p.cat]) assert.equal(rec, NO_MARKS);
  for (const pair of Object.values(conv.pairs)) assert.equal(pair.sig, NO_MARKS);
  assert.equal(conv.acc, NO_MARKS);
  assert.equal(conv.cue, NO_MARKS);
  assert.ok(Object.isFrozen(NO_MARKS));
  assert.throws(() => { (NO_MARKS as Record<string, unknown>).x = 1; }, TypeError);
});

test('empty marks: the first mark gives the record its own object; the shared one stays empty', () => {
  const s = createState();
  observe(s, msg(0, 'b', 'a'), ASSERT_AT, B);
  observe(s, msg(1, 'a', 'b', {
    signals: { secrecy_request: { score: 0.9, sources: ['rule:t'] } } as Partial<Record<Signal, { score: number; sources: string[] }>>,
    ruleCues: ['when'] as Cue[],
    categories: { child_grooming: { score: 0.3, sources: ['rule:t'] } },
  }), ASSERT_AT, B);
  const conv = s.convs['c:c1']!;
  const a = conv.people['p:a']!;
  assert.notEqual(a.sig, NO_MARKS);
  assert.deepEqual(Object.keys(a.sig), ['secrecy_request']);
  assert.notEqual(a.cue, NO_MARKS);
  assert.equal(a.cue.when?.n, 1);
  assert.notEqual(conv.cue, NO_MARKS);
  assert.equal(conv.cue.when?.n, 1);
  assert.notEqual(conv.acc, NO_MARKS);
  assert.equal(conv.acc.child_grooming?.s, 0.3);
  assert.equal(conv.pairs['a\u0000b']!.sig.secrecy_request?.n, 1);
  // The other participant was never marked: still the shared record, and it is still empty.
  const b = conv.people['p:b']!;
  for (const rec of [b.sig, b.cue, b.cat, a.cat]) assert.equal(rec, NO_MARKS);
  assert.equal(conv.pairs['b\u0000a']!.sig, NO_MARKS);
  assert.deepEqual(Object.keys(NO_MARKS), []);
});

test('empty marks: ownMarks replaces the shared record once, then returns the same own record', () => {
  const p = { sig: NO_MARKS, cue: NO_MARKS, cat: NO_MARKS } as unknown as ParticipantState;
  const own = ownMarks(p, 'cue');
  assert.notEqual(own, NO_MARKS);
  assert.equal(p.cue, own);
  assert.equal(ownMarks(p, 'cue'), own);
  assert.equal(p.sig, NO_MARKS);
});

test('empty marks: a state with shared empty records encodes, serialises and restores as before (empty records as {})', () => {
  const s = createState();
  observe(s, msg(0, 'a', 'b'), ASSERT_AT, B);
  observe(s, msg(1, 'b', 'a', { ruleCues: ['when'] as Cue[] }), ASSERT_AT, B);
  const json = JSON.parse(serialiseState(s)) as { convs: Record<string, { people: Record<string, { cue: object; sig: object }>; acc: object }> };
  assert.deepEqual(json.convs['c:c1']!.people['p:a']!.cue, {});
  assert.deepEqual(json.convs['c:c1']!.acc, {});
  for (const input of [encodeState(s), encodeState(s, 4), serialiseState(s)]) {
    const back = restoreState(input);
    assert.equal(serialiseState(back), serialiseState(s));
    // A restored state goes on: marking into a restored empty record works.
    observe(back, msg(2, 'a', 'b', { ruleCues: ['when'] as Cue[] }), ASSERT_AT, B);
  }
});
