/**
 * Token-level matcher. The position automata of all rule phrases are merged into one NFA over token
 * ids with a shared start state. Matching is a lazily built DFA over that NFA: a DFA state is the
 * ordered list of live NFA states, each with its age (tokens since the latest start that reaches it,
 * so spans are exact), and the phrases accepted on entering it. Transitions are computed once, on
 * first use, and cached on the state (keyed by token id, or by token id + number class for numbers),
 * so a message costs one hash lookup per token plus its accepted phrases: linear in the input, no
 * regular expressions, no backtracking on user text, and independent of how many phrases share a
 * first word. The cache is bounded (cleared when full); a cache miss costs one step of the NFA.
 *
 * The DFA reproduces the step-by-step NFA simulation exactly (same live-state order, same
 * latest-start rule), so hits, spans and their order are those of the simulation.
 * Proximity (`A ~N B`) keeps the last span of each side (O(1) per accepted phrase); negative
 * context (`unless`) is checked after the pass with a binary search over its occurrences.
 */
import type { NormalisedText } from '../normalise.js';
import type { Phrase, RuleDef, RuleHit, TokenTest } from './types.js';
import { StateTable } from './state-table.js';

const enum Role { Main, A, B, Unless }
interface NumEdge { min: number; max: number; age: boolean; to: number }

/** Cap of candidate spans kept per rule that has an `unless` context (bounds memory on hostile input). */
const MAX_CANDIDATES = 4096;
/** DFA cache bounds: number of cached states and integers held by them; the cache is cleared when either is exceeded. */
const MAX_DFA_STATES = 50_000;
const MAX_DFA_INTS = 8_000_000;
/** Shared by the DFA states that accept no phrase (most). */
const NO_EMITS = new Int32Array(0);
/** `mHits` outside `match` (never pushed to: hits come only from `match`). */
const NO_HITS: RuleHit[] = [];

interface DState {
  /** Live NFA states, in the order the step-by-step simulation lists them. */
  readonly nfa: Int32Array;
  /** Per live NFA state: tokens consumed since its latest start, minus one (span start = position − age). */
  readonly age: Int32Array;
  /** Pairs (phrase id, age) accepted on entering this state, in emission order. */
  readonly emits: Int32Array;
  /**
   * The first transition by token key (`key1`, −1 before it: −1 is the key of `other`, never stored here) and its target,
   * on the state itself: most states are left by one token only (20,062 states, 32,781 transitions after 100,000
   * generated messages), and a Map for that one cost ~200 B of heap a state and a hash lookup on every token.
   */
  key1: number;
  to1: DState | null;
  /** The later transitions by token key, created on the second one. */
  trans: Map<number, DState> | null;
  /** Transition on a token that is neither in the vocabulary nor a number. */
  other: DState | null;
}

export class CompiledMatcher {
  private readonly vocab = new Map<string, number>();
  /**
   * Per NFA state: outgoing edges by token id, wildcard edges, numeric edges, phrases accepted. State 0 is the shared start.
   * `lit`, `any` and `out` are read only while the constructor builds the matcher: `pack` copies them into the flat arrays
   * below and the constructor then empties them (`released`), with `phraseIds` and `usesList`. Kept, they were ~390,000 small
   * arrays and ~50,000 Maps, tens of MB of every engine's heap that no message ever read (issue 11, round 46).
   */
  private lit: (Map<number, number[]> | null)[] = [null];
  private any: (number[] | null)[] = [null];
  private readonly nums: (NumEdge[] | null)[] = [null];
  private out: (number[] | null)[] = [null];
  /** NFA states, state 0 included (`out.length` before it was released). */
  private nStates = 0;
  /**
   * The same edges packed into flat arrays (built once after compilation) for the NFA step of a DFA miss:
   * live states are many (about 30 per miss), and one Map per state meant one scattered lookup each.
   * Per state s: distinct token ids litKey[litStart[s] .. litStart[s+1]) ascending, the targets of key k
   * litTo[litToStart[k] .. litToStart[k+1]) in insertion order; wildcard targets anyTo[anyStart[s] .. anyStart[s+1]);
   * accepted phrases outPid[outStart[s] .. outStart[s+1]).
   */
  private litStart = new Int32Array(1);
  private litKey = new Int32Array(0);
  private litToStart = new Int32Array(1);
  private litTo = new Int32Array(0);
  private anyStart = new Int32Array(1);
  private anyTo = new Int32Array(0);
  private outStart = new Int32Array(1);
  private outPid = new Int32Array(0);
  /** For the start state (every phrase's first words: thousands of keys), the key index of each token id, or -1. */
  private startKey = new Int32Array(0);
  /** Uses of each phrase id: (rule, role) pairs flattened, `useStart[pid]..useStart[pid+1]`. */
  private useRule = new Int32Array(0);
  private useRole = new Uint8Array(0);
  private useStart = new Int32Array(1);
  private readonly usesList: { rule: number; role: Role }[][] = [];
  private readonly phraseIds = new Map<Phrase, number>();
  /** Sorted boundaries of every numeric range: a number's class is how many are ≤ it. */
  private numBreaks: number[] = [];

