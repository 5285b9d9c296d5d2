/**
 * The recency queue of conversation or sender entries (state.ts): which key was touched when, oldest first.
 * Two parallel arrays, keys and touch numbers, instead of a `[key, touch]` pair per touch (issue 14, round 18): a
 * touch on every message made two small arrays that lived long enough to be promoted and copied by the scavenger,
 * then became garbage at compaction. Items before `head` were taken off (evicted or stale); they are dropped from
 * the arrays in bulk (`dropTaken`), not one splice per message (which also returned an array of the removed items).
 * Plain data like the rest of the state; the JSON form (serialiseState) is still the list of pairs (`queuePairs`).
 */
export interface RecencyQueue {
  keys: string[];
  touches: number[];
  /** Index of the oldest item still queued: the items before it were taken off. */
  head: number;
}

export function newQueue(): RecencyQueue {
  return { keys: [], touches: [], head: 0 };
}

/** A queue holding `pairs` ([key, touch number], oldest first): a JSON state's queue, or one rebuilt on restore. */
export function queueFromPairs(pairs: readonly (readonly [string, number])[]): RecencyQueue {
  const q = newQueue();
  for (const [key, t] of pairs) queuePush(q, key, t);
  return q;
}

/** The queued items as [key, touch number] pairs, oldest first (the JSON form of the queue). */
export function queuePairs(q: RecencyQueue): [string, number][] {
  const out: [string, number][] = [];
  for (let i = q.head; i < q.keys.length; i++) out.push([q.keys[i]!, q.touches[i]!]);
  return out;
}

/** Items still queued (stale ones included). */
export function queueLength(q: RecencyQueue): number {
  return q.keys.length - q.head;
}

export function queuePush(q: RecencyQueue, key: string, t: number): void {
  q.keys.push(key);
  q.touches.push(t);
}

export function isQueue(x: unknown): x is RecencyQueue {
  const q = x as RecencyQueue | null;
  return !!q && typeof q === 'object' && Array.isArray(q.keys) && Array.isArray(q.touches) && typeof q.head === 'number';
}

/**
 * Keeps, of the queued items, those `keep` accepts (in order), at the front of the arrays: `head` becomes 0. With no
 * `keep`, only drops the items taken off. O(items): called when at least half of the arrays can go.
 */
export function compactQueue(q: RecencyQueue, keep?: (key: string, t: number) => boolean): void {
  const { keys, touches } = q;
  let w = 0;
  for (let i = q.head; i < keys.length; i++) {
    const k = keys[i]!;
    const t = touches[i]!;
    if (keep && !keep(k, t)) continue;
    keys[w] = k;
    touches[w] = t;
    w++;
  }
  keys.length = w;
  touches.length = w;
  q.head = 0;
}

/** Drops the items taken off once they are more than the items left (and more than a few): amortised O(1) per item. */
export function dropTaken(q: RecencyQueue): void {
  if (q.head > 64 && 2 * q.head > q.keys.length) compactQueue(q);
}
