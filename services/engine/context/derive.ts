/**
 * Conversation-level derivations: categories that show only in a combination of messages, people
 * and ages. Each function reads a `View` of the conversation after the current message was recorded
 * and returns findings for the current message. Pure functions, no state writes.
 */
import { FAMILY_SURPRISE_CAP, familySurprise } from './family-surprise.js';
import { FAMILY_FRAME_WHY, bareImageRequest, familyArranged, frameLifted, liftsHeldFrame } from './family-arranged.js';
import { ID_MEETING_WHY, idDocMeeting } from './id-document.js';
import type { Category, Signal } from '../../contracts/taxonomy.js';
import { KIN_OWN_LIFTS } from './kin-mishap-frame.js';
import { ALARMING_DRUGGING, ALARMING_THREAT, LAUGH_LIFTS, REAL_ANCHORS, SPEECH_FRAMES, STRONG_ANCHORS, SURVEILLANCE_INTENT, THREAT_CUES, THREAT_MARKS, anyLive, carriesAny, type Cue } from './cues.js';
import { ageOf, decayed, liveCue, type ConversationState, type PairState, type ParticipantState } from './state.js';
import { belowP0Context, planSaid } from './p0-context.js';
import { hotelStay } from './hotel-stay.js';
import { NEAR_AGE_CAP, nearAgePeer } from './near-age.js';
import { addressedIn, minorsAddressed } from './room-address.js';
import { EMPTY_LIST } from '../empty-list.js';

// liveCue lives in state.ts beside `decayed` (family-surprise.ts, which derive.ts imports, reads it too); the derivations import it from here.
export { liveCue };

/*
 * GATED (issue 14, round 44): a derivation whose body makes closures (`has = (k) => liveCue(c, k, v.at, …)`) keeps only its
 * gate (the first tests, which make none) and calls `<name>Gated(v)` past it. A function any of whose locals a closure reads
 * allocates its context (a heap record of those locals and `v`) on entry, before its first line: the twenty-odd derivations
 * observe calls on every message each paid 60–110 B a message (~2.3 KB of the engine's ~11 KB) on messages their gate
 * turns away. Same tests in the same order, same results: only where the record is made moved.
 */

export interface Finding {
  category: Category;
  score: number;
  /** "context:<id>" */
  source: string;
  reason: string;
  /** The user the finding is against (the offender), when known. */
  offender: string;
  /** The finding combines evidence from earlier messages, not only this one (policy support `conversation`). */
  across?: boolean;
  /** Stop 38: the finding may hold and escalate but not at P0 on its own (a drugging with no purpose said: p0-bar.ts). */
  belowP0?: boolean;
  /** Stop 51 (det51): what holds it below P0, in the reason line's words (policy.ts); absent: no purpose said (a drugging). */
  belowP0Why?: string;
}

export interface View {
  conv: ConversationState;
  senderKey: string;
  sender: ParticipantState;
  senderId: string;
  /** Participant keys the current message is addressed to (recipient, or everyone else in a room). */
  targets: readonly string[];
  /** This message's signals (score ≥ 0.5) and cues. */
  sig: Set<Signal>;
  cue: Set<Cue>;
  /** Message-level category scores after damping. */
  cat: Partial<Record<Category, number>>;
  at: number;
  n: number;
  halfLifeMs: number;
  /** The sender's risk across conversations (observe.ts riskOf) is ≥ 0.5. A boolean, not the score: a number field
   * holding 0 (a small integer) for thousands of messages and then a fraction changed the record's field
   * representation and threw away the optimised code of observe and of the derivations. */
  riskySender: boolean;
  /** Categories framed on this message (frames.ts): derivations may still fire, held at review level. */
  framed: ReadonlySet<Category>;
  /** This message's child_grooming score is ≥ 0.3 and a rule backs it (model-only scores do not start a derivation).
   * A boolean for the same reason as `riskySender`. */
  groomRule: boolean;
  /**
   * The pair record of this message's sender and its one recipient (a message with a recipient, in a conversation that is
   * no room), as observe found or made it: the derivations read it instead of building its key again (issue 14, round
   * 42b). Absent (a view built elsewhere) or null: the derivations look the pair up by its key.
   */
  toPair?: PairState | null;
  /** The message's folded text (observe.ts), read by room-address.ts; absent in a view built elsewhere. */
  folded?: string;
  /** When the sender last spoke in the conversation before this message (-Infinity: their first), read by room-address.ts. */
  senderPrevAt?: number;
}

export const GROOMING_STRONG: readonly Signal[] = ['image_request', 'secrecy_request', 'sexual_content', 'payment_offer'];
export const GROOMING_WEAK: readonly Signal[] = ['off_platform_contact', 'meetup_request'];

export function isMinor(p: ParticipantState): boolean {
  if (p.statedAge !== null) return p.statedAge < 18;
  return p.minorHint !== null || (p.declaredAge !== null && p.declaredAge < 18);
}
/** Stop 42: the participant declared (profile) or stated an age under 18; a hint (told to keep it from their parents) is not a declaration. */
export function declaredMinor(p: ParticipantState): boolean {
  const age = ageOf(p);
  return age !== null && age < 18;
}
/** Stop 42: the participant declared or stated an age of 13 or under: a child, not a teenager. */
export function declaredChild(p: ParticipantState): boolean {
  const age = ageOf(p);
  return age !== null && age <= CHILD_MAX_AGE;
}
/** The oldest declared age read as a child's (stop 42: a child's « quand elle dort » is a surprise; a 16-year-old's may be a plan). */
export const CHILD_MAX_AGE = 13;
export function isKnownAdult(p: ParticipantState): boolean {
  if (p.statedAge !== null) return p.statedAge >= 18;
  return p.minorHint === null && p.declaredAge !== null && p.declaredAge >= 18;
}
function ageText(p: ParticipantState): string {
  if (p.statedAge !== null) return `says ${p.statedAge}`;
  if (p.minorHint) return p.minorHint;
  return p.declaredAge !== null ? `profile age ${p.declaredAge}` : 'age unknown';
}

/** Signals a participant sent that are still live (decayed score ≥ 0.4). */
export function live(p: ParticipantState, signals: readonly Signal[], at: number, hl: number): Signal[] {
  return signals.filter((s) => decayed(p.sig[s], at, hl) >= 0.4);
}

/** Another participant than the sender has one of `cues` live (said since message `since`, not yet decayed). */
export function byOthers(v: View, cues: readonly Cue[], since: number): boolean {
  for (const [k, p] of Object.entries(v.conv.people)) {
    if (k !== v.senderKey && cues.some((c) => liveCue(p.cue, c, v.at, v.halfLifeMs, since))) return true;
  }
  return false;
}

/** Game, sport or football talk live in the conversation since message `sinceN`: banter, not a plan (football: round 14). */
function banterLive(c: Partial<Record<Cue, { s: number; at: number; n: number }>>, at: number, hl: number, sinceN = -1): boolean {
  return liveCue(c, 'gaming', at, hl, sinceN) || liveCue(c, 'sport', at, hl, sinceN) || liveCue(c, 'football', at, hl, sinceN);
}

const short = (k: string): string => k.slice(2);

/** One of `list` was marked in `rec` at message `sinceN` or later (number compares only: the cheap half of liveCue). */
function markedSince(rec: Partial<Record<Cue, { n: number }>>, list: readonly Cue[], sinceN: number): boolean {
  for (const k of list) if ((rec[k]?.n ?? -1) >= sinceN) return true;
  return false;
}
/** Shared empty result (derivations run on every message; most find nothing). */
const NONE: readonly Finding[] = EMPTY_LIST;
/**
 * Some derivation can find something on this message (issue 14, stop 52; round 21's `mayFind`, tried then and dropped for
 * want of a measure, redone over today's 33 derivations): every derivation's first gate asks for something the message
 * itself carries: a cue (most: `carriesAny(v.cue, GATE)`), a signal, a grooming rule (`groomRule`), a sexual-harassment
 * score ≥ 0.3 (harassment's `sexualNow`) or a prostitution score ≥ 0.2 (prostitution's `contributes`). A message with none
 * of these (a third to a half of the traffic) finds nothing in any of them, and observe skips the 33 calls. A derivation
 * whose first gate reads anything else of the message must be added here: derivation-gate.test.ts runs the corpus texts
 * with and without this gate and fails on any verdict or state byte that differs.
 */
export function mayFind(v: View): boolean {
  return v.cue.size > 0 || v.sig.size > 0 || v.groomRule || (v.cat.sexual_harassment ?? 0) >= 0.3 || (v.cat.prostitution ?? 0) >= 0.2;
}

/** The cue's latest mark is from an earlier message (the combination spans messages). */
const earlier = (rec: Partial<Record<Cue, { n: number }>>, c: Cue, n: number): boolean => (rec[c]?.n ?? n) < n;

/**
 * One of grooming's three findings can fire (round 18: the message's signals pass the first gate on many messages, and
 * the lists and closures below were made on each): a minor among the targets (the solicitation); a grooming signal or
 * cue from a sender not known as an adult nor addressed as family (the role over a ward); a minor sender's disclosure
 * (after a solicitation). Necessary conditions of each, read without a list: when none holds, grooming finds nothing.
 */
function groomingPossible(v: View): boolean {
  const people = v.conv.people;
  for (let i = 0; i < v.targets.length; i++) { const p = people[v.targets[i]!]; if (p && isMinor(p)) return true; }
  const grooms = carriesAny(v.sig, GROOMING_STRONG) || carriesAny(v.sig, GROOMING_WEAK) || v.cue.has('gift') || v.cue.has('endearment') || v.cue.has('alone');
  if (grooms && !v.sender.kin && !isKnownAdult(v.sender)) return true;
  return v.sig.has('minor_disclosure') && isMinor(v.sender);
}

export function grooming(v: View): readonly Finding[] {
  if (!v.sig.size && !v.cue.has('gift') && !v.cue.has('endearment') && !v.cue.has('alone') && !v.groomRule
    && !v.cue.has('id_doc') && !liftsHeldFrame(v.sender, v.cue, v.at, v.halfLifeMs)) return NONE;
  if (!groomingPossible(v)) return NONE;
  return groomingGated(v);
}

/** Whom a message speaks to is read from its words (room-address.ts): several others around, a room or no addressee, the text known. */
function roomAddressing(v: View): v is View & { folded: string } {
  return v.targets.length >= 2 && (v.conv.room || v.toPair === null) && v.folded !== undefined;
}

/*
 * Issue 14, round 50: groomingGated's head runs on every message and, for most, finds nothing. It made three closures
 * and three arrays a message (`targets.filter`, `GROOMING_STRONG.filter`, `GROOMING_WEAK.filter`) and a fourth with a
 * closure for `Math.min(...solicited.map(...))`; the helpers below give the same values without them.
 */

/** The targets that are minors here, in order (`targets.filter(...)`); the shared frozen EMPTY_LIST when none (most messages). */
export function minorsAmong(people: Readonly<Record<string, ParticipantState>>, targets: readonly string[]): readonly string[] {
  let out: string[] | undefined;
  for (let i = 0; i < targets.length; i++) {
    const k = targets[i]!;
    const p = people[k];
    if (p && isMinor(p)) { if (out === undefined) out = [k]; else out.push(k); }
  }
  return out ?? EMPTY_LIST;
}

/** `sig` holds one of `xs` (`xs.filter((s) => sig.has(s)).length > 0`). */
function anyIn(xs: readonly Signal[], sig: ReadonlySet<Signal>): boolean {
  for (let i = 0; i < xs.length; i++) if (sig.has(xs[i]!)) return true;
  return false;
}

/** `Math.min(...solicited.map((k) => people[k]!.statedAge ?? 99))`: Infinity when none. */
function youngestOf(people: Readonly<Record<string, ParticipantState>>, solicited: readonly string[]): number {
  let y = Infinity;
  for (let i = 0; i < solicited.length; i++) y = Math.min(y, people[solicited[i]!]!.statedAge ?? 99);
  return y;
}

