/**
 * The DFA cache's transitions: (state number, token key) → state number, all states' transitions in one
 * open-addressed table of three Int32Arrays (linear probing, at most half full, doubled when it would pass that).
 * A lookup is one hash and, most often, one probe into contiguous memory: one Map per cached state meant a chain of
 * scattered objects per token (state → its Map → the Map's store → the target), a cache miss each on tens of
 * thousands of states (issue 14, round 22). Keys are any int32 (the matcher's number classes are negative); states are ≥ 0.
 */
export class TransitionTable {
  private from: Int32Array;
  private key: Int32Array;
  private to: Int32Array;
  private mask: number;
  /** Transitions held. */
  size = 0;

  constructor(initialSlots = 1 << 12) {
    let n = 16;
    while (n < initialSlots) n <<= 1;
    this.from = new Int32Array(n).fill(-1);
    this.key = new Int32Array(n);
    this.to = new Int32Array(n);
    this.mask = n - 1;
  }

  /** Slots allocated (for tests and memory accounting). */
  get capacity(): number { return this.mask + 1; }

  private static slot(state: number, key: number, mask: number): number {
    let h = Math.imul(state, 0x9e3779b1) ^ Math.imul(key ^ (key >>> 16), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) & mask;
  }

  /** The state reached from `state` on `key`, or -1 when not held. */
  get(state: number, key: number): number {
    const from = this.from; const keys = this.key; const mask = this.mask;
    let i = TransitionTable.slot(state, key, mask);
    for (;;) {
      const f = from[i]!;
      if (f === state && keys[i] === key) return this.to[i]!;
      if (f === -1) return -1;
      i = (i + 1) & mask;
    }
  }

  /** Sets the transition (replacing one held for the same state and key). `state` and `to` must be ≥ 0. */
  set(state: number, key: number, to: number): void {
    if (state < 0 || to < 0) throw new RangeError(`transition states must be ≥ 0 (got ${state} → ${to})`);
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const from = this.from; const keys = this.key; const mask = this.mask;
    let i = TransitionTable.slot(state, key, mask);
    for (;;) {
      const f = from[i]!;
      if (f === -1) { from[i] = state; keys[i] = key; this.to[i] = to; this.size++; return; }
      if (f === state && keys[i] === key) { this.to[i] = to; return; }
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldFrom = this.from; const oldKey = this.key; const oldTo = this.to;
    const n = (this.mask + 1) * 2;
    this.from = new Int32Array(n).fill(-1);
    this.key = new Int32Array(n);
    this.to = new Int32Array(n);
    this.mask = n - 1;
    this.size = 0;
    for (let i = 0; i < oldFrom.length; i++) if (oldFrom[i] !== -1) this.set(oldFrom[i]!, oldKey[i]!, oldTo[i]!);
  }
}
