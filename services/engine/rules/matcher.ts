/**
 * Token-level matcher. The position automata of all rule phrases are merged into one automaton
 * over token ids with a shared start state (dispatch on the first token by hash lookup); matching
 * walks it over the token stream once, keeping the set of live states (deduplicated per position).
 * Phrases have no cycles, so live states are bounded by the automaton and the cost is
 * O(tokens × live states): linear in the input, no regular expressions, no backtracking on user text. Proximity (`A ~N B`) keeps the last end of each side;
 * negative context (`unless`) is checked after the pass with a binary search over its occurrences.
 */
import type { NormalisedText } from '../normalise.js';
import type { Phrase, RuleDef, RuleHit, TokenTest } from './types.js';

const enum Role { Main, A, B, Unless }
interface Use { rule: number; role: Role }
interface NumEdge { min: number; max: number; age: boolean; to: number }

/** Cap of candidate spans kept per rule that has an `unless` context (bounds memory on hostile input). */
const MAX_CANDIDATES = 4096;

export class CompiledMatcher {
  private readonly vocab = new Map<string, number>();
  /** Per automaton state: outgoing edges by token id, wildcard edges, numeric edges, phrases accepted. State 0 is the shared start. */
  private readonly lit: (Map<number, number[]> | null)[] = [null];
  private readonly any: (number[] | null)[] = [null];
  private readonly nums: (NumEdge[] | null)[] = [null];
  private readonly out: (number[] | null)[] = [null];
  private readonly uses: Use[][] = [];
  /** Per-state scratch reused across calls: stamp[s] === gen + position marks s live at that position. */
  private stamp = new Int32Array(0);
  private startOf = new Int32Array(0);
  private gen = 0;

  constructor(private readonly rules: readonly RuleDef[]) {
    rules.forEach((r, i) => {
      this.addPhrase(r.phrase, { rule: i, role: r.near ? Role.A : Role.Main });
      if (r.near) this.addPhrase(r.near.phrase, { rule: i, role: Role.B });
      if (r.unless) this.addPhrase(r.unless.phrase, { rule: i, role: Role.Unless });
    });
  }

  get stateCount(): number { return this.out.length; }

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

  private readonly phraseIds = new Map<Phrase, number>();

  private addPhrase(phrase: Phrase, use: Use): void {
    const known = this.phraseIds.get(phrase);
    if (known !== undefined) { this.uses[known]!.push(use); return; }
    const pid = this.uses.length;
    this.phraseIds.set(phrase, pid);
    this.uses.push([use]);
    const base = this.out.length;
    for (let p = 0; p < phrase.tests.length; p++) { this.lit.push(null); this.any.push(null); this.nums.push(null); this.out.push(null); }
    for (const f of phrase.first) this.edge(0, phrase.tests[f]!, base + f);
    phrase.follow.forEach((fs, p) => { for (const q of fs) this.edge(base + p, phrase.tests[q]!, base + q); });
    for (const l of phrase.last) this.out[base + l] = [...(this.out[base + l] ?? []), pid];
  }

  private tokenId(t: string): number {
    return this.vocab.get(t) ?? -1;
  }