/** grooming past its gate (see GATED at the top of derive.ts). */
function groomingGated(v: View): readonly Finding[] {
  const out: Finding[] = [];
  const people = v.conv.people;
  const hl = v.halfLifeMs;
  // The sender solicits a minor.
  const minorTargets = minorsAmong(people, v.targets);
  // Stop 48 (room-address.ts): in a room, a message that names or answers no minor present still solicits them, but below P0
  // (its review): a groomer who greets the child, waits while others talk, then asks without a name keeps his hold at P1;
  // an adult's unrelated reply after a child's message is held at P1, no longer escalated P0.
  const curStrong = anyIn(GROOMING_STRONG, v.sig);
  const curWeak = anyIn(GROOMING_WEAK, v.sig);
  const curCue = v.cue.has('gift') || v.cue.has('endearment') || v.cue.has('alone');
  const curRule = v.groomRule;
  // Stop 51 (det51): a remark on the child's looks after a request the family frame held (family-arranged.ts liftsHeldFrame),
  // and an identity document asked with a meeting (id-document.ts), are asks of their own.
  const relift = !curStrong && !curWeak && !curCue && !curRule && liftsHeldFrame(v.sender, v.cue, v.at, hl);
  const idMeet = idDocMeeting(v.sender, v.cue, v.sig.has('meetup_request'), v.at, hl);
  const asks = curStrong || curWeak || curCue || curRule || relift || idMeet || v.sig.has('age_inquiry');
  // Whom the message speaks to is read only for a message that asks something (most room messages do not).
  const addressed = asks && minorTargets.length && roomAddressing(v)
    ? minorsAddressed(people, v.targets, minorTargets, v.folded, v.senderPrevAt ?? -Infinity) : minorTargets;
  const unaddressed = addressed.length === 0 && minorTargets.length > 0;
  const solicited = unaddressed ? minorTargets : addressed;
  // A profile age is what the sender chose to show: a "17" writing to an 11-year-old is not treated as a peer.
  const youngest = youngestOf(people, solicited);
  const peer = isMinor(v.sender) && !(v.sender.statedAge === null && v.sender.declaredAge !== null && v.sender.declaredAge - youngest >= 4);
  if (solicited.length && !peer && asks) {
    const strong = live(v.sender, GROOMING_STRONG, v.at, hl);
    const weak = live(v.sender, GROOMING_WEAK, v.at, hl);
    const cues = (['gift', 'endearment', 'alone'] as const).filter((c) => liveCue(v.sender.cue, c, v.at, hl));
    const distinct = strong.length + weak.length + cues.length;
    const adult = isKnownAdult(v.sender);
    const sexual = strong.some((s) => s === 'image_request' || s === 'sexual_content');
    // One weak signal (a meeting, another app) is ordinary between any two people: it takes a second one.
    const current = curStrong || curRule || ((curWeak || curCue) && (distinct >= 2 || v.riskySender))
      || (relift && strong.length + weak.length > 0) || idMeet;
    if (current) {
      let score = 0.55 + 0.12 * Math.max(0, distinct - 1) + (adult ? 0.05 : 0) + (sexual ? 0.08 : 0) + (v.riskySender ? 0.1 : 0);
      if (v.sig.has('sexual_content')) score = Math.max(score, 0.75);
      if (curRule) score = Math.max(score, 0.6);
      score = Math.min(0.97, score);
      // Photos, gifts and surprises between a child and a parent or uncle are everyday family life:
      // listed for review, never escalated on this evidence alone.
      // Stop 48 (det48p): a finding these caps hold at review is also below P0 (p0-bar.ts belowP0Of): the message models' own
      // scores (0.85–1.0 on a near-age couple's « je t'aime ») beside it no longer make it P0 through its `context` support.
      let review = true;
      let why: string | undefined;
      // Stop 51 (det51): held at hold level at least; P1 unless the sender said what a legitimate adult never needs (below).
      if ((relift || idMeet) && !v.sender.kin) score = Math.max(score, 0.7);
      if (v.sender.kin) score = Math.min(score, 0.55);
      // A surprise for the child's own family, with nothing a surprise does not need (family-surprise.ts): review too.
      else if (familySurprise(v.sender, v.at, hl)) score = Math.min(score, FAMILY_SURPRISE_CAP);
      // An 18-year-old and a 17-year-old (near-age.ts): review, as between two minors.
      else if (nearAgePeer(v.sender, solicited.map((k) => people[k]!))) score = Math.min(score, NEAR_AGE_CAP);
      // Stop 50 (det50, family-arranged.ts): a document's photo, a meeting or a lift with the family named, nothing a
      // legitimate adult never needs: held, escalated P1 (below P0), not capped; no grooming rule on the message.
      else if (!curRule && familyArranged(v.sender, v.at, hl, bareImageRequest(v.sig, v.cue))) { review = true; why = FAMILY_FRAME_WHY; }
      // Stop 51 (det51, id-document.ts): an identity document and a meeting, nothing a legitimate adult never needs: P1.
      else if (idMeet && !strong.length && !curRule && !frameLifted(v.sender, v.at, hl)) { review = true; why = ID_MEETING_WHY; }
      else review = unaddressed;
      // Only weak signals (a meeting, another app, kind words): a career chat or a club outing looks the
      // same. Listed for review until a strong signal (images, secrecy, sex, gifts/payment) shows.
      if (!strong.length && !curRule && !v.riskySender && !relift && !idMeet) score = Math.min(score, 0.62);
      const t = people[solicited[0]!]!;
      out.push({
        category: 'child_grooming', score, source: 'context:minor-solicited', offender: v.senderId, across: true, ...(review ? (why ? { belowP0: true, belowP0Why: why } : { belowP0: true }) : {}),
        reason: `${short(solicited[0]!)} appears to be a minor (${ageText(t)}); ${v.senderId} (${ageText(v.sender)}) ${[...strong, ...weak, ...cues, ...(idMeet ? ['id_doc'] : []), ...(relift ? ['a remark after a family-framed request'] : [])].join(', ') || 'solicits'} in this conversation`,
      });
    }
  }
  // A role over the target (round 7): the target addressed the sender as "coach" or "sir" and the sender, toward them,
  // combines three distinct grooming steps with a strong one (secrecy, images, gifts) but no age is known. Listed for
  // review (0.6), never held: an adult client thanks a fitness coach the same way.
  if (!minorTargets.length && !isKnownAdult(v.sender) && (curStrong || curWeak || curCue) && !v.sender.kin) {
    const ward = v.targets.find((k) => people[k] && !isKnownAdult(people[k]!) && liveCue(people[k]!.cue, 'role_address', v.at, hl));
    if (ward) {
      const strong = live(v.sender, GROOMING_STRONG, v.at, hl);
      const weak = live(v.sender, GROOMING_WEAK, v.at, hl);
      const cues = (['gift', 'alone'] as const).filter((c) => liveCue(v.sender.cue, c, v.at, hl));
      if (strong.length && strong.length + weak.length + cues.length >= 3) {
        out.push({ category: 'child_grooming', score: 0.6, source: 'context:role-solicited', offender: v.senderId, across: true,
          reason: `${short(ward)} addresses ${v.senderId} by a role over them (coach, sir); ${v.senderId} ${[...strong, ...weak, ...cues].join(', ')} toward them` });
      }
    }
  }
  // The sender discloses being a minor after someone already solicited them.
  if (isMinor(v.sender) && v.sig.has('minor_disclosure')) {
    const answering = roomAddressing(v)
      ? (v.sender.msgs > 1 ? addressedIn(people, v.targets, v.folded, v.senderPrevAt ?? -Infinity) : []) : null;
    for (const [k, p] of Object.entries(people)) {
      if (k === v.senderKey || isMinor(p)) continue;
      if (!v.targets.includes(k) && !v.conv.room) continue;
      // Stop 48 (room-address.ts): in a room, the minor was there before and answers this adult.
      if (answering !== null && !answering.includes(k)) continue;
      const strong = live(p, GROOMING_STRONG, v.at, hl);
      const weak = live(p, GROOMING_WEAK, v.at, hl);
      if (strong.length >= 1 && (strong.length + weak.length >= 2 || isKnownAdult(p))) {
        out.push({
          category: 'child_grooming', score: 0.8, source: 'context:minor-after-solicitation', offender: short(k), across: true,
          reason: `${v.senderId} discloses being a minor (${ageText(v.sender)}) after ${short(k)} sent ${[...strong, ...weak].join(', ')}`,
        });
        break;
      }
    }
  }
  return out;
}

/** Stop 42 (det42t): a warning, a scam warning or a victim's story told; what makes it a plan all the same. */
const WARNED: readonly Cue[] = ['warning', 'scam_warning', 'victim_story', 'victim_report', 'authorities_told', 'heads_up'];
const WARNED_LIFTS: readonly Cue[] = ['own_plan', 'go_plan', 'summon', 'weapon_access', 'menace', 'doom', 'grievance'];
const WARNED_CAP = 0.62;

const AMBUSH_OWN: readonly Cue[] = ['robbery', 'secluded', 'alone', 'cash', 'lure', 'summon', 'outnumber', 'harm'];

export function ambush(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 20;
  // Gate first (most messages): no own cue and no meeting request ends here, before any list or closure.
  if (!carriesAny(v.cue, AMBUSH_OWN) && !(v.sig.has('meetup_request') && (liveCue(c, 'robbery', v.at, hl, since) || liveCue(c, 'lure', v.at, hl, since)))) return NONE;
  return ambushGated(v);
}

/** ambush past its gate (see GATED at the top of derive.ts). */
function ambushGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 20;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  const own = AMBUSH_OWN.filter((k) => v.cue.has(k));
  const meet = Object.values(v.conv.people).some((p) => decayed(p.sig.meetup_request, v.at, hl) >= 0.4 && (p.sig.meetup_request?.n ?? -1) >= since);
  const sexLure = Object.values(v.conv.people).some((p) => decayed(p.sig.sexual_content, v.at, hl) >= 0.4) || (v.conv.acc.prostitution?.s ?? 0) >= 0.3;
  const parts: string[] = [];
  let pts = 0;
  const add = (ok: boolean, w: number, label: string): void => { if (ok) { pts += w; parts.push(label); } };
  add(has('robbery'), 2, 'robbery intent');
  add(has('lure'), 1, 'a lure (fake profile)');
  add(has('secluded'), 1, 'a secluded place');
  add(has('alone'), 1, '"come alone"');
  add(has('cash'), 1, 'bring cash/valuables');
  add(meet, 0.5, 'a meeting');
  add(sexLure, 0.5, 'a sexual or paid offer');
  // A set-up: the speakers bring someone to a spot (summon him, deceive him about the meeting, a meeting) and plan
  // what happens when he arrives (take his things, beat him, wait for him as a group). Violence words in game or
  // sport banter ("on va les massacrer dimanche") are no beating planned.
  const harm = has('harm') && !has('robbery') && !banterLive(c, v.at, hl);
  add(harm, 1, 'violence on arrival');
  add(has('outnumber'), 1, 'a group waiting');
  add(has('summon'), 1, 'the target brought to the spot');
  const attack = has('robbery') || harm || has('outnumber');
  const setUp = has('summon') || has('lure') || meet;
  const ok = (has('robbery') && pts >= 3) || (pts >= 3 && has('secluded') && (has('alone') || has('cash'))) || (attack && setUp && pts >= 3);
  if (!ok) return NONE;
  const across = (['robbery', 'lure', 'secluded', 'alone', 'cash', 'summon', 'outnumber', 'harm'] as const).some((k) => has(k) && earlier(c, k, v.n));
  // Stop 42 (det42t): the set-up is the one a warning is about (« attention, un mec sur grindr donne des rdv au parc, ils sont 4
  // à attendre » … « ils dépouillent et frappent »): told in the last 8 messages, with nobody's own plan, wait or summons since:
  // listed for review, not held.
  const warned = WARNED.some((k) => liveCue(c, k, v.at, hl, v.n - 8)) && !WARNED_LIFTS.some((k) => liveCue(c, k, v.at, hl, v.n - 8));
  const score = Math.min(warned ? WARNED_CAP : 0.95, 0.6 + 0.08 * pts);
  return [{ category: 'ambush', score, source: 'context:lure-to-meeting', offender: v.senderId, across,
    reason: `meeting set-up combines ${parts.join(', ')}` }];
}

