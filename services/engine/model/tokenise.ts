/**
 * The tokens the featuriser hashes: exactly the engine normaliser's `tokens` (services/engine/normalise.ts:
 * leetspeak, split letters, SMS-speak and elisions already undone), so training and scoring see the same
 * tokens as the rules. NORMALISER_ID goes into model manifests; a model trained on another normaliser
 * version is refused at load.
 */
import { normalise, NORMALISER_VERSION } from '../normalise.js';

export const NORMALISER_ID = `vigie-normalise/${NORMALISER_VERSION}`;

export function tokenise(text: string): string[] {
  return normalise(text).tokens;
}
