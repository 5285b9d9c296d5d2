import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, type Category } from '../../contracts/taxonomy.js';
import { NO_ASSERTED, NO_SUPPORT, contextBefore, observe, remembered, windowSources, type ContextInput } from './observe.js';
import { compileContextBounds, createState } from './state.js';
import { EMPTY_LIST } from '../empty-list.js';

/**
 * Issue 14, round 48: an outcome that asserts nothing (most messages) holds the one shared frozen empty `asserted`, not an
 * empty array of its own; an outcome with findings holds its own array, made with its first category. A shape check
 * (identity), not a timing.
 */
const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
const BOUNDS = compileContextBounds();

function input(i: number, text: string, cat: Partial<Record<Category, number>>): ContextInput {
  return {
    messageId: `m${i}`, tenantId: null, conversationId: 'c48', roomId: null, senderId: 'a', recipientId: 'b', text,
    sentAt: 1_700_000_000_000 + i * 60_000, senderDeclaredAge: null, signals: {},
    categories: Object.fromEntries(Object.entries(cat).map(([c, v]) => [c, { score: v, sources: [`rule:test.${c}`] }])),
  };
}

test('a message with nothing asserted gets the shared frozen empty, no array of its own', () => {
  const state = createState();
  const a = observe(state, input(0, 'salut ça va', {}), ASSERT_AT, BOUNDS);
  const b = observe(state, input(1, 'on se voit demain', { drug_trafficking: 0.2 }), ASSERT_AT, BOUNDS);
  assert.equal(a.asserted, NO_ASSERTED);
  assert.equal(b.asserted, NO_ASSERTED);
  assert.equal(NO_ASSERTED.length, 0);
  assert.ok(Object.isFrozen(NO_ASSERTED));
});

test('a message with findings gets its own array, its categories by score, the shared empty untouched', () => {
  const state = createState();
  const one = observe(state, input(0, 'x', { drug_trafficking: 0.9 }), ASSERT_AT, BOUNDS);
  assert.deepEqual(one.asserted, ['drug_trafficking']);
  assert.notEqual(one.asserted, NO_ASSERTED);
  assert.ok(!Object.isFrozen(one.asserted));
  const two = observe(state, input(1, 'y', { weapons_trafficking: 0.7, drug_trafficking: 0.95 }), ASSERT_AT, BOUNDS);
  assert.deepEqual(two.asserted, ['drug_trafficking', 'weapons_trafficking']);
  assert.equal(NO_ASSERTED.length, 0);
});

test('the window evidence records share one frozen [source] list per window model', () => {
  const a = windowSources('model:w@1');
  assert.deepEqual(a, ['model:w@1']);
  assert.ok(Object.isFrozen(a));
  assert.equal(windowSources('model:w@1'), a);
  const b = windowSources('model:w@2');
  assert.deepEqual(b, ['model:w@2']);
  assert.deepEqual(a, ['model:w@1']);
});

test('a message with window scores: the same outcome with the shared sources list (damped by a frame, raised twice)', () => {
  const state = createState();
  const win = { source: 'model:w@1', scores: { drug_trafficking: 0.8 }, raised: ['drug_trafficking' as Category] };
  const one = observe(state, { ...input(0, 'tu veux de la beuh', {}), window: win }, ASSERT_AT, BOUNDS);
  assert.deepEqual(one.categories.drug_trafficking?.sources, ['model:w@1']);
  assert.ok(!Object.isFrozen(one.categories.drug_trafficking?.sources));
});

test('observe takes its window records\' sources from windowSources (review of perf48: nothing else pinned change 3)', () => {
  // windowSources keeps the last source's list: a message scored by window model w@1 makes w@2's list a new one. Had
  // observe built `[m.window.source]` for each category itself, w@2's list would still be the one kept.
  const other = windowSources('model:w@2');
  assert.equal(windowSources('model:w@2'), other);
  const state = createState();
  const win = { source: 'model:w@1', scores: { drug_trafficking: 0.8, weapons_trafficking: 0.4 }, raised: [] as Category[] };
  observe(state, { ...input(0, 'tu veux de la beuh', {}), window: win }, ASSERT_AT, BOUNDS);
  assert.notEqual(windowSources('model:w@2'), other);
  // A message without window evidence makes no such list (most messages): the kept one stays.
  const kept = windowSources('model:w@2');
  observe(state, input(1, 'ok à plus', {}), ASSERT_AT, BOUNDS);
  assert.equal(windowSources('model:w@2'), kept);
});

test('round 49: a message with no support gets the shared frozen empty support record; one with support its own, lists made with their first kind', () => {
  const state = createState();
  // Nothing, then evidence below every threshold: no kind of support on either.
  const quiet: Partial<Record<Category, number>>[] = [{}, { drug_trafficking: 0.05 }];
  for (let i = 0; i < quiet.length; i++) assert.equal(observe(state, input(i, 'on se voit demain', quiet[i]!), ASSERT_AT, BOUNDS).support, NO_SUPPORT);
  assert.ok(Object.isFrozen(NO_SUPPORT));
  assert.deepEqual(Object.keys(NO_SUPPORT), []);
  const one = observe(state, input(2, 'x', { drug_trafficking: 0.9 }), ASSERT_AT, BOUNDS);
  assert.notEqual(one.support, NO_SUPPORT);
  assert.deepEqual(one.support.drug_trafficking, ['rule']);
  assert.ok(!Object.isFrozen(one.support));
  assert.deepEqual(Object.keys(NO_SUPPORT), []);
});