  // DFA cache
  private cache = new StateTable<DState>();
  private cachedInts = 0;
  private empty!: DState;
  /** Scratch for building DFA states. */
  private stamp = new Int32Array(0);
  private ageOf = new Int32Array(0);
  /** Scratch list of the NFA states reached by one step (at most every state once). */
  private next = new Int32Array(0);
  /** Ages of the states in `next` (scratch). */
  private nextAge = new Int32Array(0);
  private gen = 0;

  // per-message scratch, indexed by rule; valid when `xStamp[rule] === msg`
  private msg = 0;
  private doneStamp = new Int32Array(0);
  private aStamp = new Int32Array(0);
  private aSpan = new Int32Array(0);
  private bStamp = new Int32Array(0);
  private bSpan = new Int32Array(0);
  private candStamp = new Int32Array(0);
  private readonly candArr: number[][] = [];
  /** Occurrences of `unless` phrases, per phrase id (rules sharing an unless phrase share its list). */
  private occStamp = new Int32Array(0);
  private readonly occBuf: Int32Array[] = [];
  private occLen = new Int32Array(0);
  /** Per phrase id: 1 when some rule uses it as an `unless` context. Per rule: that phrase id, or -1. */
  private isUnless = new Uint8Array(0);
  /** The current message's hits (match, for `hit`); NO_HITS between messages. */
  private mHits: RuleHit[] = NO_HITS;
  /** Rules of the current message with `unless` candidates, in the order found; pids whose buffer grew past 1 MB. */
  private readonly candRules: number[] = [];
  private readonly grown: number[] = [];
  private unlessPid = new Int32Array(0);

  constructor(private readonly rules: readonly RuleDef[]) {
    rules.forEach((r, i) => {
      this.addPhrase(r.phrase, { rule: i, role: r.near ? Role.A : Role.Main });
      if (r.near) this.addPhrase(r.near.phrase, { rule: i, role: Role.B });
      if (r.unless) this.addPhrase(r.unless.phrase, { rule: i, role: Role.Unless });
    });
    const nPhrases = this.usesList.length;
    this.isUnless = new Uint8Array(nPhrases);
    this.unlessPid = new Int32Array(rules.length).fill(-1);
    const kept = this.usesList.map((us, pid) => us.filter((u) => {
      if (u.role !== Role.Unless) return true;
      this.isUnless[pid] = 1; this.unlessPid[u.rule] = pid;
      return false;
    }));
    const total = kept.reduce((n, u) => n + u.length, 0);
    this.useRule = new Int32Array(total);
    this.useRole = new Uint8Array(total);
    this.useStart = new Int32Array(nPhrases + 1);
    let k = 0;
    kept.forEach((us, pid) => {
      this.useStart[pid] = k;
      for (const u of us) { this.useRule[k] = u.rule; this.useRole[k] = u.role; k++; }
    });
    this.useStart[nPhrases] = k;
    const breaks = new Set<number>();
    for (const l of this.nums) if (l) for (const e of l) { breaks.add(e.min); breaks.add(e.max + 1); }
    this.numBreaks = [...breaks].sort((a, b) => a - b);
    const nStates = this.out.length;
    this.nStates = nStates;
    this.pack(nStates);
    this.stamp = new Int32Array(nStates);
    this.ageOf = new Int32Array(nStates);
    this.next = new Int32Array(nStates);
    this.nextAge = new Int32Array(nStates);
    const n = rules.length;
    this.doneStamp = new Int32Array(n); this.aStamp = new Int32Array(n); this.bStamp = new Int32Array(n);
    this.aSpan = new Int32Array(2 * n); this.bSpan = new Int32Array(2 * n);
    this.candStamp = new Int32Array(n); this.occStamp = new Int32Array(nPhrases);
    for (let i = 0; i < n; i++) this.candArr.push([]);
    for (let i = 0; i < nPhrases; i++) this.occBuf.push(new Int32Array(this.isUnless[i] ? 16 : 0));
    this.occLen = new Int32Array(nPhrases);
    this.resetCache();
    this.releaseBuild();
  }

