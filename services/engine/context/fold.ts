/**
 * A light text fold for the context cues and age statements: lower case, accents removed,
 * typographic apostrophes and spaces unified, repeated letters squeezed to two. Rules use the
 * richer `normalise()`; context only needs stable, accent-free text so its few patterns stay short.
 */
const REPEATS = /([a-z])\1{2,}/g;
const SPACES = /\s+/g;

/**
 * 3 when `text` holds a non-ASCII character; for plain ASCII: 0 when `text` is already folded, 1 when
 * lower-casing alone folds it, 2 otherwise (a backquote, a run of three equal letters, whitespace other
 * than single inner spaces).
 */
function foldWork(text: string): number {
  let work = 0;
  let prev = -1;
  let prev2 = -1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return 3;
    if (work === 2) continue;
    if (c >= 65 && c <= 90) { work = 1; c += 32; }
    if (c === 96 || (c >= 9 && c <= 13) || (c === 32 && (i === 0 || i === n - 1 || prev === 32)) || (c >= 97 && c <= 122 && c === prev && c === prev2)) work = 2;
    prev2 = prev;
    prev = c;
  }
  return work;
}

export function fold(text: string): string {
  const work = foldWork(text);
  if (work === 0) return text;
  if (work === 1) return text.toLowerCase();
  // Most chat lines are plain ASCII: no decomposition, accent or apostrophe pass needed (same output).
  const base = work === 3
    ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’‘`´]/g, "'")
    : text.toLowerCase().replace(/[`]/g, "'");
  // The squeeze and space passes (two regex scans, a trim) change nothing in most lines: skipped when a scan says so
  // (issue 14, round 37; same output by construction, fold.test.ts).
  return squeezeWork(base) ? base.replace(REPEATS, '$1$1').replace(SPACES, ' ').trim() : base;
}

/** `\s` of a regular expression (and what `trim` removes): ECMAScript WhiteSpace and LineTerminator. */
function isRegexSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * True when `s` holds what REPEATS, SPACES or `trim` would change: a run of three equal letters a–z, or whitespace other
 * than single spaces between other characters. False: `s.replace(REPEATS, '$1$1').replace(SPACES, ' ').trim() === s`.
 */
export function squeezeWork(s: string): boolean {
  const n = s.length;
  let prev = -1;
  let prev2 = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      if (c === prev && c === prev2) return true;
    } else if (isRegexSpace(c) && (c !== 32 || i === 0 || i === n - 1 || prev === 32)) return true;
    prev2 = prev;
    prev = c;
  }
  return false;
}
