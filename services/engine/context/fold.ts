/**
 * A light text fold for the context cues and age statements: lower case, accents removed,
 * typographic apostrophes and spaces unified, repeated letters squeezed to two. Rules use the
 * richer `normalise()`; context only needs stable, accent-free text so its few patterns stay short.
 */
const NON_ASCII = /[^\x00-\x7f]/;
const REPEATS = /([a-z])\1{2,}/g;
const SPACES = /\s+/g;

export function fold(text: string): string {
  // Most chat lines are plain ASCII: no decomposition, accent or apostrophe pass needed (same output).
  const base = NON_ASCII.test(text)
    ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’‘`´]/g, "'")
    : text.toLowerCase().replace(/[`]/g, "'");
  return base.replace(REPEATS, '$1$1').replace(SPACES, ' ').trim();
}
