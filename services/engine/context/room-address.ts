/**
 * Stop 48 (det48p): whom a message in a room speaks to, for grooming's solicitation of a minor (issue 10: no P0 on a benign
 * conversation). In a room every other participant is a target; a teenager who said « j'ai 15 ans » was then "solicited" by any
 * adult's later message to someone else — a colleague's « karim tu m'envoies la photo de ton planning ? je te paie un café », a
 * teacher's « je vous envoie la photo en privé » to a parent — and `minor-solicited` escalated P0 on that unrelated reply.
 * A minor's presence is not an adult's approach: in a room with two or more others, a minor is solicited by the message only
 * when it names them, or names nobody and they are the last one who spoke before it (the message answers them).
 * The same for a minor who says their age in a room after an adult's image request or gift (`minor-after-solicitation`): it is
 * that adult's approach only when the minor had spoken in the room before and now answers them (names them, or they spoke last);
 * an adult asking a colleague for « la photo du devis » before a 12-year-old joins and says « j'ai 12 ans » is not.
 * Messages with a recipient (two-person talk) are unchanged.
 */
import { fold } from './fold.js';
import type { ParticipantState } from './state.js';

/** The keys of `minors` (participant keys `p:<id>` among the room's others) that the room message `folded` speaks to. */
export function minorsAddressed(
  people: Readonly<Record<string, ParticipantState>>, others: readonly string[], minors: readonly string[], folded: string,
): string[] {
  const to = addressedIn(people, others, folded);
  return minors.filter((k) => to.includes(k));
}

/** Whom a room message speaks to among `others`: those it names, or else the last one who spoke before it (none: empty). */
export function addressedIn(people: Readonly<Record<string, ParticipantState>>, others: readonly string[], folded: string): string[] {
  let named: string[] | null = null;
  for (let i = 0; i < others.length; i++) if (names(folded, others[i]!)) (named ??= []).push(others[i]!);
  if (named !== null) return named;
  let latest: string | null = null;
  for (let i = 0; i < others.length; i++) {
    const p = people[others[i]!];
    if (p && p.msgs > 0 && (latest === null || p.lastAt > people[latest]!.lastAt)) latest = others[i]!;
  }
  return latest === null ? [] : [latest];
}

/** `folded` names the participant of key `p:<id>`: the id, or one of its parts of 3+ letters (« mr_ross » → « ross »), as a word. */
export function names(folded: string, key: string): boolean {
  const id = fold(key.startsWith('p:') ? key.slice(2) : key);
  if (hasWord(folded, id)) return true;
  const parts = id.split(/[^a-z]+/);
  if (parts.length < 2) return false;
  for (let i = 0; i < parts.length; i++) if (parts[i]!.length >= 3 && hasWord(folded, parts[i]!)) return true;
  return false;
}

function hasWord(text: string, w: string): boolean {
  if (!w) return false;
  let from = 0;
  for (;;) {
    const i = text.indexOf(w, from);
    if (i < 0) return false;
    const before = i === 0 ? '' : text[i - 1]!;
    const after = text[i + w.length] ?? '';
    if (!isWordChar(before) && !isWordChar(after)) return true;
    from = i + 1;
  }
}

function isWordChar(c: string): boolean {
  return c !== '' && /[\p{L}\p{N}_]/u.test(c);
}