  /** Drops what only the constructor reads (see `lit`): the flat arrays, `nums` and the use lists hold everything matching reads. */
  private releaseBuild(): void {
    this.lit = []; this.any = []; this.out = [];
    this.phraseIds.clear();
    this.usesList.length = 0;
  }

  /** True once the construction-only structures are released (always, past the constructor): for tests. */
  get released(): boolean {
    return this.lit.length === 0 && this.any.length === 0 && this.out.length === 0 && this.phraseIds.size === 0 && this.usesList.length === 0;
  }

  /** Builds the flat edge arrays from `lit`, `any` and `out` (same targets, same order). */
  private pack(nStates: number): void {
    const litStart = new Int32Array(nStates + 1); const keys: number[] = []; const toStart: number[] = [0]; const tos: number[] = [];
    const anyStart = new Int32Array(nStates + 1); const anyTo: number[] = [];
    const outStart = new Int32Array(nStates + 1); const outPid: number[] = [];
    for (let st = 0; st < nStates; st++) {
      litStart[st] = keys.length;
      const m = this.lit[st];
      if (m) for (const id of [...m.keys()].sort((a, b) => a - b)) { keys.push(id); tos.push(...m.get(id)!); toStart.push(tos.length); }
      anyStart[st] = anyTo.length;
      for (const t of this.any[st] ?? []) anyTo.push(t);
      outStart[st] = outPid.length;
      for (const pid of this.out[st] ?? []) outPid.push(pid);
    }
    litStart[nStates] = keys.length; anyStart[nStates] = anyTo.length; outStart[nStates] = outPid.length;
    this.litStart = litStart; this.litKey = Int32Array.from(keys); this.litToStart = Int32Array.from(toStart); this.litTo = Int32Array.from(tos);
    this.anyStart = anyStart; this.anyTo = Int32Array.from(anyTo);
    this.outStart = outStart; this.outPid = Int32Array.from(outPid);
    this.startKey = new Int32Array(this.vocab.size).fill(-1);
    for (let k = litStart[0]!; k < litStart[1]!; k++) this.startKey[this.litKey[k]!] = k;
  }

  get stateCount(): number { return this.nStates; }
  /** Number of DFA states currently cached (for benchmarks). */
  get dfaStateCount(): number { return this.cache.size; }

  /**
   * A census of the cached DFA states (tests, benchmarks; walks the whole cache): transitions cached (`other` included),
   * states holding a Map of transitions, states left by one token only, integers held, and states whose live states and
   * ages sit in two backing stores (0 since round 47: one buffer, two views).
   */
  dfaCensus(): { states: number; transitions: number; maps: number; oneTransition: number; ints: number; twoBuffers: number } {
    const c = { states: 0, transitions: 0, maps: 0, oneTransition: 0, ints: 0, twoBuffers: 0 };
    for (const d of this.cache.values()) {
      const n = (d.to1 ? 1 : 0) + (d.trans ? d.trans.size : 0) + (d.other ? 1 : 0);
      c.states++; c.transitions += n; c.ints += 2 * d.nfa.length + d.emits.length;
      if (d.trans) c.maps++;
      if (n === 1) c.oneTransition++;
      if (d.nfa.length > 0 && d.nfa.buffer !== d.age.buffer) c.twoBuffers++;
    }
    return c;
  }

  private edge(from: number, t: TokenTest, to: number): void {
    if (t.kind === 'any') {
      const l = this.any[from] ?? []; l.push(to); this.any[from] = l;
    } else if (t.kind === 'lit') {
      let id = this.vocab.get(t.word);
      if (id === undefined) { id = this.vocab.size; this.vocab.set(t.word, id); }
      let m = this.lit[from];
      if (!m) { m = new Map(); this.lit[from] = m; }
      const l = m.get(id);
      if (l) l.push(to); else m.set(id, [to]);
    } else {
      const l = this.nums[from] ?? []; l.push({ min: t.min, max: t.max, age: t.age, to }); this.nums[from] = l;
    }
  }

