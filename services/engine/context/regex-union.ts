/**
 * One regular expression that matches a text exactly when one of several patterns does (a boolean union), built
 * so that V8 does not try every alternative at every word start. A pattern of the form `\b(?:alt1|alt2|…)\b` is
 * split into its alternatives; those that begin with a fixed lower-case letter or digit are grouped by that
 * character (`\b(?:a(?:…|…)|b(?:…)|…)\b`), so a word start costs one test per first character instead of one per
 * alternative. Other alternatives and other patterns are kept whole (round 16: every alternative that begins with `\b`
 * shares one, see unionOf). Same language and match starts, alternatives regrouped:
 * `test()` gives the same answer as each pattern tested in turn (regex-union.test.ts checks it on the project's texts).
 * Only for patterns without flags or back-references (`unionOf` falls back to the plain alternation otherwise).
 */

/** Calls `at(i)` for each `|` of `src` outside groups and character classes; returns the final group depth (0 when balanced). */
function topLevelBars(src: string, at: (i: number) => void): number {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') { i++; continue; }
    if (inClass) { if (ch === ']') inClass = false; continue; }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') { depth--; if (depth < 0) return -1; }
    else if (ch === '|' && depth === 0) at(i);
  }
  return inClass ? -1 : depth;
}

/** The alternatives of `\b(?:…)\b` when `src` is exactly that (one group spanning the whole pattern), else null. */
export function wordAlternatives(src: string): string[] | null {
  if (!src.startsWith('\\b(?:') || !src.endsWith(')\\b') || src.endsWith('\\)\\b')) return null;
  return topAlternatives(src.slice(5, -3));
}

const FIXED_FIRST = /^[a-z0-9]$/;
const QUANTIFIERS = '?*+{';

/** The top-level alternatives of `src` (null when its groups or classes do not balance). */
function topAlternatives(src: string): string[] | null {
  const bars: number[] = [];
  if (topLevelBars(src, (i) => bars.push(i)) !== 0) return null;
  const out: string[] = [];
  let from = 0;
  for (const b of bars) { out.push(src.slice(from, b)); from = b + 1; }
  out.push(src.slice(from));
  return out;
}

/** `(?:X)` unwrapped to X when that one group spans the whole of `src`, else null. */
function unwrapped(src: string): string | null {
  if (!src.startsWith('(?:') || !src.endsWith(')') || src.endsWith('\\)')) return null;
  const inner = src.slice(3, -1);
  // The group spans the whole pattern when its inner text balances on its own (no `)` closes it early).
  return topLevelBars(inner, () => {}) === 0 ? inner : null;
}

/**
 * Round 16: the alternatives of `src` that begin at a word boundary, each without that leading `\b` (so that they can
 * share one), and the others whole. `\b(?:a|b)\b` gives `a\b`, `b\b`; `(?:\bx\b|[€$]y)` gives `x\b` and keeps `[€$]y`.
 */
function splitAtWordStart(src: string, atWord: string[], whole: string[]): void {
  const alts = wordAlternatives(src);
  if (alts) { for (const a of alts) atWord.push(`${a}\\b`); return; }
  const inner = unwrapped(src);
  if (inner !== null) { splitAtWordStart(inner, atWord, whole); return; }
  const top = topAlternatives(src);
  if (top === null || top.length === 1) {
    if (src.startsWith('\\b') && !QUANTIFIERS.includes(src.charAt(2) || '\u0000') && topLevelBars(src, () => {}) === 0) atWord.push(src.slice(2));
    else whole.push(src);
    return;
  }
  for (const a of top) splitAtWordStart(a, atWord, whole);
}

/**
 * A RegExp matching a text when some pattern of `sources` (without flags or back-references) matches it, at the same
 * start positions. Round 16: every alternative that begins with `\b` shares one leading `\b` (a position inside a word
 * fails at once, not once per pattern), and those that then begin with a fixed lower-case letter or digit are grouped
 * by it: `\b(?:a(?:…|…)|b(?:…)|other…)|(?:non-\b pattern)|…`.
 */
export function unionOf(sources: readonly string[]): RegExp {
  if (sources.some((s) => /\\[1-9]|\\k</.test(s))) return new RegExp(sources.map((s) => `(?:${s})`).join('|'));
  const atWord: string[] = [];
  const whole: string[] = [];
  for (const src of sources) splitAtWordStart(src, atWord, whole);
  const byFirst = new Map<string, string[]>();
  const other: string[] = [];
  for (const alt of atWord) {
    const first = alt.charAt(0);
    if (alt.length > 0 && FIXED_FIRST.test(first) && !QUANTIFIERS.includes(alt.charAt(1) || '\u0000')) {
      let l = byFirst.get(first);
      if (!l) { l = []; byFirst.set(first, l); }
      l.push(alt.slice(1));
    } else other.push(alt);
  }
  const parts: string[] = [];
  const wordItems = [...[...byFirst].map(([f, rests]) => `${f}(?:${rests.join('|')})`), ...other];
  if (wordItems.length) parts.push(`\\b(?:${wordItems.join('|')})`);
  for (const w of whole) parts.push(`(?:${w})`);
  return new RegExp(parts.join('|'));
}
