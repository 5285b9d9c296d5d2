/** cues.ts `anyLive`: any cue of a list live, read through the derivation's own `has` (stop 44, tidy44); `carriesAny`: the message's own (tidy45). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Signal } from '../../contracts/taxonomy.js';
import { anyLive, carriesAny, type Cue } from './cues.js';
import { belowP0Context, planSaid } from './p0-context.js';

/** A `has` over a fixed set of live cues that records the cues it was asked about, in order. */
function liveSet(live: readonly Cue[]): { has: (k: Cue) => boolean; asked: Cue[] } {
  const asked: Cue[] = [];
  return { asked, has: (k) => { asked.push(k); return live.includes(k); } };
}

test('anyLive: true when one cue of the list is live, false when none is or the list is empty', () => {
  assert.equal(anyLive(liveSet(['ward']).has, ['medical', 'ward', 'vital_care']), true);
  assert.equal(anyLive(liveSet(['ward']).has, ['medical', 'vital_care']), false);
  assert.equal(anyLive(liveSet(['ward']).has, []), false);
  assert.equal(anyLive(liveSet([]).has, ['medical', 'ward']), false);
});

test('anyLive: asks in the list order and stops at the first live cue', () => {
  const s = liveSet(['ward', 'care_meds']);
  assert.equal(anyLive(s.has, ['medical', 'ward', 'vital_care', 'care_meds']), true);
  assert.deepEqual(s.asked, ['medical', 'ward']);
  const none = liveSet([]);
  anyLive(none.has, ['medical', 'ward', 'vital_care']);
  assert.deepEqual(none.asked, ['medical', 'ward', 'vital_care']);
});

test('anyLive: p0-context reads its care and plan lists through it', () => {
  assert.equal(belowP0Context(liveSet(['care_meds']).has), true);
  assert.equal(belowP0Context(liveSet(['care']).has), false); // `care` is no care context (a plan takes her home too)
  assert.equal(planSaid(liveSet(['lodging']).has), true);
  assert.equal(planSaid(liveSet(['go_plan']).has), false);
});

/** A set that records the members it was asked about, in order. */
class AskedSet<T> extends Set<T> {
  asked: T[] = [];
  override has(k: T): boolean { this.asked.push(k); return super.has(k); }
}

test('carriesAny: true when the set holds one of the list, false when it holds none, the list is empty or the set is', () => {
  assert.equal(carriesAny(new Set<Cue>(['ward']), ['medical', 'ward', 'vital_care']), true);
  assert.equal(carriesAny(new Set<Cue>(['ward']), ['medical', 'vital_care']), false);
  assert.equal(carriesAny(new Set<Cue>(['ward']), []), false);
  assert.equal(carriesAny(new Set<Signal>(['meetup_request']), ['image_request', 'meetup_request']), true, 'signals too');
  const empty = new AskedSet<Cue>();
  assert.equal(carriesAny(empty, ['medical', 'ward']), false);
  assert.deepEqual(empty.asked, [], 'an empty set is not read');
});

test('carriesAny: asks in the list order, stops at the first it holds, makes no closure', () => {
  const s = new AskedSet<Cue>(['ward', 'care_meds']);
  assert.equal(carriesAny(s, ['medical', 'ward', 'vital_care', 'care_meds']), true);
  assert.deepEqual(s.asked, ['medical', 'ward']);
  const body = carriesAny.toString().slice(carriesAny.toString().indexOf('{'));
  assert.doesNotMatch(body, /=>|\bfunction\b/);
});

test('carriesAny: the engine has no other copy of it (a list walked over a set, or LIST.some((k) => set.has(k)))', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const copies: string[] = [];
  for (const dir of [here, dirname(here)]) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.js') && !n.endsWith('.test.js') && n !== 'cues.js')) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/\.some\(\(?(\w+)\)? => [\w.]+\.has\(\1\)\)|for \(const (\w+) of \w+\)\s*if \([\w.]+\.has\(\2\)\)\s*return true|if \([\w.]+\.has\((?:list|[A-Z_]+)\[i\]!?\)\)\s*return true/g)) copies.push(`${f}: ${m[0]}`);
    }
  }
  assert.deepEqual(copies, []);
});
