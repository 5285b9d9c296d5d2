/**
 * What `observe` reads from a message's text alone: the folded text, its regex cues (cues.ts textCuesOf), whether it
 * talks about a child, the speaker's stated age, an age question, and the sextortion and workplace structures. Each is a
 * pure function of the text, so the facts are computed once per text and kept (by raw text): a text seen again (chat
 * repeats "ok", "mdr", "wyd", a spam line, a template) costs one lookup instead of ~20 regular-expression scans. What the
 * memo holds never changes a verdict, only what is recomputed. Two generations of at most `TEXT_FACTS_SIZE` texts (when
 * the newer one is full it becomes the older one), texts longer than `TEXT_FACTS_MAX_CHARS` not kept.
 */
import { asksAge, mentionsChild, statedAge, type AgeStatement } from './age.js';
import { textCuesOf, type TextCues } from './cues.js';
import { fold } from './fold.js';
import { addressesRole } from './parents.js';
import { holdsImages, threatensToSpread } from './sextortion.js';
import { holdsJobOver } from './workplace.js';

export interface TextFacts {
  folded: string;
  cues: TextCues;
  /** mentionsChild(folded) */
  childTalk: boolean;
  /** statedAge(folded): read only, never written (shared by every message of the text). */
  age: AgeStatement | null;
  /** asksAge(folded) */
  asksAge: boolean;
  /** holdsImages, threatensToSpread, holdsJobOver of the folded text; false when `childTalk` (observe reads them only without it). */
  heldImages: boolean;
  spreadThreat: boolean;
  workLever: boolean;
  /** addressesRole(folded) once asked (addressesRoleOf): -1 not computed yet, 0 no, 1 yes. */
  role: number;
}

/** Texts kept per generation. */
export const TEXT_FACTS_SIZE = 8192;
/** Longer texts are computed every time (they rarely repeat; bounds the memo's memory). */
export const TEXT_FACTS_MAX_CHARS = 256;

/** The facts of `text`, computed (no memo). */
export function computeTextFacts(text: string): TextFacts {
  const folded = fold(text);
  const childTalk = mentionsChild(folded);
  return {
    folded, cues: textCuesOf(folded), childTalk, age: statedAge(folded), asksAge: asksAge(folded),
    heldImages: !childTalk && holdsImages(folded), spreadThreat: !childTalk && threatensToSpread(folded), workLever: !childTalk && holdsJobOver(folded),
    role: -1,
  };
}

let cur = new Map<string, TextFacts>();
let old = new Map<string, TextFacts>();

/** The facts of `text`, from the memo when it holds them. */
export function textFacts(text: string): TextFacts {
  if (text.length > TEXT_FACTS_MAX_CHARS) return computeTextFacts(text);
  let f = cur.get(text);
  if (f !== undefined) return f;
  f = old.get(text);
  if (f === undefined) f = computeTextFacts(text);
  if (cur.size >= TEXT_FACTS_SIZE) { old = cur; cur = new Map(); }
  cur.set(text, f);
  return f;
}

/** addressesRole of the text (private messages only ask: computed on first use, then kept with the facts). */
export function addressesRoleOf(f: TextFacts): boolean {
  if (f.role < 0) f.role = addressesRole(f.folded) ? 1 : 0;
  return f.role === 1;
}

/** Texts the memo holds (tests). */
export function textFactsHeld(): number {
  return cur.size + old.size;
}
