/**
 * Round 21 (speed21, issue 14): observe skips the derivations on a message that carries nothing any of them reads first
 * (derive.ts mayFind). Random conversations with many live marks (every cue, signal and pair field) and random messages:
 * when mayFind is false no derivation finds anything; and each of mayFind's conditions is needed (a message with that one
 * condition alone, nothing else, makes some derivation find something in some conversation).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, SIGNALS, type Category, type Signal } from '../../contracts/taxonomy.js';
import { ALL_CUES, type Cue } from './cues.js';
import { mayFind, type View } from './derive.js';
import { DERIVATIONS, zeroScores } from './observe.js';
import { keyedRecord, type ConversationState, type Mark, type PairState, type ParticipantState } from './state.js';

const HL = 3 * 24 * 3600 * 1000;
const AT = 1_800_000_000_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

function marks<K extends string>(r: () => number, keys: readonly K[], p: number, n: number): Partial<Record<K, Mark>> {
  const out: Partial<Record<K, Mark>> = {};
  for (const k of keys) if (r() < p) out[k] = { s: 0.5 + 0.5 * r(), at: AT - Math.floor(r() * 3600_000), n: Math.max(0, n - 1 - Math.floor(r() * 8)) };
  return out;
}

const IDS = ['a', 'b', 'c', 'd'];

/** A conversation whose participants, pairs and conversation record hold many recent marks. */
function conversation(r: () => number): { conv: ConversationState; n: number } {
  const n = 3 + Math.floor(r() * 30);
  const people = keyedRecord<ParticipantState>();
  const pairs = keyedRecord<PairState>();
  const cue: Partial<Record<Cue, Mark>> = {};
  const count = 2 + Math.floor(r() * 3);
  for (let i = 0; i < count; i++) {
    const p: ParticipantState = {
      lastAt: AT, declaredAge: r() < 0.4 ? null : r() < 0.5 ? 14 : 30, statedAge: r() < 0.6 ? null : r() < 0.5 ? 13 : 25, minorHint: r() < 0.8 ? null : 'hint',
      sig: marks(r, SIGNALS, 0.35, n), cue: marks(r, ALL_CUES, 0.3, n), cat: marks(r, CATEGORIES, 0.2, n), msgs: 1 + Math.floor(r() * 10),
      sexN: r() < 0.5 ? null : Math.floor(r() * n), kin: r() < 0.1,
    };
    people[`p:${IDS[i]}`] = p;
    for (const [k, m] of Object.entries(p.cue)) if (!cue[k as Cue] || cue[k as Cue]!.n < m!.n) cue[k as Cue] = m;
    for (const to of [...IDS.slice(0, count).filter((x) => x !== IDS[i]), '*']) {
      pairs[`${IDS[i]}\u0000${to}`] = { lastAt: AT, sig: marks(r, SIGNALS, 0.35, n), sexual: Math.floor(r() * 6), ...(r() < 0.5 ? { afterNo: Math.floor(r() * 4) } : {}) };
    }
  }
  const conv: ConversationState = {
    lastAt: AT, t: 0, room: r() < 0.3, n: n + 1, people, pairs, acc: marks(r, CATEGORIES, 0.4, n), cue: { ...cue, ...marks(r, ALL_CUES, 0.2, n) }, offender: {}, recent: [],
  };
  return { conv, n };
}

interface Message { cue: Cue[]; sig: Signal[]; cat: Partial<Record<Category, number>>; groomRule: boolean }

function view(r: () => number, m: Message): View {
  const { conv, n } = conversation(r);
  const keys = Object.keys(conv.people);
  const senderKey = keys[Math.floor(r() * keys.length)]!;
  const others = keys.filter((k) => k !== senderKey);
  const cat = zeroScores();
  Object.assign(cat, m.cat);
  return {
    conv, senderKey, sender: conv.people[senderKey]!, senderId: senderKey.slice(2), targets: conv.room ? others : [others[Math.floor(r() * others.length)]!],
    sig: new Set(m.sig), cue: new Set(m.cue), cat, at: AT, n, halfLifeMs: HL, riskySender: r() < 0.3, framed: new Set(), groomRule: m.groomRule,
  };
}

function found(v: View): string[] {
  const out: string[] = [];
  for (const d of DERIVATIONS) for (const f of d(v)) out.push(`${d.name}:${f.source}`);
  return out;
}

/** Category scores under mayFind's thresholds (the others anywhere in 0..1). */
function quietCats(r: () => number): Partial<Record<Category, number>> {
  const cat: Partial<Record<Category, number>> = {};
  for (const c of CATEGORIES) cat[c] = c === 'sexual_harassment' ? 0.29 * r() : c === 'prostitution' ? 0.19 * r() : r();
  return cat;
}

test('a message mayFind rejects: no derivation finds anything, in 10,000 random conversations', () => {
  const r = rng(21);
  let views = 0;
  for (let i = 0; i < 10_000; i++) {
    const v = view(r, { cue: [], sig: [], cat: quietCats(r), groomRule: false });
    assert.equal(mayFind(v), false);
    views++;
    assert.deepEqual(found(v), [], `view ${i}`);
  }
  assert.equal(views, 10_000);
});

test('each of mayFind\'s conditions alone lets some derivation find something', () => {
  const r = rng(2121);
  const alone: [string, () => Message][] = [
    ['a cue', () => ({ cue: [ALL_CUES[Math.floor(r() * ALL_CUES.length)]!], sig: [], cat: quietCats(r), groomRule: false })],
    ['a signal', () => ({ cue: [], sig: [SIGNALS[Math.floor(r() * SIGNALS.length)]!], cat: quietCats(r), groomRule: false })],
    ['a grooming rule', () => ({ cue: [], sig: [], cat: { ...quietCats(r), child_grooming: 0.3 + 0.7 * r() }, groomRule: true })],
    ['a sexual-harassment score', () => ({ cue: [], sig: [], cat: { ...quietCats(r), sexual_harassment: 0.3 + 0.7 * r() }, groomRule: false })],
    ['a prostitution score', () => ({ cue: [], sig: [], cat: { ...quietCats(r), prostitution: 0.2 + 0.8 * r() }, groomRule: false })],
  ];
  for (const [what, make] of alone) {
    let hits = 0;
    for (let i = 0; i < 20_000 && hits < 5; i++) {
      const v = view(r, make());
      assert.equal(mayFind(v), true, what);
      if (found(v).length) hits++;
    }
    assert.ok(hits >= 5, `${what}: a derivation must be able to find something (${hits} views found)`);
  }
});
