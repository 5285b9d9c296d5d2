/**
 * One regular expression that matches a text exactly when one of several patterns does (a boolean union), built
 * so that V8 does not try every alternative at every word start. A pattern of the form `\b(?:alt1|alt2|…)\b` is
 * split into its alternatives; those that begin with a fixed lower-case letter or digit are grouped by that
 * character (`\b(?:a(?:…|…)|b(?:…)|…)\b`), so a word start costs one test per first character instead of one per
 * alternative. Other alternatives and other patterns are kept whole. Same language, alternatives regrouped:
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
  const inner = src.slice(5, -3);
  const bars: number[] = [];
  if (topLevelBars(inner, (i) => bars.push(i)) !== 0) return null;
  const out: string[] = [];
  let from = 0;
  for (const b of bars) { out.push(inner.slice(from, b)); from = b + 1; }
  out.push(inner.slice(from));
  return out;
}

const FIXED_FIRST = /^[a-z0-9]$/;
const QUANTIFIERS = '?*+{';

/** A RegExp matching a text when some pattern of `sources` (without flags or back-references) matches it. */
export function unionOf(sources: readonly string[]): RegExp {
  if (sources.some((s) => /\\[1-9]|\\k</.test(s))) return new RegExp(sources.map((s) => `(?:${s})`).join('|'));
  const byFirst = new Map<string, string[]>();
  const whole: string[] = [];
  for (const src of sources) {
    const alts = wordAlternatives(src);
    if (!alts) { whole.push(src); continue; }
    for (const alt of alts) {
      const first = alt.charAt(0);
      if (alt.length > 0 && FIXED_FIRST.test(first) && !QUANTIFIERS.includes(alt.charAt(1) || '\u0000')) {
        let l = byFirst.get(first);
        if (!l) { l = []; byFirst.set(first, l); }
        l.push(alt.slice(1));
      } else whole.push(`\\b(?:${alt})\\b`);
    }
  }
  const parts: string[] = [];
  if (byFirst.size) parts.push(`\\b(?:${[...byFirst].map(([f, rests]) => `${f}(?:${rests.join('|')})`).join('|')})\\b`);
  for (const w of whole) parts.push(`(?:${w})`);
  return new RegExp(parts.join('|'));
}