  private addPhrase(phrase: Phrase, use: { rule: number; role: Role }): void {
    const known = this.phraseIds.get(phrase);
    if (known !== undefined) { this.usesList[known]!.push(use); return; }
    const pid = this.usesList.length;
    this.phraseIds.set(phrase, pid);
    this.usesList.push([use]);
    const base = this.out.length;
    for (let p = 0; p < phrase.tests.length; p++) { this.lit.push(null); this.any.push(null); this.nums.push(null); this.out.push(null); }
    for (const f of phrase.first) this.edge(0, phrase.tests[f]!, base + f);
    phrase.follow.forEach((fs, p) => { for (const q of fs) this.edge(base + p, phrase.tests[q]!, base + q); });
    for (const l of phrase.last) this.out[base + l] = [...(this.out[base + l] ?? []), pid];
  }

  private resetCache(): void {
    this.cache = new StateTable<DState>();
    this.cachedInts = 0;
    this.empty = this.intern(new Int32Array(0), new Int32Array(0), new Int32Array(0));
  }

  private intern(nfa: Int32Array, age: Int32Array, emits: Int32Array): DState {
    const known = this.cache.get(nfa, age);
    if (known) return known;
    const d: DState = { nfa, age, emits, key1: -1, to1: null, trans: null, other: null };
    this.cache.add(d);
    this.cachedInts += 2 * nfa.length + emits.length + 8;
    return d;
  }