/**
 * Cues that can complete a sedation plan (the message must carry one of them). Stop 44 (det44p): `dose_plan` too, so a plan said
 * after the dose was named (the seller's "in a strong drink u wont taste it", then the buyer's "theres this girl coming back to
 * mine, want her to loosen up") completes the plan on the message that says it (p0-context.ts `planSaid`).
 */
const DFA_GATE: readonly Cue[] = ['sedative', 'incapacitate', 'drink_push', 'want_out', 'spike', 'reluctant', 'isolate', 'dose_plan'];

/** Score of a sedation plan whose intent is only a motive (review level, below hold). */
export const MOTIVE_ONLY_SCORE = 0.62;

export function drugFacilitatedAssault(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 15;
  // Dozing off said with a goal in the conversation (see `incap` below) opens the plan too; dozing alone re-reads nothing.
  if (!carriesAny(v.cue, DFA_GATE) && !(v.cue.has('nod') && liveCue(c, 'dfa_goal', v.at, hl, since))) return NONE;
  return drugFacilitatedAssaultGated(v);
}

/** drugFacilitatedAssault past its gate (see GATED at the top of derive.ts). */
function drugFacilitatedAssaultGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 15;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  // A means (a drug, something slipped into someone's drink, drinks pushed on someone) and an intent: a victim
  // who will be "out", remember nothing, not say no, or sexual intent. Since round 7 the intent may also be
  // its motive, said without sex words: the person refuses the speaker (`reluctant`) or is to be taken away once
  // out (`isolate`), about a person named in the conversation.
  const spike = has('spike');
  const sedative = has('sedative') || has('drink_push') || spike;
  // Round 16b (review): dozing off (« pique du nez », "nodding") is how carers speak of a parent's evening medicine too; it
  // is the victim's state only with a goal said in the conversation (a signature, the will, keys, money, unknown to them).
  const incap = has('incapacitate') || has('want_out') || (has('nod') && has('dfa_goal'));
  const sexual = Object.values(v.conv.people).some((p) => decayed(p.sig.sexual_content, v.at, hl) >= 0.4);
  const medical = has('medical');
  // Sleeping pills or drops going into someone's drink are the plan itself, said or not what they are for.
  const dosed = spike && has('sedative');
  const motive = (has('reluctant') || has('isolate')) && has('target_person');
  if (!sedative || !(incap || sexual || dosed || motive)) return NONE;
  // A vet or an anaesthetist, not a plan against a person; unless something goes into someone's drink.
  if (medical && !sexual && !spike) return NONE;
  // Friends looking after a drunk friend talk about drinks and remembering nothing too.
  if (has('care') && !sexual && !has('sedative') && !has('drink_push') && !spike) return NONE;
  const target = has('target_person');
  // A motive with a means but no incapacity or sex said is review-level evidence (flag): a crush who keeps saying no
  // and something "in her cup" can be innocent; the plan is clear once her state or sex is said.
  // Round 9: nobody aimed at (no person named as the one to dose, no sexual intent, nothing put into someone else's
  // drink) is review level too: a sleeping pill asked for oneself and a pharmacist's answer, or a driver telling how
  // he took drugged passengers to hospital, name a drug and a state but no one to do it to.
  const aimed = target || has('target_other') || sexual || spike;
  const motiveOnly = !(incap || sexual || dosed) || !aimed;
  const across = DFA_GATE.some((k) => has(k) && earlier(c, k, v.n));
  return [{
    category: 'drug_facilitated_assault', score: motiveOnly ? MOTIVE_ONLY_SCORE : target ? 0.9 : 0.8, source: 'context:sedation-plan', offender: v.senderId, across,
    belowP0: (!(incap || sexual || motive) && belowP0Context(has)) || (!sexual && !planSaid(has)),
    reason: `conversation combines a sedative, spiked or pushed drinks with ${incap ? 'an incapacitated victim' : sexual ? 'sexual intent' : dosed ? 'a sedative put into a drink' : 'a motive (she refuses, or is to be taken away)'}${target ? ' aimed at a person' : aimed ? '' : ', no one aimed at (review level)'}`,
  }];
}

export function harassment(v: View): readonly Finding[] {
  const sexualNow = v.sig.has('sexual_content') || v.sig.has('image_request') || v.cue.has('body_comment') || (v.cat.sexual_harassment ?? 0) >= 0.3;
  if (!sexualNow || v.sender.sexN === null) return NONE;
  return harassmentGated(v);
}

/** harassment past its gate (see GATED at the top of derive.ts). */
function harassmentGated(v: View): readonly Finding[] {
  const people = v.conv.people;
  const targets = v.targets.map((k) => [k, people[k]] as const).filter((e): e is readonly [string, ParticipantState] => !!e[1]);
  if (targets.some(([, p]) => isMinor(p))) return NONE; // grooming's business
  const since = v.sender.sexN;
  if (since === null) return NONE; // checked by the gate (harassment): says so to the type checker
  const refused = targets.find(([, p]) => liveCue(p.cue, 'refusal', v.at, v.halfLifeMs, since + 1));
  if (refused) {
    return [{ category: 'sexual_harassment', score: 0.85, source: 'context:after-refusal', offender: v.senderId, across: true,
      reason: `${v.senderId} keeps sending sexual content or requests after ${short(refused[0])} refused` }];
  }
  const pair = v.toPair ?? v.conv.pairs[`${v.senderId}\u0000${v.conv.room ? '*' : short(v.targets[0] ?? 'p:*')}`];
  const reciprocated = targets.some(([, p]) => p.sexN !== null);
  if (pair && pair.sexual >= 3 && !reciprocated && targets.length) {
    return [{ category: 'sexual_harassment', score: 0.7, source: 'context:unsolicited-repeated', offender: v.senderId, across: true,
      reason: `${v.senderId} sent ${pair.sexual} sexual messages or requests that were never reciprocated` }];
  }
  return NONE;
}

export function prostitution(v: View): readonly Finding[] {
  const contributes = v.sig.has('payment_offer') || v.sig.has('sexual_content') || v.cue.has('price') || v.cue.has('amount') || v.cue.has('cash') || v.cue.has('sw_frame') || v.cue.has('lodging')
    || v.cue.has('paid_time') || v.cue.has('pimping') || v.cue.has('debt') || v.cue.has('clients_count') || (v.cat.prostitution ?? 0) >= 0.2
    // The place or the secrecy may come after the price of the time or the paid frame: read only while one is recent.
    || ((v.cue.has('private_place') || v.cue.has('discreet') || v.sig.has('secrecy_request'))
      && Math.max(v.conv.cue.paid_time?.n ?? -1, v.conv.cue.sw_frame?.n ?? -1) >= v.n - 5);
  if (!contributes) return NONE;
  return prostitutionGated(v);
}

/** Someone here is a minor (`Object.values(people).some(isMinor)`). */
function anyMinor(people: Readonly<Record<string, ParticipantState>>): boolean {
  for (const k in people) if (isMinor(people[k]!)) return true;
  return false;
}

/** Someone's signal `s` is live (decayed ≥ 0.4) and was marked at message `since` or later. */
export function anyLiveSig(people: Readonly<Record<string, ParticipantState>>, s: Signal, at: number, hl: number, since: number): boolean {
  for (const k in people) {
    const m = people[k]!.sig[s];
    if (decayed(m, at, hl) >= 0.4 && m!.n >= since) return true;
  }
  return false;
}

/** Someone's signal `s` was marked at message `since` or later (`(p.sig[s]?.n ?? -1) >= since`: an absent mark counts as -1). */
export function anySigSince(people: Readonly<Record<string, ParticipantState>>, s: Signal, since: number): boolean {
  for (const k in people) if ((people[k]!.sig[s]?.n ?? -1) >= since) return true;
  return false;
}

/** The paid meeting's parts named in its reason line, built for the line only (it was an array and a filter a message). */
function paidMeetingParts(frame: boolean, price: boolean, lodging: boolean, home: boolean, cash: boolean, meetNear: boolean): string[] {
  return [frame && 'a paid "arrangement"', price && 'a price', lodging && 'a hotel room', home && "the speaker's place", cash && 'cash', meetNear && 'a meeting'].filter(Boolean) as string[];
}

/** prostitution past its gate (see GATED at the top of derive.ts). */
function prostitutionGated(v: View): readonly Finding[] {
  // Round 50: the participants read in place by plain helpers (no `Object.values` array nor five closures a message).
  const people = v.conv.people;
  const minor = anyMinor(people);
  const hl = v.halfLifeMs;
  // Sex and money must meet within a few messages: a price in a classified ad and an emoji later are not a tariff.
  const near = v.n - 2;
  const pay = anyLiveSig(people, 'payment_offer', v.at, hl, near) || liveCue(v.conv.cue, 'price', v.at, hl, near);
  const sex = anyLiveSig(people, 'sexual_content', v.at, hl, near);
  const meet = anyLiveSig(people, 'meetup_request', v.at, hl, -Infinity);
  const partial = (v.conv.acc.prostitution?.s ?? 0) >= 0.25;
  // One message carrying sexual words, a price and photos at once, but no meeting of its own, no
  // vocabulary of sex work and nothing of the kind earlier, reads as a classified ad (clothes, a photo
  // shoot), not a tariff: a buyer's later "where do we meet" must not complete it.
  const oneListing = v.sig.has('sexual_content') && (v.sig.has('payment_offer') || v.cue.has('price')) && v.sig.has('image_request') && !v.sig.has('meetup_request');
  if (oneListing && !partial && (v.cat.prostitution ?? 0) < 0.2) return NONE;
  // Minors: paid sex is exploitation (child_grooming's derivations); here only the explicit paid-meeting frame below.
  if (pay && sex && (meet || partial) && !minor) {
    return [{ category: 'prostitution', score: 0.7, source: 'context:paid-sex', offender: v.senderId, across: true,
      reason: 'conversation combines a sexual offer, payment and a meeting' }];
  }
  // Paid sex without sex words: an "arrangement", "sessions", a "sugar" deal or a "cadeau" with a
  // price, and a hotel room, the speaker's place, cash or a meeting, within a few messages.
  const win = v.n - 5;
  const frame = liveCue(v.conv.cue, 'sw_frame', v.at, hl, win);
  const paidTime = liveCue(v.conv.cue, 'paid_time', v.at, hl, win);
  // Stop 38: a payment said as drinks bought for someone (« il payait des verres à une hôtesse ») is no price for a service.
  const drinksOnly = liveCue(v.conv.cue, 'drinks_bought', v.at, hl, win);
  const price = paidTime || liveCue(v.conv.cue, 'price', v.at, hl, win) || liveCue(v.conv.cue, 'amount', v.at, hl, win) || (!drinksOnly && anyLiveSig(people, 'payment_offer', v.at, hl, win));
  const lodging = liveCue(v.conv.cue, 'lodging', v.at, hl, win);
  const home = liveCue(v.conv.cue, 'private_place', v.at, hl, win);
  const cash = liveCue(v.conv.cue, 'cash', v.at, hl, win);
  const meetNear = anySigSince(people, 'meetup_request', win);
  // Rules quoted by a moderator in the last few messages ("no paid ads, no escort") are not an offer.
  const rulesTalk = liveCue(v.conv.cue, 'moderation', v.at, hl, v.n - 6);
  if (frame && price && (lodging || home || cash || meetNear) && !rulesTalk) {
    return [{ category: 'prostitution', score: lodging || cash ? 0.75 : 0.65, source: 'context:paid-meeting', offender: v.senderId, across: true,
      reason: `conversation combines ${paidMeetingParts(frame, price, lodging, home, cash, meetNear).join(', ')}` }];
  }
  if (!frame && !minor && (v.cat.prostitution ?? 0) >= 0.3 && price && lodging && (cash || meetNear) && !hotelStay(v.framed, v.conv, v.at, hl, v.n)) {
    return [{ category: 'prostitution', score: 0.65, source: 'context:paid-meeting', offender: v.senderId, across: true,
      reason: `conversation combines ${paidMeetingParts(frame, price, lodging, home, cash, meetNear).join(', ')} with a rate` }];
  }
  // Round 17c: debt bondage. The addressee owes the speaker (the journey, a room, papers) and is to pay it back with men counted
  // by the night or a cut taken (« tu me dois 900 … 100 chacun, tu me donnes 80 », « 6 millions … 4 ou 5 messieurs par nuit »); or,
  // with no debt, a cut taken of paid time or lodging plus men counted or a room. Within 8 messages, said by the same person.
  {
    const w8 = v.n - 8;
    const own = v.sender.cue;
    const debt = liveCue(own, 'debt', v.at, hl, w8);
    const count = liveCue(own, 'clients_count', v.at, hl, w8);
    const cut = liveCue(own, 'pimping', v.at, hl, w8);
    const ownLodging = liveCue(own, 'lodging', v.at, hl, w8);
    const ownPaid = ownLodging || liveCue(own, 'paid_time', v.at, hl, w8);
    if (!minor && ((debt && (count || cut)) || (cut && ownPaid && (count || ownLodging)))) {
      return [{ category: 'prostitution', score: debt ? 0.78 : 0.72, source: 'context:debt-bondage', offender: v.senderId, across: true,
        reason: `${v.senderId} ${debt ? 'holds a debt over the addressee and counts the men or the cut to repay it' : 'takes a cut of paid visits, with men counted or a room'}` }];
    }
  }
  if (paidTime && (lodging || home) && !rulesTalk) {
    const offer = paidTimeOffer(v, win);
    if (offer.length) return offer;
  }
  return (paidTime || liveCue(v.conv.cue, 'hour_price', v.at, hl, win)) && !rulesTalk && !minor ? paidVisit(v, win) : NONE;
}