test('round 49: nothing framed is the shared frozen empty; observe refills the outcome record it is given', () => {
  const state = createState();
  const first = observe(state, input(0, 'salut ça va', {}), ASSERT_AT, BOUNDS);
  assert.equal(first.framed, NO_ASSERTED);
  const again = observe(state, input(1, 'x', { drug_trafficking: 0.9 }), ASSERT_AT, BOUNDS, first);
  assert.equal(again, first);
  assert.deepEqual(again.asserted, ['drug_trafficking']);
  assert.equal(again.categories.drug_trafficking?.score, 0.9);
  // Every field is written: the next message's outcome keeps nothing of this one's.
  const fresh = observe(createState(), input(1, 'x', { drug_trafficking: 0.9 }), ASSERT_AT, BOUNDS);
  assert.deepEqual(Object.keys(again), Object.keys(fresh));
  const third = observe(state, input(2, 'ok à plus', {}), ASSERT_AT, BOUNDS, again);
  assert.equal(third, first);
  assert.equal(third.asserted, NO_ASSERTED);
  assert.equal(third.support, NO_SUPPORT);
  assert.equal(third.belowP0, undefined);
});

test('round 49: a new sender\'s conversation lists are the shared frozen empty until something is remembered', () => {
  const state = createState();
  observe(state, input(0, 'salut ça va', {}), ASSERT_AT, BOUNDS);
  const senders = Object.values(state.senders);
  assert.equal(senders.length, 1);
  assert.equal(senders[0]!.ageAsked, EMPTY_LIST);
  assert.equal(senders[0]!.moved, EMPTY_LIST);
  assert.equal(senders[0]!.flagged, EMPTY_LIST);
  assert.ok(Object.isFrozen(EMPTY_LIST));
  // An age asked, then flagged (rule and conversation support): those two lists become the sender's own, `moved` and the
  // shared one stay empty.
  for (let i = 1; i < 4; i++) observe(state, input(i, 'tu veux de la beuh quel age as tu', { drug_trafficking: 0.95 }), ASSERT_AT, BOUNDS);
  const s = Object.values(state.senders)[0]!;
  assert.deepEqual(s.ageAsked, ['c48']);
  assert.deepEqual(s.flagged, ['c48']);
  assert.ok(!Object.isFrozen(s.ageAsked) && !Object.isFrozen(s.flagged));
  assert.equal(s.moved, EMPTY_LIST);
  assert.equal(EMPTY_LIST.length, 0);
});

test('round 49: remembered moves an id to the end in place, keeps at most max, as splice then push did', () => {
  const spliced = (l: string[], id: string, max: number): string[] => {
    const i = l.indexOf(id);
    if (i >= 0) l.splice(i, 1);
    l.push(id);
    if (l.length > max) l.splice(0, l.length - max);
    return l;
  };
  const first = remembered(EMPTY_LIST, 'c1', 3);
  assert.deepEqual(first, ['c1']);
  assert.notEqual(first, EMPTY_LIST);
  assert.deepEqual(remembered(EMPTY_LIST, 'c1', 0), []);
  assert.equal(EMPTY_LIST.length, 0);
  const cases: [string[], string, number][] = [
    [['a', 'b', 'c'], 'a', 3], [['a', 'b', 'c'], 'b', 3], [['a', 'b', 'c'], 'c', 3], [['a', 'b', 'c'], 'd', 3],
    [['a', 'b', 'a', 'c'], 'a', 5], [['a', 'b', 'c', 'd'], 'b', 2], [['a'], 'a', 1], [[], 'z', 2],
  ];
  for (const [l, id, max] of cases) {
    const mine = [...l];
    const out = remembered(mine, id, max);
    assert.equal(out, mine); // in place: the sender keeps its own list
    assert.deepEqual(out, spliced([...l], id, max), `${l.join(',')} + ${id} (max ${max})`);
  }
});

