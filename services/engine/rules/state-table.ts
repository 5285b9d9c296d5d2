/**
 * The DFA cache's index: DFA states keyed by their (live NFA states, ages) pair of integer arrays, found
 * by a numeric hash of both arrays and an exact comparison — no key string built per lookup. Order of
 * insertion does not matter; `size` counts the states held.
 */
export interface Keyed { readonly nfa: Int32Array; readonly age: Int32Array }

/** 32-bit hash of the two arrays (multiplicative mixing of every element, the lengths included). */
export function hashStates(nfa: Int32Array, age: Int32Array): number {
  let h = 0x811c9dc5 ^ nfa.length;
  for (let k = 0; k < nfa.length; k++) {
    h = Math.imul(h ^ nfa[k]!, 0x01000193);
    h = Math.imul(h ^ age[k]!, 0x01000193);
  }
  return (h ^ (h >>> 15)) | 0;
}

function same(a: Keyed, nfa: Int32Array, age: Int32Array): boolean {
  if (a.nfa.length !== nfa.length) return false;
  for (let k = 0; k < nfa.length; k++) if (a.nfa[k] !== nfa[k] || a.age[k] !== age[k]) return false;
  return true;
}

export class StateTable<T extends Keyed> {
  /** One state per hash, or the list of those sharing it. */
  private readonly byHash = new Map<number, T | T[]>();
  size = 0;
  /** `hash` is replaceable for tests (a constant one puts every state in one bucket). */
  constructor(private readonly hash: (nfa: Int32Array, age: Int32Array) => number = hashStates) {}

  get(nfa: Int32Array, age: Int32Array): T | undefined {
    const b = this.byHash.get(this.hash(nfa, age));
    if (b === undefined) return undefined;
    if (!Array.isArray(b)) return same(b, nfa, age) ? b : undefined;
    for (const d of b) if (same(d, nfa, age)) return d;
    return undefined;
  }

  /** Every state held (for censuses in tests and benchmarks; not on the matching path). */
  *values(): IterableIterator<T> {
    for (const b of this.byHash.values()) if (Array.isArray(b)) yield* b; else yield b;
  }

  /** Adds `d` (the caller checked with `get` that no equal state is held). */
  add(d: T): void {
    const h = this.hash(d.nfa, d.age);
    const b = this.byHash.get(h);
    if (b === undefined) this.byHash.set(h, d);
    else if (Array.isArray(b)) b.push(d);
    else this.byHash.set(h, [b, d]);
    this.size++;
  }
}