/**
 * Round 22: a person's time sold with the marks of a covert visit, no sex word and no place needed. A price for an hour, two
 * hours, a night or a stay (`paid_time`, or `hour_price`, which alone feeds nothing else), the person offered (`person_offered`),
 * a driver who waits or more men, and, within 6 messages, at least two of: cash, discretion (nobody will know, no
 * photos), a room or the client's place, a driver who drops her and waits (`pimping`), more men for more money
 * (`clients_count`), a paid "arrangement" (`sw_frame`), one of them covert (discretion, the driver or the men). A "pet-sitting"
 * or "deep clean" at 150 an hour, cash, no photos, or "she stays one hour, I drive her and wait in the car": a babysitter's or
 * a cleaner's hourly price paid in cash at home carries no such mark. Listed for review (0.68); held (0.75) with three marks
 * when the driver, the men or a room are among them and the marks span messages.
 */
function paidVisit(v: View, win: number): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, win);
  const secret = has('discreet') || Object.values(v.conv.people).some((p) => (p.sig.secrecy_request?.n ?? -1) >= win && decayed(p.sig.secrecy_request, v.at, hl) >= 0.4);
  const minder = has('pimping');
  const men = has('clients_count');
  // A price for time, cash and discretion is also every undeclared job (a tiler, an ironing lady, a guide, a hotel room paid
  // in cash): the visit needs the person offered (« la fille », "she stays till 2"), a driver who waits or more men.
  if (!has('person_offered') && !minder && !men) return NONE;
  if (!secret && !minder && !men) return NONE;
  const room = has('lodging') || has('private_place');
  const marks = [has('cash') && 'cash', secret && 'discretion', room && 'a room or the client\'s place', minder && 'a driver who waits',
    men && 'more men for more money', has('sw_frame') && 'a paid "arrangement"'].filter(Boolean);
  if (marks.length < 2) return NONE;
  const spans = (['paid_time', 'hour_price', 'person_offered', 'cash', 'discreet', 'lodging', 'private_place', 'pimping', 'clients_count'] as const).some((k) => has(k) && earlier(c, k, v.n));
  const held = marks.length >= 3 && (minder || men || room) && spans;
  return [{ category: 'prostitution', score: held ? 0.75 : 0.68, source: 'context:paid-visit', offender: v.senderId, across: spans,
    reason: `conversation combines a price for time with a person and ${marks.join(', ')}` }];
}

/**
 * Paid time with a person, no sex word (2026.12.9-2): a price per hour, night, evening or encounter (`paid_time`), a private
 * place (the speaker's home, a hotel room) and something that makes it more than a service: secrecy (« personne le saura »,
 * "no one finds out"), or the payer's own remarks on the other's body or sexual words, or pressing after a refusal. A
 * hotel's nightly price, a babysitter's hourly rate at home or a physio's price list carry none of these.
 */
function paidTimeOffer(v: View, win: number): readonly Finding[] {
  const hl = v.halfLifeMs;
  const secret = liveCue(v.conv.cue, 'discreet', v.at, hl, win) || Object.values(v.conv.people).some((p) => (p.sig.secrecy_request?.n ?? -1) >= win && decayed(p.sig.secrecy_request, v.at, hl) >= 0.4);
  // The payer is whoever named the time's price; their remarks over the last 8 messages.
  const payerKey = Object.keys(v.conv.people).find((k) => (v.conv.people[k]!.cue.paid_time?.n ?? -1) >= win);
  const payer = payerKey ? v.conv.people[payerKey]! : v.sender;
  const remarks = liveCue(payer.cue, 'body_comment', v.at, hl, v.n - 8) || ((payer.sig.sexual_content?.n ?? -1) >= v.n - 8 && decayed(payer.sig.sexual_content, v.at, hl) >= 0.4);
  // Pressing: the price came after the other person refused (or the payer insists once refused).
  const refusalN = Math.max(-1, ...Object.entries(v.conv.people).filter(([k]) => k !== payerKey).map(([, p]) => (liveCue(p.cue, 'refusal', v.at, hl, v.n - 8) ? p.cue.refusal!.n : -1)));
  const pressed = refusalN >= 0 && ((payer.cue.paid_time?.n ?? -1) > refusalN || (payer.cue.insist?.n ?? -1) > refusalN);
  const marks = [secret && 'secrecy', remarks && 'remarks on the body or sexual words', pressed && 'pressing after a refusal'].filter(Boolean);
  if (!marks.length) return NONE;
  return [{ category: 'prostitution', score: marks.length >= 2 ? 0.75 : 0.68, source: 'context:paid-time', offender: payerKey ? short(payerKey) : v.senderId, across: true,
    reason: `conversation combines a price for time with a person, a private place and ${marks.join(', ')}` }];
}


export function threat(v: View): readonly Finding[] {
  // Gate: the perceived-threat branch needs the cue `perceived_threat`, the rest `menace` (its first test below).
  if (!v.cue.has('perceived_threat') && !v.cue.has('menace')) return NONE;
  return threatGated(v);
}

/** threat past its gate (see GATED at the top of derive.ts). */
function threatGated(v: View): readonly Finding[] {
  const hl = v.halfLifeMs;
  const since = v.n - 6;
  const gaming = liveCue(v.conv.cue, 'gaming', v.at, hl, v.n - 30);
  // A threat made earlier that the target takes as one ("is that a threat?", "how do you know where I
  // work", "I'm going to the police"): asserted at the target's reply, against the earlier sender.
  if (v.cue.has('perceived_threat')) {
    for (const k of v.targets) {
      const p = v.conv.people[k];
      if (!p) continue;
      // A trap named back ("a lonely path", "on her own") is a mark too when the target takes it as a threat.
      const kinds = PERCEIVED_MARKS.filter((c) => liveCue(p.cue, c, v.at, hl, since));
      const real = kinds.some((c) => c !== 'menace' && c !== 'harm' && c !== 'veiled');
      if (!kinds.length || (kinds.length === 1 && kinds[0] === 'threat_anchor') || (gaming && !real)) continue;
      return [{ category: 'violent_threat', score: kinds.length >= 2 ? 0.72 : 0.6, source: 'context:threat-perceived', offender: short(k), across: true,
        reason: `${v.senderId} takes ${short(k)}'s message as a threat (${kinds.join(', ')})` }];
    }
  }
  if (!v.cue.has('menace')) return NONE;
  const anchor = REAL_ANCHORS.some((k) => v.cue.has(k) || liveCue(v.sender.cue, k, v.at, hl, since));
  const weapon = v.cue.has('weapon') || liveCue(v.sender.cue, 'weapon', v.at, hl, since);
  if (gaming && !anchor) return NONE;
  if (!anchor && !weapon) return NONE;
  const score = anchor && weapon ? 0.85 : 0.75;
  const across = !v.cue.has('threat_anchor') && !v.cue.has('whereabouts') && !v.cue.has('weapon');
  return [{ category: 'violent_threat', score, source: 'context:threat-anchored', offender: v.senderId, across,
    reason: `threat with ${[anchor ? 'a real-world place or target' : '', weapon ? 'a weapon' : ''].filter(Boolean).join(' and ')}` }];
}

/**
 * A weapon the speaker has or took (a relative's rifle, "I've got the 9 in my bag") and a time or
 * place where people will be (school tomorrow at break, your street, your work): a threat with no
 * threat word. Within the sender's last 8 messages; not in hunting or shooting-sport talk (frames).
 */
export function weaponIntent(v: View): readonly Finding[] {
  const own = v.sender.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 8;
  if (!v.cue.has('weapon_access') && !v.cue.has('school_time') && !v.cue.has('threat_anchor') && !v.cue.has('whereabouts') && !v.cue.has('when')) return NONE;
  const access = liveCue(own, 'weapon_access', v.at, hl, since);
  const place = liveCue(own, 'school_time', v.at, hl, since) || liveCue(own, 'threat_anchor', v.at, hl, since) || liveCue(own, 'whereabouts', v.at, hl, since);
  // Only a time ("tomorrow", "Monday 7am"): listed for review unless intent is said too.
  const when = liveCue(own, 'when', v.at, hl, since);
  if (!access || !(place || when)) return NONE;
  if (liveCue(v.conv.cue, 'sport', v.at, hl, v.n - 20)) return NONE;
  const menace = liveCue(own, 'menace', v.at, hl, since) || liveCue(own, 'waiting', v.at, hl, since);
  // Football talk (a steward's search, a trophy, a flare gun for the parade): only with intent said (review of round 14).
  if (!menace && liveCue(v.conv.cue, 'football', v.at, hl, v.n - 20)) return NONE;
  return [{
    category: 'violent_threat', score: place ? (menace ? 0.85 : 0.75) : (menace ? 0.75 : 0.6), source: 'context:weapon-intent', offender: v.senderId,
    across: earlier(own, 'weapon_access', v.n) || earlier(own, 'school_time', v.n),
    reason: `${v.senderId} says they have a weapon and names a time or place where people will be${menace ? ', with intent' : ''}`,
  }];
}

/**
 * Someone who was blocked or ignored comes back naming where the target works or lives and when
 * they leave ("I know you close at 9"), or says they will be waiting: a threat with no threat word.
 */
