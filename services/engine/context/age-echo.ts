/**
 * Stop 40 (detT40): the speaker repeats the age the addressee has just given (« 15 ans parfait », "15? cool", "14 ans ok")
 * without saying it as his own (« j'ai 15 ans », "i'm 15 too"). The age is the addressee's, echoed: not the speaker's
 * statement nor a minor disclosure of his (set f: a man answering a 15-year-old's babysitting ad read as a 15-year-old
 * himself, so his approach was taken for two peers talking).
 */
import type { ParticipantState } from './state.js';
import type { AgeStatement } from './age.js';

export function echoesAddresseeAge(age: AgeStatement | null, folded: string, people: Record<string, ParticipantState | undefined>, targets: readonly string[]): boolean {
  if (!age || age.age === null) return false;
  let said = false;
  for (let i = 0; i < targets.length; i++) if (people[targets[i]!]?.statedAge === age.age) { said = true; break; }
  if (!said) return false;
  // His own age said right before the number: « j'ai 15 ans aussi », "im 15 too", « moi 15 ».
  return !new RegExp(`\\b(?:j'?ai|jai|j ai|g|i'?m|im|i am|moi|me|je suis|age|aussi|too)\\W{0,3}(?:aussi |too |also )?${age.age}\\b`).test(folded);
}
