/**
 * Stop 48 (det48p): whom a message in a room speaks to, for grooming's solicitation of a minor (issue 10: no P0 on a benign
 * conversation). In a room every other participant is a target; a teenager who said « j'ai 15 ans » was then "solicited" by any
 * adult's later message to someone else — a colleague's « karim tu m'envoies la photo de ton planning ? je te paie un café », a
 * teacher's « je vous envoie la photo en privé » to a parent — and `minor-solicited` escalated P0 on that unrelated reply.
 * A minor's presence is not an adult's approach: in a room with two or more others, a minor is solicited by the message only
 * when it names them, or names nobody and they spoke since its sender last did (the message may answer them).
 * The same for a minor who says their age in a room after an adult's image request or gift (`minor-after-solicitation`): it is
 * that adult's approach only when the minor had spoken in the room before and now answers them (names them, or names nobody and
 * the adult spoke since the minor last did);
 * an adult asking a colleague for « la photo du devis » before a 12-year-old joins and says « j'ai 12 ans » is not.
 * Messages with a recipient (two-person talk) are unchanged.
 */
import { fold } from './fold.js';
import type { ParticipantState } from './state.js';

/**
 * The keys of `minors` (participant keys `p:<id>` among the room's `others`) that the room message `folded` speaks to; `since`
 * is when its sender last spoke before it (-Infinity: their first message).
 */
export function minorsAddressed(
  people: Readonly<Record<string, ParticipantState>>, others: readonly string[], minors: readonly string[], folded: string, since: number,
): string[] {
  const to = addressedIn(people, others, folded, since);
  return minors.filter((k) => to.includes(k));
}

/**
 * Whom a room message speaks to among `others`: those it names; else those who spoke since its sender last did (`since`), whom it
 * may answer (« bienvenue ma puce » to the newcomer, with a warning from someone else in between); when nobody did (the sender
 * writes twice in a row), the last one who spoke before.
 */
export function addressedIn(people: Readonly<Record<string, ParticipantState>>, others: readonly string[], folded: string, since: number): string[] {
  let named: string[] | null = null;
  for (let i = 0; i < others.length; i++) if (names(folded, others[i]!)) (named ??= []).push(others[i]!);
  if (named !== null) return named;
  const out: string[] = [];
  let latest: string | null = null;
  for (let i = 0; i < others.length; i++) {
    const p = people[others[i]!];
    if (!p || p.msgs === 0) continue;
    if (p.lastAt > since) out.push(others[i]!);
    if (latest === null || p.lastAt > people[latest]!.lastAt) latest = others[i]!;
  }
  // Nobody spoke since: the sender goes on to whoever they were answering, the last one who spoke before (readable ub-067).
  return out.length || latest === null ? out : [latest];
}

/**
 * `folded` names the participant of key `p:<id>`: the id as a word, one of its parts of 3+ letters as a word (« mr_ross » →
 * « ross »), or any part as the message's first word (« b can you send… » to « leader_b »).
 */
export function names(folded: string, key: string): boolean {
  const id = fold(key.startsWith('p:') ? key.slice(2) : key);
  if (hasWord(folded, id)) return true;
  const parts = id.split(/[^a-z]+/);
  if (parts.length < 2) return false;
  const first = /^[\p{L}\p{N}_]+/u.exec(folded)?.[0] ?? '';
  for (let i = 0; i < parts.length; i++) {
    const w = parts[i]!;
    if (w && (first === w || (w.length >= 3 && hasWord(folded, w)))) return true;
  }
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