export function stalking(v: View): readonly Finding[] {
  const own = v.sender.cue;
  const hl = v.halfLifeMs;
  // Round 7: the target's workplace or school named with a time in the sender's last 3 messages (« ta boutique … tu
  // fermes à 19h », "your salon … 6 on Fridays") is knowledge of their routine too (completed on either message).
  const routine = (v.cue.has('your_place') || v.cue.has('when'))
    && liveCue(own, 'your_place', v.at, hl, v.n - 3) && liveCue(own, 'when', v.at, hl, v.n - 3);
  if (!routine && !v.cue.has('whereabouts') && !v.cue.has('waiting') && !v.cue.has('blocked') && !v.cue.has('threat_anchor')) return NONE;
  return stalkingGated(v, routine);
}

/** stalking past its gate (see GATED at the top of derive.ts), with the gate's `routine`. */
function stalkingGated(v: View, routine: boolean): readonly Finding[] {
  const own = v.sender.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 10;
  const knows = routine || liveCue(own, 'whereabouts', v.at, hl, since);
  const blocked = liveCue(own, 'blocked', v.at, hl, since);
  const waits = liveCue(own, 'waiting', v.at, hl, since);
  const anchor = liveCue(own, 'threat_anchor', v.at, hl, since);
  const menace = liveCue(own, 'menace', v.at, hl, since);
  const refused = v.targets.some((k) => liveCue(v.conv.people[k]?.cue ?? {}, 'refusal', v.at, hl, since));
  if (!knows && !(anchor && (blocked || refused))) return NONE;
  const pressure = [blocked && 'was blocked or ignored', refused && 'the target refused', waits && 'will be waiting', menace && 'menaces'].filter(Boolean);
  if (!pressure.length) return NONE;
  const score = Math.min(0.85, 0.6 + 0.08 * pressure.length);
  return [{
    category: 'violent_threat', score, source: 'context:stalking', offender: v.senderId, across: pressure.length > 1 || !v.cue.has('whereabouts'),
    reason: `${v.senderId} names the target's workplace, home or schedule and ${pressure.join(', ')}`,
  }];
}

/**
 * Insistence after a refusal, without sexual words: the target said no (or stop) and the sender keeps
 * pressing (asks again, meets, compliments, "come on", "answer me") in `afterNo` messages since.
 * Harassment of minors is grooming's business; banter frames it (frames.ts).
 */
export function insistence(v: View): readonly Finding[] {
  const personal = v.cue.has('insist') || v.cue.has('endearment') || v.sig.has('meetup_request') || v.sig.has('image_request') || v.sig.has('off_platform_contact');
  if (!personal || v.conv.room) return NONE;
  const people = v.conv.people;
  for (const k of v.targets) {
    const p = people[k];
    if (!p || isMinor(p)) continue;
    const pair = v.toPair ?? v.conv.pairs[`${v.senderId}\u0000${short(k)}`];
    const after = pair?.afterNo ?? 0;
    if (after < 2) continue;
    return [{
      category: 'sexual_harassment', score: after >= 3 ? 0.75 : 0.6, source: 'context:insistence', offender: v.senderId, across: true,
      reason: `${v.senderId} keeps pressing ${short(k)} after a refusal (${after} messages)`,
    }];
  }
  return NONE;
}

/** Latest message of a participant with a remark or request of a sexual kind (looks, body, innuendo, photos, sextortion). */
function lastRemark(p: ParticipantState): number {
  return Math.max(p.cue.body_comment?.n ?? -1, p.cue.sextortion?.n ?? -1, p.sig.sexual_content?.n ?? -1, p.sig.image_request?.n ?? -1);
}

/** Read only on a message with `held_images` or `spread_threat` (unwelcome). */
export function extortsAcross(v: View): boolean {
  const hl = v.halfLifeMs;
  const spreadNow = v.cue.has('spread_threat');
  if (spreadNow && (v.sig.has('image_request') || v.sig.has('sexual_content'))) return true;
  const held = v.cue.has('held_images') || liveCue(v.sender.cue, 'held_images', v.at, hl, v.n - 8);
  const spread = spreadNow || liveCue(v.sender.cue, 'spread_threat', v.at, hl, v.n - 8);
  return held && spread;
}

/**
 * Unwelcome remarks, read from how people react: someone made a remark on looks, body or clothes, an
 * innuendo or a sexual request; the target or a bystander objected ("that's inappropriate", "on se
 * calme", "vous êtes des porcs", "stop messaging me"); the same person goes on pressing (another
 * remark, "come on", a meeting, "I'll wait for you"). Flagged already at the objection (against the
 * remark's author), held when the author carries on. Sextortion (the target's images held with a
 * condition) is harassment on its own. Rooms included: bystanders object for the target.
 */
export function unwelcome(v: View): readonly Finding[] {
  const remarkNow = v.cue.has('body_comment') || v.cue.has('sextortion') || v.sig.has('sexual_content') || v.sig.has('image_request');
  const objectNow = v.cue.has('refusal');
  const pressNow = remarkNow || v.cue.has('insist') || v.cue.has('endearment') || v.cue.has('waiting') || v.cue.has('whereabouts') || v.cue.has('blocked')
    || v.sig.has('meetup_request') || v.sig.has('off_platform_contact');
  const hl = v.halfLifeMs;
  // Sextortion said across messages: the sender still has the target's images and, within 8 messages, threatens to send
  // them to the target's people (« j'ai tout gardé » … « je les envoie à ta mère »); or a threat to spread an image in the
  // message that demands sexual images (« envoie 3 photos nue avant minuit ou je l'envoie à tes abonnés »).
  const extort = v.cue.has('sextortion') || ((v.cue.has('held_images') || v.cue.has('spread_threat')) && extortsAcross(v));
  const lever = v.cue.has('work_lever');
  if (!pressNow && !objectNow && !extort && !lever) return NONE;
  const people = v.conv.people;
  // Quid pro quo (round 7): the sender holds the target's job over her (workplace.ts) after a remark of a sexual kind or
  // a private meeting of his (door shut, a hotel room, "just the two of us"), and the target refused within 8 messages.
  if (lever) {
    const own = v.sender.cue;
    const sexual = v.sender.sexN !== null && v.sender.sexN >= v.n - 8;
    // Both tested in turn, not by a closure: one would make unwelcome allocate its context on every message (GATED, top).
    const privateMeet = liveCue(own, 'alone', v.at, hl, v.n - 8) || liveCue(own, 'lodging', v.at, hl, v.n - 8);
    if (sexual || privateMeet) {
      for (const [k, p] of Object.entries(people)) {
        if (k === v.senderKey || (!v.conv.room && !v.targets.includes(k))) continue;
        const o = p.cue.refusal;
        if (!o || o.n < v.n - 8 || decayed(o, v.at, hl) < 0.4) continue;
        return [{ category: 'sexual_harassment', score: 0.72, source: 'context:job-lever', offender: v.senderId, across: true,
          reason: `${v.senderId} holds ${short(k)}'s job over her after ${sexual ? 'remarks of a sexual kind' : 'asking to meet in private'} she refused` }];
      }
    }
  }
  if (extort) {
    return [{ category: 'sexual_harassment', score: 0.75, source: 'context:sextortion', offender: v.senderId,
      // The images held in an earlier message and the threat now: a combination across messages (round 7).
      across: (v.sender.sexN !== null && v.sender.sexN < v.n) || (!v.cue.has('sextortion') && (earlier(v.sender.cue, 'held_images', v.n) || earlier(v.sender.cue, 'spread_threat', v.n))),
      reason: `${v.senderId} holds the target's images and sets a condition or threatens to spread them` }];
  }
  // The sender carries on after someone objected to their earlier remark.
  if (pressNow && v.sender.sexN !== null && v.sender.sexN < v.n) {
    const first = v.sender.sexN;
    for (const [k, p] of Object.entries(people)) {
      if (k === v.senderKey || (!v.conv.room && !v.targets.includes(k))) continue;
      // Round 17c review: a refusal said as one already given (refused_again) counts here only, after his remark.
      const r = p.cue.refusal, a = p.cue.refused_again;
      const o = r && a ? (a.n > r.n ? a : r) : (r ?? a);
      if (!o || o.n <= first || o.n < v.n - 8 || decayed(o, v.at, hl) < 0.4) continue;
      // Round 17c: waiting for her at a time or a place she goes (« je t'attends à la sortie », "I'll be outside at 11") after she
      // objected is pressing in person, held like another remark.
      const inPerson = v.cue.has('waiting') && (v.cue.has('when') || v.cue.has('whereabouts'));
      return [{ category: 'sexual_harassment', score: remarkNow || inPerson ? 0.72 : 0.62, source: 'context:unwelcome', offender: v.senderId, across: true,
        reason: `${v.senderId} goes on ${remarkNow ? 'with remarks of a sexual kind' : inPerson ? 'pressing, waiting for them in person,' : 'pressing'} after ${short(k)} objected` }];
    }
  }
  // An objection right after someone's remark: flagged against the remark's author.
  if (objectNow) {
    for (const [k, p] of Object.entries(people)) {
      if (k === v.senderKey) continue;
      const r = lastRemark(p);
      if (r < v.n - 3 || r < 0 || (!v.conv.room && !v.targets.includes(k))) continue;
      return [{ category: 'sexual_harassment', score: 0.55, source: 'context:remark-objected', offender: short(k), across: true,
        reason: `${v.senderId} objects to ${short(k)}'s remark` }];
    }
  }
  return NONE;
}


/** How many messages before the sender's harm a place, a weapon, a set-up or a time still belongs to it (stop 43, det43v). */
const TIE_SPAN = 3;

/** Where the target is in real life: his address, his place, his routine (not a gym's or a school's hours: a weigh-in). */
const LOCATED: readonly Cue[] = ['threat_anchor', 'whereabouts', 'their_place', 'routine'];

/**
 * Violence said as a plan: a harm verb aimed at someone ("on le démonte", "he's getting wet up",
 * "je lui casse la gueule") in the sender's last 6 messages, and a place, weapon, schedule or set-up
 * in the conversation's last 10 (strong: hold possible), or only a time ("Friday 4pm": flag).
 * In game or sport talk only with a strong anchor; not in a figure of speech.
 */
export function violencePlan(v: View): readonly Finding[] {
  const hl = v.halfLifeMs;
  const own = v.sender.cue;
  const c = v.conv.cue;
  if (!v.cue.has('harm') && !(liveCue(own, 'harm', v.at, hl, v.n - 6) && (v.cue.has('when') || carriesAny(v.cue, STRONG_ANCHORS)))) return NONE;
  return violencePlanGated(v);
}

