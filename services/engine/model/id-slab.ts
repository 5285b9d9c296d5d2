/**
 * Kept copies of feature ids (or their hashes) cut from shared slabs: `keepIds(view)` returns a Uint32Array with the
 * same values as `view.slice()`, a view of a slab instead of an array with a buffer of its own. A typed array of more
 * than 64 bytes has its buffer outside the JS heap, and one per message and model (the message model's hashes, the
 * window model's line ids) cost an allocation and a tracked backing store for the garbage collector each (issue 14,
 * round 16b). Each slot of a slab is handed out once (a full slab is replaced, never reused), so a kept copy never
 * changes; a slab lives while a copy cut from it does.
 */

/** Uint32 slots per slab (256 KB). */
export const ID_SLAB_SIZE = 1 << 16;
let slab = new Uint32Array(ID_SLAB_SIZE);
let next = 0;

/** A copy of `ids` that nothing else writes to (the same values as `ids.slice()`). */
export function keepIds(ids: Uint32Array): Uint32Array {
  const n = ids.length;
  // Long arrays (hostile texts) and empty ones get their own copy: a slab is for the many short ones.
  if (n === 0 || n > ID_SLAB_SIZE >> 4) return ids.slice();
  if (next + n > ID_SLAB_SIZE) { slab = new Uint32Array(ID_SLAB_SIZE); next = 0; }
  const at = next;
  next += n;
  slab.set(ids, at);
  return slab.subarray(at, at + n);
}
