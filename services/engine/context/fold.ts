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
    ? (latinBase(text) ?? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’‘`´]/g, "'"))
    : text.toLowerCase().replace(/[`]/g, "'");
  return base.replace(REPEATS, '$1$1').replace(SPACES, ' ').trim();
}

/**
 * The non-ASCII path (decompose, drop accents, lower-case, unify apostrophes) for a text whose characters are all
 * below U+0180 (ASCII, Latin-1, Latin Extended-A: French accents), character by character from a table; null for
 * any other text. Exact: none of these characters is a combining mark or decomposes to one outside U+0300–U+036F,
 * so the decomposition's reordering and the accent removal stay within each character, and lower-casing them is
 * not context-dependent (fold.test.ts compares both paths).
 */
function latinBase(text: string): string | null {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= LATIN_END) return null;
    out += text.slice(from, i).toLowerCase() + LATIN[c - 0x80]!;
    from = i + 1;
  }
  return (out + text.slice(from).toLowerCase()).replace(/[`]/g, "'");
}
const LATIN_END = 0x180;
/** U+0080..U+017F as the slow path folds each alone (backquotes are unified after, with the ASCII runs). */
const LATIN: string[] = [];
for (let c = 0x80; c < LATIN_END; c++) LATIN.push(String.fromCharCode(c).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’‘`´]/g, "'"));
