/**
 * A light text fold for the context cues and age statements: lower case, accents removed,
 * typographic apostrophes and spaces unified, repeated letters squeezed to two. Rules use the
 * richer `normalise()`; context only needs stable, accent-free text so its few patterns stay short.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/([a-z])\1{2,}/g, '$1$1')
    .replace(/\s+/g, ' ')
    .trim();
}
