/**
 * The window model's per-text cache of lines (ids and row sums, bag-scorer.ts LineSums), in two generations: when the newer one
 * is full it becomes the older one, and a text found in the older one moves back, so the lines of conversations still going on
 * stay while the lines of finished ones go. A line moving back goes through `promote` (promoteLine: a copy cut from the current
 * slabs, so the slabs of its first sighting can be freed). What the cache holds never changes a score: a line is a pure function
 * of its text.
 */
export class LineCache<L> {
  private newer = new Map<string, L>();
  private older = new Map<string, L>();
  constructor(private readonly size: number, private readonly promote: (line: L) => L) {}

  /** The line of `text`: cached, moved back (promoted) from the older generation, or made. */
  get(text: string, make: () => L): L {
    return this.find(text) ?? this.add(text, make());
  }

  /**
   * The line of `text` when either generation holds it (a line of the older one is promoted into the newer one), else
   * undefined: with `add`, the same as `get` without a `make` closure per call (the window model asks for each line of
   * every gated window: a closure and its context per line; issue 14, round 19).
   */
  find(text: string): L | undefined {
    const l = this.newer.get(text);
    if (l !== undefined) return l;
    const kept = this.older.get(text);
    return kept === undefined ? undefined : this.keep(text, this.promote(kept));
  }

  /** Keeps `line` as the line of `text` (not held by either generation: `find` returned undefined) and returns it. */
  add(text: string, line: L): L {
    return this.keep(text, line);
  }

  private keep(text: string, l: L): L {
    if (this.newer.size >= this.size) { this.older = this.newer; this.newer = new Map(); }
    this.newer.set(text, l);
    return l;
  }
}
