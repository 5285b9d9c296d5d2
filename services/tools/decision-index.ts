/**
 * messageId → packed decision, in about 24 bytes per entry (open addressing over typed arrays, keys
 * are 52-bit hashes of the id). Replay indexes every recorded verdict of a range here, so memory
 * stays proportional to the range with a small constant, whatever the verdicts' size. Two different
 * ids share a 52-bit hash with probability about n²/2^53 (≈ 1e-4 for ten million ids).
 */

/** 52-bit FNV-1a-style hash of a string (two independent 32-bit lanes), exact as a double. */
export function hash52(s: string): number {
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff) + 1; // +1: 0 marks an empty slot
}

export class DecisionIndex {
  #keys: Float64Array;
  #vals: Uint32Array;
  #size = 0;

  constructor(capacity = 1 << 16) {
    let n = 16;
    while (n < capacity * 2) n <<= 1;
    this.#keys = new Float64Array(n);
    this.#vals = new Uint32Array(n);
  }

  get size(): number { return this.#size; }

  #slot(keys: Float64Array, k: number): number {
    const mask = keys.length - 1;
    let i = (k % 0x40000000) & mask;
    while (keys[i] !== 0 && keys[i] !== k) i = (i + 1) & mask;
    return i;
  }

  /** Sets (or replaces: the latest recorded verdict wins) the decision of `id`. */
  set(id: string, packed: number): void {
    if ((this.#size + 1) * 2 > this.#keys.length) this.#grow();
    const k = hash52(id);
    const i = this.#slot(this.#keys, k);
    if (this.#keys[i] === 0) { this.#keys[i] = k; this.#size++; }
    this.#vals[i] = packed;
  }

  get(id: string): number | undefined {
    const k = hash52(id);
    const i = this.#slot(this.#keys, k);
    return this.#keys[i] === 0 ? undefined : this.#vals[i];
  }

  #grow(): void {
    const oldK = this.#keys, oldV = this.#vals;
    this.#keys = new Float64Array(oldK.length * 2);
    this.#vals = new Uint32Array(oldK.length * 2);
    for (let j = 0; j < oldK.length; j++) {
      const k = oldK[j]!;
      if (k === 0) continue;
      const i = this.#slot(this.#keys, k);
      this.#keys[i] = k;
      this.#vals[i] = oldV[j]!;
    }
  }

  /** Bytes held by the two arrays. */
  get bytes(): number { return this.#keys.byteLength + this.#vals.byteLength; }
}