test('review of perf49: the refilled outcome equals a fresh one message after message (no field kept from the one before)', () => {
  // Two states fed the same messages: one observes into a single record, the other makes a new outcome each time. A
  // field observe forgot to write into the record (minorSender, belowP0, framed, victim...) would keep the previous
  // message's value (a minor's `minorSender` sparing the next adult's enforcement).
  const msg = (i: number, sender: string, age: number | null, text: string, cat: Partial<Record<Category, number>>): ContextInput => ({
    ...input(i, text, cat), senderId: sender, recipientId: sender === 'kid' ? 'a' : 'kid', senderDeclaredAge: age,
  });
  const seq: [string, number | null, string, Partial<Record<Category, number>>][] = [
    ['kid', 14, 'salut ça va', {}],
    ['a', null, 'tu veux de la beuh', { drug_trafficking: 0.9 }],
    ['kid', 14, 'il a dit "je vais te frapper" mdr', { violent_threat: 0.8 }],
    ['a', null, 'ok à plus', {}],
    ['kid', 14, 'quel age as tu', { child_grooming: 0.7 }],
    ['a', null, 'envoie une photo de toi, ne le dis a personne', { child_grooming: 0.95, sexual_harassment: 0.6 }],
    ['kid', 14, 'non', {}],
    ['a', null, 'salut', {}],
  ];
  const refilled = createState();
  const fresh = createState();
  let into: ReturnType<typeof observe> | undefined;
  let minors = 0;
  seq.forEach(([sender, age, text, cat], i) => {
    // Every field of the record poisoned first: one observe does not write keeps the poison, whatever the messages.
    if (into) for (const k of Object.keys(into)) (into as unknown as Record<string, unknown>)[k] = 'poison';
    const got = observe(refilled, msg(i, sender, age, text, cat), ASSERT_AT, BOUNDS, into);
    if (into) assert.equal(got, into);
    into = got;
    const want = observe(fresh, msg(i, sender, age, text, cat), ASSERT_AT, BOUNDS);
    assert.deepEqual({ ...got }, { ...want }, `message ${i} (${text})`);
    if (want.minorSender) minors++;
  });
  assert.ok(minors > 0 && minors < seq.length);
});

test('round 50: a message with no reason line gets the shared frozen EMPTY_LIST; one with reasons an exact copy of its own', () => {
  const state = createState();
  let into: ReturnType<typeof observe> | undefined;
  const quiet = observe(state, input(0, 'salut ça va', {}), ASSERT_AT, BOUNDS, into);
  into = quiet;
  assert.equal(quiet.reasons, EMPTY_LIST);
  assert.ok(Object.isFrozen(EMPTY_LIST));
  // An age said: recordAge's line; the outcome's list is its own, of its exact length (no spare slots kept).
  const aged = observe(state, { ...input(1, "j'ai 14 ans", {}), senderId: 'k', recipientId: 'a' }, ASSERT_AT, BOUNDS);
  assert.notEqual(aged.reasons, EMPTY_LIST);
  assert.ok(aged.reasons.length >= 1);
  assert.ok(aged.reasons.some((r) => r.startsWith('k: ')), aged.reasons.join(' | '));
  const kept = [...aged.reasons];
  // The next messages (with and without reasons) leave the earlier outcome's list as it was: not observe's scratch list.
  const again = observe(state, { ...input(2, "moi j'ai 15 ans", {}), senderId: 'a', recipientId: 'k' }, ASSERT_AT, BOUNDS);
  assert.notEqual(again.reasons, aged.reasons);
  observe(state, input(3, 'ok', {}), ASSERT_AT, BOUNDS, into);
  assert.deepEqual(aged.reasons, kept);
  assert.equal(EMPTY_LIST.length, 0);
});

test('review of perf49: the shared empties sit in read-only fields (a write is a compile error, and a throw at run time)', () => {
  const state = createState();
  const o = observe(state, input(0, 'salut', {}), ASSERT_AT, BOUNDS);
  assert.equal(o.support, NO_SUPPORT);
  const sender = Object.values(state.senders)[0]!;
  assert.equal(sender.ageAsked, EMPTY_LIST);
  // Never compiled if these types were mutable again: each @ts-expect-error needs the error it announces.
  const writes = (): void => {
    // @ts-expect-error the outcome's support record is read only (NO_SUPPORT is every outcome's without support)
    o.support.drug_trafficking = ['rule'];
  };
  const push = (): void => {
    // @ts-expect-error a sender's conversation lists are read only (EMPTY_LIST is every new sender's)
    sender.ageAsked.push('c');
  };
  assert.throws(writes, TypeError);
  assert.throws(push, TypeError);
  assert.equal(Object.keys(NO_SUPPORT).length, 0);
  assert.equal(EMPTY_LIST.length, 0);
});

test('review of perf49: a verdict\'s context entries (the state\'s recent-message records) are frozen, so an edit cannot reach the state', () => {
  const state = createState();
  for (let i = 0; i < 4; i++) observe(state, input(i, `message ${i}`, {}), ASSERT_AT, BOUNDS);
  const o = observe(state, input(4, 'tu veux de la beuh', { drug_trafficking: 0.9 }), ASSERT_AT, BOUNDS);
  const ctx = contextBefore(o);
  assert.deepEqual(ctx.map((c) => c.text), ['message 0', 'message 1', 'message 2', 'message 3']);
  // The entries are the state's own records (no copy), frozen: a write throws and the state keeps its text.
  assert.equal(ctx[0], o.recent[0]);
  for (const c of ctx) assert.ok(Object.isFrozen(c));
  assert.throws(() => { (ctx[1] as { text: string }).text = 'edited'; }, TypeError);
  assert.equal(o.recent[1]!.text, 'message 1');
  // The list itself is the verdict's own: adding to it leaves the state's list as it was.
  ctx.push(ctx[0]!);
  assert.equal(o.recent.length, 5);
  // The message itself (not in its own context) is not frozen by it.
  assert.ok(!Object.isFrozen(o.recent[4]));
});