/** violencePlan past its gate (see GATED at the top of derive.ts). */
function violencePlanGated(v: View): readonly Finding[] {
  const hl = v.halfLifeMs;
  const own = v.sender.cue;
  const c = v.conv.cue;
  if (v.cue.has('figurative') || !liveCue(own, 'harm', v.at, hl, v.n - 6)) return NONE;
  // Round 15 (review): a place, the weather or a habit that "will kill you" in this message is no plan (the cue is never set
  // beside « je vais »/"when I" or a time, which lift it).
  if (v.cue.has('hazard') && !v.cue.has('when') && !carriesAny(v.cue, LAUGH_LIFTS)) return NONE;
  // The harm was said as a figure of speech (a conditional threat over a trifle): later anchors do not make it a plan.
  if (onHarmMessage(own, 'figurative')) return NONE;
  // Stop 42 (det42t): the one who "will kill" is the listener's relative or the speaker's own (« ta femme va te tuer », "my mum
  // is gonna kill me"; cue:kin_mishap): the harm verb's subject is nobody in the conversation, and the kin word is no anchor.
  if (kinHarm(v, own)) return NONE;
  // Stop 42 (det42t): the harm was told, not intended (a news item, a quote, a victim's story, a plot, a warning: "my cousin got
  // shanked 2 yr ago"): a later message without a harm of its own (the studio booked for Thursday 5pm) makes it no plan.
  if (toldHarm(own)) return NONE;
  // Stop 43 (det43v): the harm is aimed at an animal named with it (« je vais le buter ce renard », "shoot the deer"), not at
  // anyone: no plan against a person, whatever the rifle and the dawn beside it.
  if (onHarmMessage(own, 'animal') && !onHarmMessage(own, 'harm_you')) return NONE;
  // Stop 43 (det43v): the harm's actor is a third person (« il va le défoncer », "they beat people up", "the killer waited":
  // cue:other_actor on the harm's message) and that message says nothing of the speaker's own (a wait, a group, a grievance).
  if (onHarmMessage(own, 'other_actor') && !OWN_ACTOR_LIFTS.some((k) => onHarmMessage(own, k))) return NONE;
  const since = v.n - 10;
  // Stop 43 (det43v): the place, weapon, set-up or time is the plan's when it came near the harm (from TIE_SPAN messages before
  // the sender's harm on), not anywhere in the last 10: a hunting knife bought for the camping trip five messages before « je
  // vais le tuer » said of a neighbour's parking is no means of it. The frames (kitchen talk) still read the whole window.
  const tie = Math.max(since, own.harm!.n - TIE_SPAN);
  // A knife in kitchen talk is a tool, and one sharpened for the roast is at hand as a tool (round 14): neither makes
  // "I'll kill him" a plan.
  const kitchen = liveCue(c, 'household', v.at, hl, since) || liveCue(c, 'mechanics', v.at, hl, since) || (liveCue(c, 'cooking', v.at, hl, since) && !v.cue.has('at_you'));
  // Stop 43 (det43v): a harm aimed at the addressee (harm_you) reads its means from the speaker's side only (onSpeakerSide).
  const sided = onHarmMessage(own, 'harm_you');
  const strong = STRONG_ANCHORS.filter((k) => liveCue(c, k, v.at, hl, tie) && !(k === 'weapon' && (v.cue.has('gaming') || kitchen)) && !(k === 'weapon_access' && kitchen)
    && (!sided || !(THREAT_CUES.means as readonly Cue[]).includes(k) || onSpeakerSide(v, k, since)));
  const when = liveCue(c, 'when', v.at, hl, tie);
  const banter = banterLive(c, v.at, hl, v.n - 30);
  if (!strong.length && (!when || banter)) return NONE;
  // Round 17: in game or match talk (not a combat sport's: a weigh-in, a ring) a plan still stands when the target is located in real life (where he lives, his
  // training hours, his route), with a time and a weapon named (« il s'entraîne mardi 19h [...] on sera 4 avec les
  // battes »); game talk names maps and rounds, not a man's street or timetable.
  const located = banter && !liveCue(c, 'sport', v.at, hl, v.n - 30) && LOCATED.some((k) => liveCue(c, k, v.at, hl, since));
  if (banter && strong.filter((k) => k !== 'weapon').length < 2 && !(located && when && strong.includes('weapon'))) return NONE;
  return [{
    category: 'violent_threat', score: strong.length ? 0.75 : 0.62, source: 'context:violence-plan', offender: v.senderId, across: strong.length > 0,
    reason: `${v.senderId} describes hurting someone with ${strong.length ? strong.join(', ') : 'a time set'}`,
  }];
}

/**
 * The sender's cue `k` was said on the message of his last harm (a frame, an actor or a lift read on the harm's own message);
 * false when he said no harm (stop 44, tidy44).
 */
export function onHarmMessage(own: ParticipantState['cue'], k: Cue): boolean {
  const harm = own.harm;
  return harm !== undefined && own[k]?.n === harm.n;
}

/**
 * Stop 43 (det43v): when the sender's last harm is aimed at the addressee (cue:harm_you: « ta mère a raison de te tuer »,
 * "I'll kill you"), a weapon is the speaker's means only when the speaker or a third person said it, not the one threatened:
 * the rifle a boy says he left in the car is his own, not a means against him. Cue `k` live since message `since` in the
 * sender's messages or in those of anyone he does not address. A plain loop over the participants (stop 44, tidy44: no
 * closure or entries array per call).
 */
export function onSpeakerSide(v: View, k: Cue, since: number): boolean {
  if (liveCue(v.sender.cue, k, v.at, v.halfLifeMs, since)) return true;
  const people = v.conv.people;
  for (const p in people) if (p !== v.senderKey && !v.targets.includes(p) && liveCue(people[p]!.cue, k, v.at, v.halfLifeMs, since)) return true;
  return false;
}

/**
 * Stop 42 (det42t): the sender's harm is a relative's « va te tuer » (cue:kin_mishap on the same message), not his own: this
 * message says nothing of the sender's own that lifts the kin frame (a blow at the listener, menace, a grievance, a wait).
 */
function kinHarm(v: View, own: ParticipantState['cue']): boolean {
  if (!onHarmMessage(own, 'kin_mishap')) return false;
  return !KIN_OWN_LIFTS.some((k) => liveCue(own, k, v.at, v.halfLifeMs, own.harm!.n));
}
/** Frames of a harm told rather than meant: reported, a story after the fact, a plot, a warning, the rules quoted. */
const TOLD_HARM: readonly Cue[] = [...SPEECH_FRAMES, 'reported', 'victim_report', 'victim_story', 'fiction', 'stage'];
/**
 * What makes a told harm the speaker's own all the same (« ton pote s'est fait planter, t'es le prochain »; a stage fight
 * « avec mon vrai couteau, pour de vrai »: for_real; a weapon the speaker has at hand).
 */
const TOLD_LIFTS: readonly Cue[] = ['menace', 'doom', 'own_plan', 'go_plan', 'at_you', 'blow_at_you', 'grievance', 'summon', 'outnumber', 'waiting', 'for_real', 'weapon_access'];

/** The sender's last harm was said in a frame of a harm told (same message), with nothing of his own intent beside it. */
function toldHarm(own: ParticipantState['cue']): boolean {
  if (!TOLD_HARM.some((k) => onHarmMessage(own, k))) return false;
  return !TOLD_LIFTS.some((k) => onHarmMessage(own, k));
}

/** What makes a harm said with a third person's actor the speaker's own all the same: his plan, his group, his grievance. */
const OWN_ACTOR_LIFTS: readonly Cue[] = ['own_plan', 'go_plan', 'grievance', 'summon', 'outnumber', 'waiting', 'for_real', 'weapon_access', 'doom'];

/** What a threat plan reads: a place where the target is, a time, a means (a weapon, a group). */
const PLAN_PLACE: readonly Cue[] = [...THREAT_CUES.place, 'their_place', 'your_place'];
const PLAN_MEANS: readonly Cue[] = [...THREAT_CUES.means, 'weapon_item', 'outnumber'];
/** The sender's own plan: going, being there in numbers, waiting, calling people. */
const PLAN_OWN: readonly Cue[] = ['go_plan', 'outnumber', 'waiting', 'summon'];
const PLAN_GATE: readonly Cue[] = ['go_plan', 'outnumber', 'waiting', 'summon', 'grievance', 'their_place', 'when', ...THREAT_CUES.means];

/**
 * A threat said as a plan, with no harm word (round 7): someone the speakers hold a grievance against or scorn
 * (« le mec qui a frappé mon frère », "that boy who ran his mouth"), or the target who blocked or refused the
 * sender; the sender says they will go or be somewhere (« on sera 5 », "we'll pull up", "I'll be waiting"); a
 * means (a weapon, a group: « on sera 5 », "5 deep") or a harm said; and two of a place where the target is
 * (« en bas de chez lui », "outside his work", "he stays on Carter Road"), a time, a means. Across the conversation's last 8 messages: the group plans together, the sender completes it. Not in
 * game or sport banter, not after a figure of speech. Flag level (0.62) unless a weapon or a harm said (0.72).
 */
export function threatPlan(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, PLAN_GATE)) return NONE;
  const hl = v.halfLifeMs;
  const since = v.n - 8;
  const c = v.conv.cue;
  const own = v.sender.cue;
  // Cheap first: the sender said a plan (go, be there in numbers, wait, call people) lately (number compares).
  if (!markedSince(own, PLAN_OWN, since)) return NONE;
  return threatPlanGated(v);
}

/** threatPlan past its gate (see GATED at the top of derive.ts). */
function threatPlanGated(v: View): readonly Finding[] {
  const hl = v.halfLifeMs;
  const since = v.n - 8;
  const c = v.conv.cue;
  const own = v.sender.cue;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  const plan = PLAN_OWN.some((k) => liveCue(own, k, v.at, hl, since));
  if (!plan) return NONE;
  const blockedOrRefused = liveCue(own, 'blocked', v.at, hl, since)
    || v.targets.some((k) => liveCue(v.conv.people[k]?.cue ?? {}, 'refusal', v.at, hl, since));
  const hostile = has('grievance') || blockedOrRefused || liveCue(own, 'harm', v.at, hl, since) || liveCue(own, 'menace', v.at, hl, since);
  if (!hostile) return NONE;
  const place = anyLive(has, PLAN_PLACE);
  const time = has('when');
  const kitchen = has('household') || has('mechanics');
  const means = PLAN_MEANS.filter((k) => has(k) && !(k === 'weapon' && kitchen));
  // A means (a weapon, a group) or a harm said: a grievance and a visit with a time are also how people settle a bill.
  const violent = liveCue(own, 'harm', v.at, hl, since) || liveCue(own, 'menace', v.at, hl, since);
  if ((!means.length && !violent) || (place ? 1 : 0) + (time ? 1 : 0) + (means.length ? 1 : 0) < 2) return NONE;
  const banter = banterLive(c, v.at, hl, v.n - 30);
  if (banter || has('figurative')) return NONE;
  const armed = means.some((k) => k !== 'outnumber') || violent;
  const parts = [place && 'a place where the target is', time && 'a time', means.length && `a means (${means.join(', ')})`].filter(Boolean);
  return [{
    category: 'violent_threat', score: armed ? 0.72 : 0.62, source: 'context:threat-plan', offender: v.senderId, across: true,
    reason: `${v.senderId} plans to go after someone (${has('grievance') ? 'a grievance' : blockedOrRefused ? 'after a block or refusal' : 'with intent'}) with ${parts.join(', ')}`,
  }];
}

/** A planned attack told through its logistics: what the gate looks for, what locates the target, what arms the plan. */
const COVERT_GATE: readonly Cue[] = ['op_cover', 'hidden_means', 'doom', 'routine', 'when', 'grievance'];
const COVERT_TARGET: readonly Cue[] = ['routine', 'their_place', 'whereabouts', 'threat_anchor', 'school_time'];
const COVERT_MEANS: readonly Cue[] = ['hidden_means', 'weapon', 'weapon_item', 'weapon_access'];
const COVERT_MARKS: readonly Cue[] = ['op_cover', 'hidden_means', 'doom', 'grievance', 'harm', 'menace', 'weapon', 'weapon_item', 'weapon_access'];
export const COVERT_FRAMES: readonly Cue[] = ['reported', ...SPEECH_FRAMES, 'care', 'group_walk'];
/**
 * A planned attack told only through its logistics (2026.12.10-1), over the conversation's last 10 messages: where and
 * when the target is (his routine: "every friday after 9", « il sort à 17h30 », his place), a time, and what makes it an
 * attack rather than an outing: a grievance against him (or his refusal), a means held or fetched ("the thing",
 * « l'affaire », a bat), his end said as a fact ("he ain't walking home", « il va comprendre »), a group waiting. With an
 * operation's cover (masks, gloves, swapped plates, new SIMs, no phones, a driver, a lookout: `op_cover`) one of these is
 * enough; without it, two, one a means or his end. A surprise party has a routine, a time, a driver and "nobody post",
 * but no grievance, no hidden means and no end. In game or sport talk (paintball, a match) only with two of them, one a
 * means or an end, and a grievance or the cover; never after a figure of speech, nor (without the cover) in reported,
 * warning or moderation talk. 0.72 with a weapon named, his end said, or a hidden means with a grievance or a group;
 * else 0.62. Round 9: with no time said, only when a grievance (or refusal), a means and his end are all said.
 */
