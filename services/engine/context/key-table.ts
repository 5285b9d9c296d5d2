/**
 * Interned record keys (issue 14, round 38): the state's records are keyed by strings joined from ids (`c:<conversation>`,
 * `s:<sender>`, `p:<participant>`, `<sender>\u0000<recipient>`), and a key joined afresh on every message is a new string
 * that each lookup must flatten, hash and find in V8's string table before the record's own hash table is probed. The
 * table hands back the string it joined the first time for the same two parts: once used as a property key it is the
 * internalised one, and the lookup skips those steps. Only the identity of the string changes, never its text: `of(a, b)`
 * is always `a + sep + b`.
 *
 * Bounded: past `maxEntries` keys the whole table is dropped and refilled as messages come (a clear, not an eviction
 * order: the keys are a cache of strings, and any key asked for again is joined again).
 */
export class KeyTable {
  private readonly byFirst = new Map<string, Map<string, string>>();
  private entries = 0;

  constructor(private readonly sep: string, private readonly maxEntries = 65_536) {
    if (!(maxEntries >= 1)) throw new RangeError(`KeyTable: maxEntries must be at least 1, got ${maxEntries}`);
  }

  /** `a + sep + b`, the same string object as the last time while the table holds it. */
  of(a: string, b: string): string {
    let inner = this.byFirst.get(a);
    if (inner === undefined) {
      if (this.entries >= this.maxEntries) this.clear();
      inner = new Map();
      this.byFirst.set(a, inner);
    }
    let key = inner.get(b);
    if (key === undefined) {
      if (this.entries >= this.maxEntries) { this.clear(); return this.of(a, b); }
      key = a + this.sep + b;
      inner.set(b, key);
      this.entries++;
    }
    return key;
  }

  /** Keys held (for tests and metrics). */
  get size(): number {
    return this.entries;
  }

  clear(): void {
    this.byFirst.clear();
    this.entries = 0;
  }
}

/** `c:`, `s:` and `p:` keys of the state's conversations, senders and participants: `STATE_KEYS.of('c', id)` is `c:${id}`. */
export const STATE_KEYS = new KeyTable(':');
/** A conversation's pair keys, `${senderId}\u0000${recipientId ?? '*'}`. */
export const PAIR_KEYS = new KeyTable('\u0000');