  /** The class of a number: which elementary interval of all numeric ranges holds it. */
  private numClass(v: number): number {
    const b = this.numBreaks;
    let lo = 0; let hi = b.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (b[mid]! <= v) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** One step of the NFA from `cur` on a token; the resulting DFA state, cached on `cur` under `key`. */
  private transition(cur: DState, id: number, numVal: number, isAge: boolean, key: number): DState {
    if (this.cache.size >= MAX_DFA_STATES || this.cachedInts >= MAX_DFA_INTS) {
      // Bound memory: drop every cached state; `cur` is kept (re-interned with no transitions).
      this.resetCache();
      const again = this.intern(cur.nfa, cur.age, cur.emits);
      again.key1 = -1; again.to1 = null; again.trans = null; again.other = null;
      cur = again;
    }
    const mark = ++this.gen;
    if (mark === 0x7fffffff) { this.stamp.fill(0); this.gen = 1; }
    const m = this.gen;
    const stamp = this.stamp; const ageOf = this.ageOf;
    const nums = this.nums;
    const litStart = this.litStart; const litKey = this.litKey; const litToStart = this.litToStart; const litTo = this.litTo;
    const anyStart = this.anyStart; const anyTo = this.anyTo; const outStart = this.outStart; const outPid = this.outPid;
    // One NFA step from the start state (age 0) and from each live state (age + 1); a state reached twice keeps its
    // first place in the list and its smallest age (the latest start). Per state: its edges on the token, then its
    // wildcard edges, then its numeric edges.
    const next = this.next;
    let len = 0;
    for (let k = -1; k < cur.nfa.length; k++) {
      const s = k < 0 ? 0 : cur.nfa[k]!;
      const a = k < 0 ? 0 : cur.age[k]! + 1;
      if (id >= 0) {
        let lo: number;
        if (s === 0) lo = this.startKey[id]!;
        else {
          lo = litStart[s]!; let hi = litStart[s + 1]!;
          while (lo < hi) { const mid = (lo + hi) >> 1; if (litKey[mid]! < id) lo = mid + 1; else hi = mid; }
          if (lo >= litStart[s + 1]! || litKey[lo] !== id) lo = -1;
        }
        if (lo >= 0) {
          for (let j = litToStart[lo]!; j < litToStart[lo + 1]!; j++) {
            const t = litTo[j]!;
            if (stamp[t] === m) { if (a < ageOf[t]!) ageOf[t] = a; } else { stamp[t] = m; ageOf[t] = a; next[len++] = t; }
          }
        }
      }
      for (let j = anyStart[s]!; j < anyStart[s + 1]!; j++) {
        const t = anyTo[j]!;
        if (stamp[t] === m) { if (a < ageOf[t]!) ageOf[t] = a; } else { stamp[t] = m; ageOf[t] = a; next[len++] = t; }
      }
      const edges = numVal >= 0 ? nums[s] : null;
      if (edges) for (const e of edges) {
        if (!(numVal >= e.min && numVal <= e.max && (!e.age || isAge))) continue;
        if (stamp[e.to] === m) { if (a < ageOf[e.to]!) ageOf[e.to] = a; } else { stamp[e.to] = m; ageOf[e.to] = a; next[len++] = e.to; }
      }
    }
    // About half of the misses reach a state already cached (from another state): found by views of the scratch
    // buffers, the arrays and accepted phrases of a new state built only when it is new.
    const ages = this.nextAge;
    for (let k = 0; k < len; k++) ages[k] = ageOf[next[k]!]!;
    let d = this.cache.get(next.subarray(0, len), ages.subarray(0, len));
    if (!d) {
      const emits: number[] = [];
      for (let k = 0; k < len; k++) {
        const to = next[k]!;
        for (let j = outStart[to]!; j < outStart[to + 1]!; j++) emits.push(outPid[j]!, ageOf[to]!);
      }
      // The live states and their ages in one buffer (two views): one backing store a state, not two.
      const both = new Int32Array(2 * len);
      for (let k = 0; k < len; k++) { both[k] = next[k]!; both[len + k] = ages[k]!; }
      d = this.intern(both.subarray(0, len), both.subarray(len), emits.length ? Int32Array.from(emits) : NO_EMITS);
    }
    if (key === -1) cur.other = d;
    else if (cur.key1 === -1) { cur.key1 = key; cur.to1 = d; } else (cur.trans ??= new Map()).set(key, d);
    return d;
  }

  match(norm: NormalisedText): RuleHit[] {
    const toks = norm.tokens;
    const rules = this.rules;
    if (++this.msg === 0x7fffffff) {
      this.msg = 1;
      for (const a of [this.doneStamp, this.aStamp, this.bStamp, this.candStamp, this.occStamp]) a.fill(0);
    }
    const hits: RuleHit[] = [];
    // The message's hits and candidate rules live on the matcher while it runs (`hit`, `emit`: methods, not two
    // closures and their context per message; issue 14, round 17). `candRules` and `grown` are reused.
    this.mHits = hits;
    const candRules = this.candRules;
    candRules.length = 0;
    const grown = this.grown;
    grown.length = 0;
    const msg = this.msg;
    const candArr = this.candArr; const occStamp = this.occStamp; const occBuf = this.occBuf; const occLen = this.occLen;

    const vocab = this.vocab;
    const vSize = vocab.size + 1;
    let cur = this.empty;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      const id = vocab.get(t) ?? -1;
      let numVal = -1;
      let isAge = false;
      const c0 = t.charCodeAt(0);
      if (c0 >= 48 && c0 <= 57 && t.length <= 9) {
        let ok = true;
        for (let k = 1; k < t.length; k++) { const c = t.charCodeAt(k); if (c < 48 || c > 57) { ok = false; break; } }
        if (ok) { numVal = Number(t); isAge = norm.ages.includes(numVal); }
      }
      let key: number;
      let nx: DState | null | undefined;
      if (numVal >= 0) {
        key = -2 - ((this.numClass(numVal) * 2 + (isAge ? 1 : 0)) * vSize + id + 1);
        nx = cur.key1 === key ? cur.to1 : cur.trans?.get(key);
      } else if (id < 0) {
        key = -1;
        nx = cur.other;
      } else {
        key = id;
        nx = cur.key1 === id ? cur.to1 : cur.trans?.get(id);
      }
      if (!nx) nx = this.transition(cur, id, numVal, isAge, key);
      const em = nx.emits;
      for (let k = 0; k < em.length; k += 2) this.emit(em[k]!, i - em[k + 1]!, i);
      cur = nx;
    }

    for (let ci = 0; ci < candRules.length; ci++) {
      const ri = candRules[ci]!;
      const r = rules[ri]!;
      const c = candArr[ri]!;
      const up = this.unlessPid[ri]!;
      const nOcc = occStamp[up] === msg ? occLen[up]! : 0;
      for (let k = 0; k < c.length; k += 2) {
        const s = c[k]!; const e = c[k + 1]!;
        if (nOcc > 0 && suppressed(occBuf[up]!, nOcc, s, e, r.unless!.window)) continue;
        pushHit(hits, r, s, e);
        break;
      }
    }
    for (let gi = 0; gi < grown.length; gi++) occBuf[grown[gi]!] = new Int32Array(16); // do not keep a hostile message's buffers (> 1 MB)
    this.mHits = NO_HITS;
    return hits;
  }