export function covertPlan(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, COVERT_GATE)) return NONE;
  const hl = v.halfLifeMs;
  const since = v.n - 10;
  const c = v.conv.cue;
  // Cheap first: a plan is read only while a cover, a hidden means, an end or a grievance was said lately (number compares).
  if (!markedSince(c, COVERT_MARKS, since)) return NONE;
  return covertPlanGated(v);
}

/** covertPlan past its gate (see GATED at the top of derive.ts). */
function covertPlanGated(v: View): readonly Finding[] {
  const hl = v.halfLifeMs;
  const since = v.n - 10;
  const c = v.conv.cue;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  if (!anyLive(has, COVERT_TARGET)) return NONE;
  const kitchen = has('household') || has('mechanics');
  const means = COVERT_MEANS.some((k) => has(k) && !(k !== 'hidden_means' && kitchen));
  const end = has('doom') || has('harm') || has('menace');
  const refused = liveCue(v.sender.cue, 'blocked', v.at, hl, since)
    || v.targets.some((k) => liveCue(v.conv.people[k]?.cue ?? {}, 'refusal', v.at, hl, since));
  const hostile = has('grievance') || refused;
  const parts = [hostile && (has('grievance') ? 'a grievance' : 'a refusal'), means && 'a means held or fetched', end && 'his end said', has('outnumber') && 'a group waiting'].filter(Boolean) as string[];
  const cover = has('op_cover');
  if (cover ? parts.length < 1 : parts.length < 2 || !(means || end)) return NONE;
  // Round 9: with no time said, a grievance (or his refusal), a means and his end said together are the plan.
  if (!has('when') && !(hostile && means && end)) return NONE;
  if (has('figurative')) return NONE;
  // Without the cover, a threat and a weapon quoted or reported (staff reviewing screenshots, news) are not a plan.
  if (!cover && anyLive(has, COVERT_FRAMES)) return NONE;
  const banter = banterLive(c, v.at, hl, v.n - 30);
  if (banter && (parts.length < 2 || !(means || end) || !(hostile || cover))) return NONE;
  // A weapon named, his end said, or a thing held for the job against a man they hold a grievance against or wait for in
  // numbers: hold level. Masks and "the thing" alone (moving house with gloves and a borrowed trolley) stay a flag.
  const named = COVERT_MEANS.some((k) => k !== 'hidden_means' && has(k) && !kitchen);
  const armed = end || named || (has('hidden_means') && (hostile || has('outnumber')));
  return [{
    category: 'violent_threat', score: armed ? 0.72 : 0.62, source: 'context:covert-plan', offender: v.senderId, across: true,
    reason: `a planned attack told through its logistics: the target's place or routine, a time, ${cover ? 'an operation\'s cover (masks, plates, roles, no phones), ' : ''}${parts.join(', ')}`,
  }];
}

/** Round 16: what locates the target, and what says harm is meant, in the message of someone who has a weapon at hand. */
const ARMED_LOCATE: readonly Cue[] = ['routine', 'their_place', 'whereabouts', 'threat_anchor', 'when'];
const ARMED_INTENT: readonly Cue[] = ['harm', 'doom', 'menace'];
const ARMED_GATE: readonly Cue[] = [...ARMED_INTENT, 'fate'];
export const ARMED_FRAMES: readonly Cue[] = ['reported', ...SPEECH_FRAMES, 'care', 'figurative', 'gaming', 'laughing'];

/** What armedPurpose reads first (a module constant: no list made per message). */
const ARMED_MARKS: readonly Cue[] = ['weapon_item', 'weapon'];
/**
 * A weapon traded or at hand and aimed (round 16): a weapon or ammunition named in the conversation's last 8 messages and traded
 * outside the law (illegality, the speaker holding it, cash with a hand-over, another participant offering it or quoting its price,
 * a gun or blade of the weapon list with a price and no shop, club or listing), and someone says, in his last 4, where or when the
 * target will be (his routine, his place, a day) and, in this message, that harm is meant (a blow named, a menace, his end said;
 * « il se souviendra de moi » only when another participant offered the weapon or quoted its price): the buyer who says whom the gun is for.
 * Waiting for him is no intent (« je l'attends pour lui faire la surprise »); a bare listing price is no trade (a filleting knife on
 * a classified site); an animal or a fish named lately is a hunt or a fishing trip (a fox at the henhouse). Not in reported,
 * warning, moderation or care talk, nor in a figure of speech, a laugh or game talk said now; in banter only with a grievance said.
 * A kitchen knife is a tool.
 */
export function armedPurpose(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, ARMED_GATE)) return NONE;
  const c = v.conv.cue;
  const since = v.n - 8;
  if (!markedSince(c, ARMED_MARKS, Math.max(0, since))) return NONE;
  return armedPurposeGated(v);
}

/** armedPurpose past its gate (see GATED at the top of derive.ts). */
function armedPurposeGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const since = v.n - 8;
  const hl = v.halfLifeMs;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  const kitchen = has('household') || has('cooking');
  if (!has('weapon_item') && !(has('weapon') && !kitchen)) return NONE;
  if (has('animal')) return NONE;
  const offered = byOthers(v, ['weapon_item', 'weapon'], since);
  const listed = has('sport') || has('legal_trade') || has('listing');
  // Another participant had a part in the deal: he offered the weapon or quoted its price.
  const dealt = offered || byOthers(v, ['price', 'amount', 'cash'], since);
  const traded = has('illegal') || has('weapon_access') || dealt || (has('cash') && has('handover')) || (has('weapon_item') && (has('price') || has('amount')) && !listed);
  if (!traded) return NONE;
  const own = v.sender.cue;
  const mine = (k: Cue): boolean => liveCue(own, k, v.at, hl, v.n - 4);
  const locate = ARMED_LOCATE.filter(mine);
  // The harm is said now (a tattooist's « ça va saigner ? » two messages before a booking is no purpose).
  const intent = ARMED_INTENT.filter((k) => v.cue.has(k));
  if (v.cue.has('fate') && dealt) intent.push('fate');
  if (!locate.length || !intent.length) return NONE;
  if (carriesAny(v.cue, ARMED_FRAMES) || (own.figurative && own.figurative.n >= v.n - 4)) return NONE;
  if (banterLive(c, v.at, hl, v.n - 20) && !has('grievance')) return NONE;
  const place = locate.some((k) => k !== 'when');
  return [{
    category: 'violent_threat', score: place ? 0.75 : 0.68, source: 'context:armed-purpose', offender: v.senderId, across: true,
    reason: `a weapon at hand in the conversation and ${v.senderId} names ${place ? 'where or when the target will be' : 'a time'} with harm meant (${intent.join(', ')})`,
  }];
}

/**
 * A weapons deal spread over messages: a weapon or ammunition (slang and calibres included), a
 * price or cash, and either no papers / smuggled goods or a hand-over (a meeting, a place). In a
 * game, airsoft or hunting chat, or over weapons deactivated with a certificate, only with the illegality said outright.
 */
export function weaponsDeal(v: View): readonly Finding[] {
  if (!v.cue.has('weapon_item') && !v.cue.has('price') && !v.cue.has('amount') && !v.cue.has('illegal') && !v.cue.has('cash') && !v.cue.has('handover') && !v.sig.has('meetup_request')) return NONE;
  return weaponsDealGated(v);
}

/** weaponsDeal past its gate (see GATED at the top of derive.ts). */
function weaponsDealGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 8;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  if (!has('weapon_item')) return NONE;
  const illegal = has('illegal');
  const priced = has('price') || has('cash') || has('amount');
  const handover = Object.values(v.conv.people).some((p) => (p.sig.meetup_request?.n ?? -1) >= since) || has('secluded') || has('threat_anchor') || has('when') || has('handover');
  // A weapon no one may own (cut down, unserialised, printed) handed over at a time and place is a deal with or without a price said.
  if (!priced && !(illegal && handover && !has('reporting') && !has('warning'))) return NONE;
  if (!illegal && !handover) return NONE;
  const play = liveCue(c, 'gaming', v.at, hl, v.n - 30) || liveCue(c, 'sport', v.at, hl, v.n - 30);
  // Round 16: a weapon deactivated with its certificate (a militaria fair, a deac shop) is the legal collectors' trade: the
  // weapon of that message only (cartridges or another gun named later are read as ever), and in later messages only with no
  // cash and no car park or dark place; never with illegality said.
  const deacMsg = c.deac_cert?.n;
  const deac = v.cue.has('deac_cert') || (has('deac_cert') && c.weapon_item?.n === deacMsg && !has('cash') && !has('threat_anchor') && !has('secluded'));
  if ((play || deac) && !illegal) return NONE;
  return [{
    category: 'weapons_trafficking', score: illegal ? 0.8 : 0.65, source: 'context:weapons-deal', offender: v.senderId, across: illegal,
    reason: `conversation combines a weapon or ammunition, a price${illegal ? ', no papers or smuggled goods' : ''}${handover ? ', a hand-over' : ''}`,
  }];
}

/**
 * A drug sale spread over messages (an emoji menu, a price list, codes): a drug named, coded or drawn,
 * and a price or a dose, within 6 messages; a hand-over (a spot, "come down", a payment app, a meeting)
 * or both a price and a dose make it a deal. News, prevention, care and medical talk frame it (frames.ts): listed for review only.
 *
 * A sale told by its logistics (2026.12.9-2), within 8 messages: goods no product names (a code, a colour, "the usual",
 * « de la neige », "the pack": `goods_code`) that the trade's own words (`deal_talk`: "line phone", "going country",
 * « le drive », « t'as besoin de quoi ») or a weight single out, a price or a quantity, and a hand-over (a spot, a time,
 * a meeting, the speaker's place). Ordinary goods have a name: a code word alone with a price and a time stays quiet.
 */
export function drugDeal(v: View): readonly Finding[] {
  const c = v.conv.cue;
  // A coded sale is read only while coded goods were named in the last messages (one number compared on most messages).
  const coded = (c.goods_code?.n ?? -1) >= v.n - SALE_SPAN || (c.gram_goods?.n ?? -1) >= v.n - SALE_SPAN;
  // The trade's staff (a lookout, a runner, a stash keeper) is hired by a wage and told what to do about the police.
  const staff = (c.pay_rate?.n ?? -1) >= v.n - STAFF_SPAN && (c.police_dodge?.n ?? -1) >= v.n - STAFF_SPAN;
  if (staff && carriesAny(v.cue, STAFF_PARTS)) {
    const hired = tradeStaff(v);
    if (hired.length > 0) return hired;
  }
  // A courier (round 9): paid to carry goods unseen or hidden; read only while a wage and such goods are recent.
  const carried = (c.pay_rate?.n ?? -1) >= v.n - STAFF_SPAN && Math.max(c.blind_cargo?.n ?? -1, c.stash_hide?.n ?? -1) >= v.n - STAFF_SPAN;
  if (carried && carriesAny(v.cue, COURIER_PARTS)) {
    const run = courier(v);
    if (run.length > 0) return run;
  }
  if (!v.cue.has('drug_item') && !v.cue.has('drug_qty') && !v.cue.has('amount') && !v.cue.has('handover')
    && !(coded && (v.cue.has('goods_code') || v.cue.has('gram_goods') || v.cue.has('deal_talk') || v.cue.has('when') || v.cue.has('price') || v.cue.has('private_place') || v.sig.has('meetup_request')))) return NONE;
  return drugDealGated(v, coded);
}