  match(norm: NormalisedText): RuleHit[] {
    const toks = norm.tokens;
    const nRules = this.rules.length;
    const done = new Uint8Array(nRules);
    const hits: RuleHit[] = [];
    const lastA = new Map<number, [number, number]>();
    const lastB = new Map<number, [number, number]>();
    const cands = new Map<number, number[]>();
    const unlessOcc = new Map<number, number[]>();
    const hit = (ri: number, s: number, e: number) => {
      const r = this.rules[ri]!;
      if (r.unless) {
        let c = cands.get(ri);
        if (!c) { c = []; cands.set(ri, c); }
        if (c.length < MAX_CANDIDATES * 2) c.push(s, e);
        return;
      }
      if (done[ri]) return;
      done[ri] = 1;
      hits.push({ ruleId: r.id, label: r.label, weight: r.weight, kind: r.kind, span: [s, e] });
    };

    const emit = (pid: number, s: number, e: number) => {
      for (const u of this.uses[pid]!) {
        const ri = u.rule;
        if (u.role === Role.Main) hit(ri, s, e);
        else if (u.role === Role.Unless) {
          let o = unlessOcc.get(ri);
          if (!o) { o = []; unlessOcc.set(ri, o); }
          const k = o.length;
          if (k >= 2 && o[k - 2] === s && o[k - 1] === e) continue;
          o.push(s, e);
        } else {
          if (done[ri] && !this.rules[ri]!.unless) continue;
          const win = this.rules[ri]!.near!.window;
          const mine = u.role === Role.A ? lastA : lastB;
          const other = u.role === Role.A ? lastB : lastA;
          const prevMine = mine.get(ri);
          if (!prevMine || prevMine[1] < e || prevMine[0] < s) mine.set(ri, [s, e]);
          const o = other.get(ri);
          if (o && s - o[1] - 1 <= win && o[0] !== s) hit(ri, Math.min(o[0], s), Math.max(o[1], e));
        }
      }
    };

    const nStates = this.out.length;
    if (this.stamp.length !== nStates || this.gen + toks.length + 2 > 0x7fffffff) {
      this.stamp = new Int32Array(nStates).fill(-1);
      this.startOf = new Int32Array(nStates);
      this.gen = 0;
    }
    const stamp = this.stamp;
    const startOf = this.startOf;
    const gen = this.gen;
    this.gen += toks.length + 1;
    let active: number[] = [];
    let next: number[] = [];
    let mark = 0; let id = -1; let numVal = -1; let isAge = false;
    const lit = this.lit; const any = this.any; const nums = this.nums; const out = this.out;
    const visit = (to: number, st: number) => {
      if (stamp[to] === mark) { if (st > startOf[to]!) startOf[to] = st; return; }
      stamp[to] = mark;
      startOf[to] = st;
      next.push(to);
    };
    const step = (s: number, st: number) => {
      if (id >= 0) { const l = lit[s]?.get(id); if (l) for (let k = 0; k < l.length; k++) visit(l[k]!, st); }
      const a = any[s];
      if (a) for (let k = 0; k < a.length; k++) visit(a[k]!, st);
      if (numVal >= 0) {
        const edges = nums[s];
        if (edges) for (const e of edges) if (numVal >= e.min && numVal <= e.max && (!e.age || isAge)) visit(e.to, st);
      }
    };

    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      id = this.tokenId(t);
      numVal = -1;
      isAge = false;
      mark = gen + i;
      const c0 = t.charCodeAt(0);
      if (c0 >= 48 && c0 <= 57 && t.length <= 9) {
        let ok = true;
        for (let k = 1; k < t.length; k++) { const c = t.charCodeAt(k); if (c < 48 || c > 57) { ok = false; break; } }
        if (ok) { numVal = Number(t); isAge = norm.ages.includes(numVal); }
      }
      next.length = 0;
      step(0, i);
      for (let k = 0; k < active.length; k++) { const s = active[k]!; step(s, startOf[s]!); }
      for (let k = 0; k < next.length; k++) {
        const to = next[k]!;
        const o = out[to];
        if (o) for (const pid of o) emit(pid, startOf[to]!, i);
      }
      const tmp = active; active = next; next = tmp;
    }

    for (const [ri, c] of cands) {
      const r = this.rules[ri]!;
      const occ = unlessOcc.get(ri);
      for (let k = 0; k < c.length; k += 2) {
        const s = c[k]!; const e = c[k + 1]!;
        if (occ && suppressed(occ, s, e, r.unless!.window)) continue;
        hits.push({ ruleId: r.id, label: r.label, weight: r.weight, kind: r.kind, span: [s, e] });
        break;
      }
    }
    return hits;
  }
}

/** True when some occurrence (pairs start,end sorted by end) lies within `window` tokens of [s, e] (anywhere if window is null). */
function suppressed(occ: number[], s: number, e: number, window: number | null): boolean {
  if (window === null) return occ.length > 0;
  // first occurrence whose end ≥ s - window
  let lo = 0; let hi = occ.length / 2;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (occ[mid * 2 + 1]! < s - window) lo = mid + 1; else hi = mid; }
  for (let k = lo; k < occ.length / 2; k++) {
    const os = occ[k * 2]!; const oe = occ[k * 2 + 1]!;
    if (oe > e + window + 16) break;
    if (os <= e + window) return true;
  }
  return false;
}