  /** A rule's main phrase (or its near pair) matched tokens [s, e] of the current message. */
  private hit(ri: number, s: number, e: number): void {
    const r = this.rules[ri]!;
    const msg = this.msg;
    const doneStamp = this.doneStamp;
    if (r.unless) {
      const c = this.candArr[ri]!;
      if (this.candStamp[ri] !== msg) { this.candStamp[ri] = msg; c.length = 0; this.candRules.push(ri); }
      if (doneStamp[ri] === msg) return;
      c.push(s, e);
      // saturated: later candidates would be dropped, so the rule is done for this message
      if (c.length >= MAX_CANDIDATES * 2) doneStamp[ri] = msg;
      return;
    }
    if (doneStamp[ri] === msg) return;
    doneStamp[ri] = msg;
    pushHit(this.mHits, r, s, e);
  }

  /** Phrase `pid` accepted tokens [s, e] of the current message. */
  private emit(pid: number, s: number, e: number): void {
    const msg = this.msg;
    if (this.isUnless[pid]) {
      const occBuf = this.occBuf; const occStamp = this.occStamp; const occLen = this.occLen;
      let o = occBuf[pid]!;
      if (occStamp[pid] !== msg) { occStamp[pid] = msg; occLen[pid] = 0; }
      const k = occLen[pid]!;
      if (!(k >= 2 && o[k - 2] === s && o[k - 1] === e)) {
        if (k + 2 > o.length) { const g = new Int32Array(o.length * 2); g.set(o); occBuf[pid] = o = g; if (g.length === 1 << 18) this.grown.push(pid); }
        o[k] = s; o[k + 1] = e; occLen[pid] = k + 2;
      }
    }
    const useStart = this.useStart; const useRule = this.useRule; const useRole = this.useRole; const doneStamp = this.doneStamp;
    for (let u = useStart[pid]!; u < useStart[pid + 1]!; u++) {
      const ri = useRule[u]!;
      const role = useRole[u]! as Role;
      if (role === Role.Main) this.hit(ri, s, e);
      else {
        const r = this.rules[ri]!;
        if (doneStamp[ri] === msg) continue; // done, or (with unless) candidates saturated
        const win = r.near!.window;
        const isA = role === Role.A;
        const mineStamp = isA ? this.aStamp : this.bStamp; const mineSpan = isA ? this.aSpan : this.bSpan;
        const otherStamp = isA ? this.bStamp : this.aStamp; const otherSpan = isA ? this.bSpan : this.aSpan;
        if (mineStamp[ri] !== msg || mineSpan[2 * ri + 1]! < e || mineSpan[2 * ri]! < s) {
          mineStamp[ri] = msg; mineSpan[2 * ri] = s; mineSpan[2 * ri + 1] = e;
        }
        if (otherStamp[ri] === msg) {
          const os = otherSpan[2 * ri]!; const oe = otherSpan[2 * ri + 1]!;
          if (s - oe - 1 <= win && os !== s) this.hit(ri, Math.min(os, s), Math.max(oe, e));
        }
      }
    }
  }
}

/** The hit of rule `r` on tokens [s, e], then one cue hit per cue it also sets (field `cue=`): same ruleId, weight and span. */
function pushHit(hits: RuleHit[], r: RuleDef, s: number, e: number): void {
  hits.push({ ruleId: r.id, label: r.label, weight: r.weight, kind: r.kind, span: [s, e] });
  const cues = r.cues;
  if (cues !== undefined) for (let i = 0; i < cues.length; i++) hits.push({ ruleId: r.id, label: cues[i]!, weight: r.weight, kind: 'cue', span: [s, e] });
}

/** True when some occurrence (the first `len` entries of `occ`: pairs start,end sorted by end) lies within `window` tokens of [s, e] (anywhere if window is null). */
function suppressed(occ: Int32Array, len: number, s: number, e: number, window: number | null): boolean {
  if (window === null) return len > 0;
  // first occurrence whose end ≥ s - window
  let lo = 0; let hi = len / 2;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (occ[mid * 2 + 1]! < s - window) lo = mid + 1; else hi = mid; }
  for (let k = lo; k < len / 2; k++) {
    const os = occ[k * 2]!; const oe = occ[k * 2 + 1]!;
    if (oe > e + window + 16) break;
    if (os <= e + window) return true;
  }
  return false;
}