/** drugDeal past its gate (see GATED at the top of derive.ts), with the gate's `coded`. */
function drugDealGated(v: View, coded: boolean): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 6;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  if (has('drug_item') && (has('amount') || has('drug_qty'))) {
    const handover = has('handover');
    const facts = [has('amount') && 'a price', has('drug_qty') && 'a dose or weight', handover && 'a hand-over'].filter(Boolean);
    return [{
      category: 'drug_trafficking', score: facts.length >= 3 || (facts.length === 2 && handover) ? 0.72 : 0.58, source: 'context:drug-deal', offender: v.senderId,
      across: (['drug_item', 'amount', 'drug_qty', 'handover'] as const).some((k) => has(k) && earlier(c, k, v.n)),
      reason: `conversation combines a drug, ${facts.join(', ')}`,
    }];
  }
  return coded ? codedSale(v) : NONE;
}

/** How far back (messages) a hiring for the trade is assembled. */
const STAFF_SPAN = 10;
/** What frames a hiring as talk about one: the news, a warning, care, medicine, the legal market, a moderator. */
const STAFF_FRAMES: readonly Cue[] = ['legal_trade', 'medical', 'reporting', 'warning', 'care', 'moderation'];
const STAFF_PARTS: readonly Cue[] = ['pay_rate', 'police_dodge', 'cover_story', 'discreet', 'deal_talk', 'goods_code', 'when', 'handover', 'private_place'];

/**
 * Hiring for the trade (2026.12.10-2): within 10 messages a wage by the day, the run or the week (`pay_rate`) and what
 * to do when the police come or stop you (`police_dodge`: « si tu vois les bleus », "if the feds stop you"), with the
 * trade's words, or a cover story (`cover_story`) and a schedule or a hand-over. Jobs have wages and the police is talked about, but a job that needs a plan
 * for the police is a lookout's, a runner's or a stash keeper's. News, warnings and care frame it as elsewhere.
 */
function tradeStaff(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const since = v.n - STAFF_SPAN;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, v.halfLifeMs, since);
  if (!has('pay_rate') || !has('police_dodge')) return NONE;
  const trade = has('deal_talk') || has('goods_code');
  // A courier or a guard may ask about the police too; a cover story (what to tell a parent or the police, a phone left
  // at home, "better you don't know") or the trade's words make it the trade's.
  const cover = has('cover_story') || has('discreet');
  const plan = has('when') || has('handover') || has('private_place');
  if (!(trade || (cover && plan))) return NONE;
  // "If you see the cops, shout" is itself worded as a warning: a warning said in the police message is not a frame.
  if (STAFF_FRAMES.some((k) => has(k) && !(k === 'warning' && c.warning?.n === c.police_dodge?.n))) return NONE;
  return [{
    category: 'drug_trafficking', score: trade ? 0.72 : 0.65, source: 'context:trade-staff', offender: v.senderId,
    across: earlier(c, 'pay_rate', v.n) || earlier(c, 'police_dodge', v.n),
    reason: `conversation combines a wage by the day or the run, what to do about the police${trade ? ", the trade's words" : ', a cover story and a schedule or a hand-over'}`,
  }];
}

const COURIER_PARTS: readonly Cue[] = ['pay_rate', 'blind_cargo', 'stash_hide', 'police_dodge', 'cover_story', 'discreet', 'deal_talk', 'goods_code', 'drug_item'];

/**
 * A courier for the trade (round 9), within 10 messages: a wage by the trip, the night or the run, or the carrier's cut
 * (`pay_rate`), for goods the carrier must not look at (`blind_cargo`: "don't ask", "never open them") or hides on
 * the body or in the vehicle (`stash_hide`: "in ur sock", "under the spare wheel"), and one more mark of the trade: the
 * other of those two, a plan for the police, a cover story, secrecy, the trade's words or the goods named. A delivery
 * job pays by the drop and may carry a sealed parcel; it does not hide it in a sock, keep the driver from knowing what
 * it is and tell him what to say when stopped. News, warnings, care, medicine, the legal market frame it.
 */
function courier(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const since = v.n - STAFF_SPAN;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, v.halfLifeMs, since);
  if (!has('pay_rate')) return NONE;
  const blind = has('blind_cargo');
  const hidden = has('stash_hide');
  if (!blind && !hidden) return NONE;
  const police = has('police_dodge') || has('cover_story') || has('discreet');
  const trade = has('deal_talk') || has('goods_code') || has('drug_item');
  const marks = [blind && 'goods carried unseen', hidden && 'goods hidden on the body or in a vehicle', police && 'a plan for the police or a cover story', trade && "the trade's words"].filter(Boolean);
  if (marks.length < 3 && !(marks.length === 2 && trade)) return NONE;
  if (STAFF_FRAMES.some((k) => has(k) && !(k === 'warning' && c.warning?.n === c.police_dodge?.n))) return NONE;
  return [{
    category: 'drug_trafficking', score: marks.length >= 3 ? 0.72 : 0.65, source: 'context:courier', offender: v.senderId,
    across: true,
    reason: `conversation combines a wage for carrying, ${marks.join(', ')}`,
  }];
}

/** How far back (messages) a sale told by its logistics is assembled. */
const SALE_SPAN = 8;
const SALE_FRAMES: readonly Cue[] = ['legal_trade', 'medical', 'reporting', 'warning', 'care', 'moderation', 'household'];
const SALE_PARTS = ['goods_code', 'deal_talk', 'drug_qty', 'amount', 'price', 'handover', 'when'] as const;

function codedSale(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const since = v.n - SALE_SPAN;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  // Round 16b: a price by the gram is coded goods only while no product was named in the last messages (the saffron asked
  // about, the ring to sell): then it is that product's price.
  if (!has('goods_code') && !(has('gram_goods') && !has('named_goods'))) return NONE;
  const trade = has('deal_talk');
  const weight = has('drug_qty');
  if (!trade && !weight) return NONE;
  const price = has('amount') || has('price');
  const meeting = Object.values(v.conv.people).some((p) => (p.sig.meetup_request?.n ?? -1) >= since && decayed(p.sig.meetup_request, v.at, hl) >= 0.4);
  const handover = has('handover') || has('when') || has('private_place') || meeting;
  if (!(price || weight) || !handover) return NONE;
  // A code is a code only where nothing says what is talked about: the legal market, medicine, the news, a warning,
  // care for someone or a moderator's rules name it, and then vague words are ordinary ones.
  if (anyLive(has, SALE_FRAMES)) return NONE;
  const facts = [trade && "the trade's words", price && 'a price', weight && 'a quantity', 'a hand-over'].filter(Boolean);
  return [{
    category: 'drug_trafficking', score: trade && (price || weight) ? 0.72 : 0.65, source: 'context:coded-sale', offender: v.senderId,
    across: SALE_PARTS.some((k) => has(k) && earlier(c, k, v.n)),
    reason: `conversation combines coded goods, ${facts.join(', ')}`,
  }];
}

/**
 * Surveillance: the sender names back to the target their routine, car, workplace or children's school
 * ("you still get the 6 at 7.50", "ta fille est en CE2 à Jules Ferry") with a car, home or family, or
 * with intent (a menace, harm, a weapon) or with the target alarmed: a threat with no threat word.
 * Not in rooms (a group plans a meeting with such words); a close friend offering a lift says it once.
 */
export function surveillance(v: View): readonly Finding[] {
  if (!v.cue.has('whereabouts') || v.conv.room) return NONE;
  return surveillanceGated(v);
}

/** surveillance past its gate (see GATED at the top of derive.ts). */
function surveillanceGated(v: View): readonly Finding[] {
  const own = v.sender.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 8;
  // Two kinds of knowledge (a schedule or workplace, and a car, a home or the children).
  const repeated = liveCue(own, 'threat_anchor', v.at, hl, since);
  const intent = SURVEILLANCE_INTENT.filter((k) => liveCue(own, k, v.at, hl, since));
  const alarmed = v.targets.some((k) => { const p = v.conv.people[k]; return !!p && (liveCue(p.cue, 'perceived_threat', v.at, hl, since) || liveCue(p.cue, 'refusal', v.at, hl, since)); });
  if (!repeated && !intent.length && !alarmed) return NONE;
  const score = intent.length ? 0.75 : 0.6;
  return [{ category: 'violent_threat', score, source: 'context:surveillance', offender: v.senderId, across: true,
    reason: `${v.senderId} names the target's routine, car, workplace or family${intent.length ? ` with ${intent.join(', ')}` : repeated ? ' and their car, home or family' : ' after the target objected'}` }];
}

/** What the target's reaction ("is that a threat?") reads in the other's recent messages. */
const PERCEIVED_MARKS: readonly Cue[] = [...THREAT_MARKS, 'secluded', 'alone'];
/** How far back (messages) an alarmed reply reads the message it reacts to. */
const ALARM_SPAN = 3;
/** Findings read from others' alarm stay at review level (flag): a reaction corroborates, it does not prove. */
const ALARM_SCORE = 0.65;

/**
 * Alarm raised by the others: a participant reacts with alarm ("that's not funny, delete that", « t'es
 * malade », "please talk to someone", « c'est une agression », "reporting you") right after another
 * participant's message that carried intent of violence (harm, a menace, a weapon at hand, a school time, a
 * weapon with a time or place) or of drugging (something into a drink, a sedative, pushed drinks, a victim
 * who will be out). The others read it as meant: the earlier sender is listed for review (flag), whoever the
 * alarmed person is (the target, a friend, a bystander in a room). Not on a figure of speech, not in game or
 * sport banter without a real-world anchor, not on medical or care talk unless something goes into a drink.
 */
export function alarmRaised(v: View): readonly Finding[] {
  // The target's own alarm ("is that a threat?") counts too: for drugging no other derivation reads it.
  if (!v.cue.has('alarm') && !v.cue.has('perceived_threat')) return NONE;
  return alarmRaisedGated(v);
}

/** alarmRaised past its gate (see GATED at the top of derive.ts). */
function alarmRaisedGated(v: View): readonly Finding[] {
  const hl = v.halfLifeMs;
  const since = v.n - ALARM_SPAN;
  const c = v.conv.cue;
  const banter = banterLive(c, v.at, hl, v.n - 30);
  const out: Finding[] = [];
  for (const [k, p] of Object.entries(v.conv.people)) {
    if (k === v.senderKey) continue;
    const had = (x: Cue): boolean => liveCue(p.cue, x, v.at, hl, since);
    if (had('figurative') || had('reported') || had('warning')) continue;
    // Violence: the target's own reaction is threat-perceived's business (derive.ts threat).
    if (!out.some((f) => f.category === 'violent_threat') && !(v.cue.has('perceived_threat') && v.targets.includes(k))) {
      const intent = ALARMING_THREAT.filter(had);
      const place = THREAT_CUES.place.filter(had);
      const armed = had('weapon') && (place.length > 0 || had('when'));
      const real = place.length > 0 || had('weapon_access');
      if ((intent.length || armed) && (!banter || real)) {
        out.push({ category: 'violent_threat', score: ALARM_SCORE, source: 'context:alarm-raised', offender: short(k), across: true,
          reason: `${v.senderId} reacts with alarm to ${short(k)}'s message (${[...intent, ...(armed ? ['a weapon'] : [])].join(', ')})` });
      }
    }
    if (!out.some((f) => f.category === 'drug_facilitated_assault')) {
      const drugging = ALARMING_DRUGGING.filter(had);
      const spike = had('spike');
      const framedTalk = liveCue(c, 'medical', v.at, hl, v.n - 6) || liveCue(c, 'care', v.at, hl, v.n - 4);
      if (drugging.length && (spike || !framedTalk)) {
        out.push({ category: 'drug_facilitated_assault', score: ALARM_SCORE, source: 'context:alarm-raised', offender: short(k), across: true,
          reason: `${v.senderId} reacts with alarm to ${short(k)}'s message (${drugging.join(', ')})` });
      }
    }
  }
  return out;
}
