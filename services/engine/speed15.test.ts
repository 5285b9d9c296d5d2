/**
 * Round 15 (issue 14): what the speed changes must keep.
 * - The mark records (`sig`, `cue`, `cat` of participants, `acc`, `cue` of conversations, `sig` of pairs) are hash
 *   tables from creation (markRecord, state.ts), so `mark` adds keys without a hidden-class transition each, while they
 *   stay plain objects (Object prototype): same JSON, same binary encoding, same deep equality as `{}`.
 * Decisions and checkpoints are checked by the verdict snapshot (docs/benchmarks.md, round 15).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from '../contracts/taxonomy.js';
import { encodeState, markRecord, mark, createState } from './context/state.js';
import { queuePush } from './context/recency-queue.js';

const OBSERVE = fileURLToPath(new URL('./context/observe.js', import.meta.url));
const STATE = fileURLToPath(new URL('./context/state.js', import.meta.url));

test('markRecord: an empty plain object (Object prototype), serialised and encoded like {}', () => {
  const r = markRecord<Record<string, { s: number; at: number; n: number }>>();
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.deepStrictEqual(r, {});
  mark(r, 'b', 0.5, 10, 1, 1000);
  mark(r, 'a', 0.25, 10, 1, 1000);
  const p: Record<string, unknown> = {};
  mark(p as never, 'b', 0.5, 10, 1, 1000);
  mark(p as never, 'a', 0.25, 10, 1, 1000);
  assert.deepStrictEqual(r, p);
  assert.equal(JSON.stringify(r), JSON.stringify(p));
  const s1 = createState();
  const s2 = createState();
  s1.now = s2.now = 10;
  s1.convs['c:x'] = { lastAt: 10, t: 1, room: false, n: 1, people: Object.create(null), pairs: Object.create(null), acc: r, cue: {}, offender: {}, recent: [] };
  s2.convs['c:x'] = { lastAt: 10, t: 1, room: false, n: 1, people: Object.create(null), pairs: Object.create(null), acc: p, cue: {}, offender: {}, recent: [] };
  s1.seq = s2.seq = 1;
  queuePush(s1.cq, 'c:x', 1); queuePush(s2.cq, 'c:x', 1);
  s1.nc = s2.nc = 1;
  assert.deepEqual(encodeState(s1), encodeState(s2));
});

test('observe: the mark records it writes into are hash tables from their first mark (read in a V8 with natives syntax)', () => {
  // Round 44: a record starts as the shared empty NO_MARKS and gets its own hash table at its first mark (ownMarks), so the
  // message marks five of the six (a signal, a cue, a category's accumulation).
  const script = `
    const { observe } = await import(${JSON.stringify(OBSERVE)});
    const { createState, DEFAULT_BOUNDS, NO_MARKS } = await import(${JSON.stringify(STATE)});
    const cats = ${JSON.stringify(CATEGORIES)};
    const assertAt = Object.fromEntries(cats.map((c) => [c, 0.5]));
    const state = createState();
    observe(state, { messageId: 'm1', tenantId: null, conversationId: 'A', roomId: null, senderId: 'u1', recipientId: 'u2', text: 'salut',
      sentAt: 1700000000000, senderDeclaredAge: null, categories: { child_grooming: { score: 0.9, sources: ['rule:t'] } },
      signals: { secrecy_request: { score: 0.9, sources: ['rule:t'] } }, ruleCues: ['when'] }, assertAt, DEFAULT_BOUNDS);
    const conv = state.convs['c:A'];
    const person = Object.values(conv.people)[0];
    const pair = Object.values(conv.pairs)[0];
    const recs = [person.sig, person.cue, person.cat, conv.acc, conv.cue, pair.sig];
    console.log(JSON.stringify(recs.map((r) => r === NO_MARKS ? 'shared' : %HasFastProperties(r) === false && Object.getPrototypeOf(r) === Object.prototype)));`;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // person.cat: no category was asserted against the sender on a first message, so it is still the shared empty record.
  assert.deepEqual(JSON.parse(r.stdout), [true, true, 'shared', true, true, true]);
});
