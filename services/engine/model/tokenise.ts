/**
 * The tokeniser the featuriser applies to raw strings. It delegates to the engine's normaliser so
 * that training and scoring see the same tokens; NORMALISER_ID names that normaliser and is written
 * into model manifests.
 */
export const NORMALISER_ID = 'vigie-basic-tokenise/1';

/** Lowercase, strip accents, split on anything that is not a letter or digit. */
export function tokenise(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}
