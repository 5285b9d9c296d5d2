/**
 * One step of conversation and user context: record a message's evidence in the state and return
 * the categories the engine asserts for it given everything seen before. Pure: time is the message's
 * `sentAt`; the same messages in the same order give the same outcome however they are batched.
 */
import { CATEGORIES, SIGNALS, type Category, type Signal } from '../../contracts/taxonomy.js';
import { aboutAddressee, asksAge, bareAgeAnswer, bareGradeAnswer, gradeAge, mentionsChild, statedAge, type AgeStatement } from './age.js';
import { addressesKin, cuesOf, type Cue } from './cues.js';
import { addressesRole, hidesFromParents } from './parents.js';
import { holdsImages, threatensToSpread } from './sextortion.js';
import { holdsJobOver } from './workplace.js';
import { armedSale } from './armed-sale.js';
import { managedVisits } from './managed-visits.js';
import { controlledWorker } from './controlled-worker.js';
import { REREAD_SOURCES, minorRevealed } from './minor-revealed.js';
import { alarmRaised, ambush, declaredChild, declaredMinor, drugDeal, drugFacilitatedAssault, grooming, harassment, insistence, isMinor, mayFind, prostitution, stalking, surveillance, threat, threatPlan, covertPlan, unwelcome, violencePlan, weaponIntent, weaponsDeal, armedPurpose, type Finding, type View } from './derive.js';
import { consentWaived, pursuit } from './pursuit.js';
import { alarmConfirmed, routineMenace, schoolLeak, trapHarm } from './menace-leak.js';
import { sedationMotive, victimDisclosure } from './sedation-motive.js';
import { saleStructure } from './sale-structure.js';
import { offScaleCue, offScaleSale } from './off-scale-sale.js';
import { meetSpot } from './meet-spot.js';
import { KeyMemo } from './state-keys.js';
import { belowP0Of, belowP0WhyOf, minorSextortion } from './p0-bar.js';
import { FAMILY_SURPRISE_CAP, familySurprise } from './family-surprise.js';
import { toldMinorSextortion } from './told-minor-sextortion.js';
import { echoesAddresseeAge } from './age-echo.js';
import { fold } from './fold.js';
import { noDruggingMeans } from './parent-frames.js';
import { betweenFriends, homeQuip } from './home-quip.js';
import { protectiveTake } from './protective-take.js';
import { BANTER, FOOTBALL_BANTER, FRAME_SPAN, FRAMED_FINDING_MAX, FRAMES, RELAYED_INTENT, SPAN_FRAMES, relaying, type Frame } from './frames.js';
import type { SupportKind } from '../policy-file.js';
import { scoreOnly } from '../evidence-source.js';
import { EMPTY_LIST } from '../empty-list.js';
import {
  conversationKey, decayed, entryOf, evictEntries, expiredAt, keyedRecord, liveCue, mark, noMarks, ownMarks, round, touchEntry,
  type ContextBounds, type ContextMessage, type ConversationState, type EngineState, type PairState, type ParticipantState, type SenderState,
} from './state.js';

export interface Evidence { score: number; sources: string[] }

export interface ContextInput {
  messageId: string;
  /** Tenants never share context: conversation and sender state is keyed by tenant too. */
  tenantId?: string | null;
  conversationId: string;
  roomId: string | null;
  senderId: string;
  recipientId: string | null;
  text: string;
  sentAt: number;
  senderDeclaredAge: number | null;
  /** Message-level category evidence (rules + model). Owned by `observe` from the call on: damped and extended in place. */
  categories: Partial<Record<Category, Evidence>>;
  /** Message-level signal evidence (rules + model). Owned by `observe` like `categories`. */
  signals: Partial<Record<Signal, Evidence>>;
  /** Context cues found by the rules (`label=cue:<name>`), added to the text's own cues. */
  ruleCues?: readonly Cue[];
  /** Categories hit by two rules on disjoint words of the message (support kind `rules`). */
  disjointRules?: readonly Category[];
  /**
   * The conversation-window model's category evidence on this message (calibrated, capped at review level,
   * window-stage.ts WINDOW_MAX_SCORE), kept apart from the message's own: it says what the conversation is about,
   * not what this message says, so derivations and accumulation do not read it. `raised`: categories at or above
   * the model's threshold.
   */
  window?: { source: string; scores: Partial<Record<Category, number>>; raised: readonly Category[] };
  /** The conversation's state key (state.ts `conversationKey`) when the caller built it already; else observe builds it. */
  conversationKey?: string;
}

export interface ContextOutcome {
  /** Final category evidence (message + context), including sub-threshold candidates. */
  categories: Partial<Record<Category, Evidence>>;
  /** Categories at or above their assertion threshold, strongest first. */
  asserted: Category[];
  signals: Partial<Record<Signal, Evidence>>;
  /** This message's own lines (a copy of observe's scratch list), or the shared frozen EMPTY_LIST when it has none. */
  reasons: readonly string[];
  /** The sender is the target (a minor) of an established category in this conversation. */
  victim: boolean;
  /** Cross-conversation risk of the sender, 0..1. */
  senderRisk: number;
  /**
   * The conversation's recent messages after this one was added (it is the last), and the record(s) that adding it
   * dropped: the earlier messages are `contextBefore(outcome)`, built only for a verdict that acts or escalates (issue 14,
   * round 41: a copy of the window on every message was ~100 B of the engine's allocation). `recent` is the state's own
   * list: read it before the next message of the conversation is observed.
   */
  recent: readonly ContextMessage[];
  dropped: ContextMessage | readonly ContextMessage[] | null;
  /** Independent kinds of support per asserted or candidate category (policy `corroboration`). */
  support: Readonly<Partial<Record<Category, SupportKind[]>>>;
  /** Categories whose evidence on this message is framed (report, quotation, warning, banter...). */
  framed: Category[];
  /** Stop 38: categories whose derivations on this message are all below P0 (p0-bar.ts); absent when none. */
  belowP0?: Category[];
  /** Stop 51 (det51): for a category of `belowP0`, what holds it there in the reason line's words (p0-bar.ts belowP0WhyOf). */
  belowP0Why?: Partial<Record<Category, string>>;
  /** Stop 42: the sender declared or stated an age under 18 (policy: never enforced against for grooming or drugging); absent otherwise. */
  minorSender?: true;
}

/** The frames that hold for a whole exchange (SPAN_FRAMES), in FRAMES order. */
const SPAN_FRAME_LIST: readonly Frame[] = FRAMES.filter((f) => SPAN_FRAMES.includes(f.cue));
/** A bit per cue a windowed frame reads on the conversation's marks (FRAMES with window > 0). */
const FRAME_CUE_BIT = new Map<string, number>();
for (const f of FRAMES) if (f.window > 0 && !FRAME_CUE_BIT.has(f.cue)) FRAME_CUE_BIT.set(f.cue, 1 << FRAME_CUE_BIT.size);
if (FRAME_CUE_BIT.size > 30) throw new Error(`observe: ${FRAME_CUE_BIT.size} windowed frame cues, at most 30 fit the bit set`);
/** The bit of the parent's sanction (stop 42 review: off on a message to no minor). */
const SANCTION_BIT = FRAME_CUE_BIT.get('parent_sanction')!;
/** FRAMES[i]'s bit (0 for a frame without a window: it never reads the conversation's marks). */
const FRAME_BITS: readonly number[] = FRAMES.map((f) => (f.window > 0 ? FRAME_CUE_BIT.get(f.cue)! : 0));

/**
 * The bits of the frame cues the conversation holds a mark of: one pass over its few marks (three on average), instead
 * of a lookup per frame on objects of many shapes (a megamorphic keyed load that mostly misses). A frame whose cue has
 * no mark cannot be live (liveWithin of no mark is false), so the frames loops skip its lookup.
 */
export function markedFrameCues(rec: Partial<Record<Cue, unknown>>): number {
  let bits = 0;
  for (const k in rec) bits |= FRAME_CUE_BIT.get(k) ?? 0;
  return bits;
}
/** The derivations observe calls on every message, in order (exported for no-closure.test.ts: none may make a closure before its gate). */
export const DERIVATIONS = [grooming, ambush, drugFacilitatedAssault, harassment, insistence, unwelcome, prostitution, threat, weaponIntent, stalking, violencePlan, threatPlan, covertPlan, armedPurpose, weaponsDeal, drugDeal, surveillance, alarmRaised, pursuit, consentWaived, schoolLeak, routineMenace, alarmConfirmed, trapHarm, sedationMotive, victimDisclosure, saleStructure, armedSale, managedVisits, minorSextortion, toldMinorSextortion, controlledWorker, offScaleSale] as const;
/**
 * Which derivations observe calls and whether the gate before them (derive.ts mayFind, stop 52) is on. Every engine runs
 * `DERIVATION_RUN`; derivation-gate.test.ts injects another (engine option `derivations`): the gate off, to run the full
 * path on the same messages and compare, and the 33 wrapped to count their calls and findings (stop 53: no counter on the
 * production path).
 */
export interface DerivationRun {
  readonly gated: boolean;
  readonly list: readonly ((v: View) => readonly Finding[])[];
}
export const DERIVATION_RUN: DerivationRun = Object.freeze({ gated: true, list: DERIVATIONS });
/** Earlier evidence of a category (decayed accumulation) that counts as support from the conversation. */
const PRIOR_SUPPORT = 0.4;
/** Message evidence below this is noise for corroboration. */
const SUPPORT_MIN = 0.2;
const SIGNAL_MIN = 0.5;
/** The speaker asks or offers something for himself, to the addressee ("add me", "dm me", "ill gift u", « ajoute-moi », « je t'offre »). */
const OWN_REQUEST = /\b(?:add me|dm me|text me|message me|snap me|send me|meet me|call me|ajoute[- ]?moi|envoie[- ]?moi|ecris[- ]?moi|rejoins[- ]?moi|i'?ll (?:gift|send|buy|get) (?:u|you)|ill (?:gift|send|buy|get) (?:u|you)|je (?:t'|te )(?:offre|envoie|paie|paye))\b/;
const MODEL_SIGNAL_MIN = 0.75;
const MODEL_PRIOR_MIN = 0.3;
const MODEL_MIN_WORDS = 6;
const MODEL_ALONE_MIN = 0.75;
/** The window record of a message without window evidence (never written: read only under `if (m.window)`). */
const NO_WINDOW: Partial<Record<Category, Evidence>> = Object.freeze({});

/**
 * `[source]`, frozen, for the window's damped evidence records (issue 14, round 48): the last window source's list kept
 * (an engine has one window model), another source makes its own. Frozen: a write throws instead of reaching later messages.
 */
let lastWindowSources: readonly string[] = Object.freeze(['']);
export function windowSources(source: string): string[] {
  if (lastWindowSources[0] !== source) lastWindowSources = Object.freeze([source]);
  return lastWindowSources as string[];
}
/** Messages within which a second window raising a category makes it believed (the window model reads 6). */
const WINDOW_SPAN = 5;
/** Independent support kinds an assertion needs to establish its offender (the policy's hold count). */
const OFFENDER_MIN_KINDS = 2;
/** ... and a score at the lowest hold threshold of the shipped policy (a flag-level finding is review, not an offender). */
const OFFENDER_MIN_SCORE = 0.65;

/**
 * A score per category, all 0, keys in CATEGORIES order (observe.test.ts checks the list): an object literal, so every
 * message's record has the same shape.
 */
export function zeroScores(): Record<Category, number> {
  return {
    child_grooming: 0, sexual_harassment: 0, prostitution: 0, ambush: 0,
    drug_facilitated_assault: 0, drug_trafficking: 0, weapons_trafficking: 0, violent_threat: 0,
  };
}

/**
 * Scratch records of one `observe` call, reused by the next (issue 14, round 17): the message's signal set, its framed
 * categories and its per-category scores are read by the derivations and helpers during the call and kept by none of
 * them (the outcome carries copies: `framed` is a filtered array). A set is cleared only when it holds something:
 * most messages leave both empty, and an empty set costs nothing to reuse, where a new one was a table per message.
 */
const SCRATCH_SIG = new Set<Signal>();
const SCRATCH_FRAMED = new Set<Category>();
/**
 * observe's reason lines while it runs (issue 14, round 50): a dozen helpers push into this one list, emptied at the
 * entry of each call; the outcome gets an exact copy (`slice`), or the shared EMPTY_LIST when the message has none (most), where
 * observe made an empty literal a message (32 B) that its first push grew to 17 slots (184 B). observe is synchronous
 * and keeps no reference to it past its return.
 */
const SCRATCH_REASONS: string[] = [];
/** The lines of the window evidence's frames, which nobody reads: pushed into, then emptied (was a new `[]` a message). */
const DISCARDED_REASONS: string[] = [];
/** The message's cues (cuesOf clears and fills it): nothing keeps it past observe (issue 14, round 41). */
const SCRATCH_CUES = new Set<Cue>();
const SCRATCH_CAT = zeroScores();

/**
 * The derivations' view and the findings list are scratch too (round 18): the derivations are pure functions of the
 * view that keep nothing of it, and observe reads the findings only during the call (the outcome carries evidence,
 * support and reasons made from them, not the list).
 */
let SCRATCH_VIEW: View | null = null;
const SCRATCH_FINDINGS: Finding[] = [];
/** The state keys of the senders seen (state-keys.ts); pure strings, shared by every engine of the process. */
const KEYS = new KeyMemo(16_384);

/** The derivations' view of this message, in the one scratch record (its fields all written on every call). */
function viewOf(
  conv: ConversationState, senderKey: string, sender: ParticipantState, senderId: string, targets: readonly string[], sig: Set<Signal>, cue: Set<Cue>,
  cat: Record<Category, number>, at: number, n: number, halfLifeMs: number, riskySender: boolean, framed: Set<Category>, groomRule: boolean,
  toPair: PairState | null, folded: string, senderPrevAt: number,
): View {
  const v = SCRATCH_VIEW;
  if (v === null) return (SCRATCH_VIEW = { conv, senderKey, sender, senderId, targets, sig, cue, cat, at, n, halfLifeMs, riskySender, framed, groomRule, toPair, folded, senderPrevAt });
  v.conv = conv; v.senderKey = senderKey; v.sender = sender; v.senderId = senderId; v.targets = targets; v.sig = sig; v.cue = cue;
  v.cat = cat; v.at = at; v.n = n; v.halfLifeMs = halfLifeMs; v.riskySender = riskySender; v.framed = framed; v.groomRule = groomRule;
  v.toPair = toPair; v.folded = folded; v.senderPrevAt = senderPrevAt;
  return v;
}

/** The participant keys of a room other than the sender's, in the record's order (one array, not keys then a filtered copy). */
function othersIn(people: Record<string, ParticipantState>, senderKey: string): string[] {
  const out: string[] = [];
  for (const k in people) if (k !== senderKey) out.push(k);
  return out;
}

function newParticipant(at: number): ParticipantState {
  return { lastAt: at, declaredAge: null, statedAge: null, minorHint: null, sig: noMarks(), cue: noMarks(), cat: noMarks(), msgs: 0, sexN: null, kin: false };
}
function newConversation(at: number, room: boolean): ConversationState {
  return { lastAt: at, t: 0, room, n: 0, people: keyedRecord(), pairs: keyedRecord(), acc: noMarks(), cue: noMarks(), offender: {}, recent: [] };
}

function getConversation(state: EngineState, key: string, at: number, room: boolean, b: ContextBounds): ConversationState {
  let conv = entryOf(state.convs, key);
  // Expired when this message comes more than ttl after the conversation's last one. Measured on the
  // conversation's own timeline, not on the latest sentAt seen: a file replayed out of time order (an
  // older conversation after a newer one) keeps its context message to message.
  if (conv && expiredAt(conv.lastAt, at, b)) conv = undefined;
  if (!conv) {
    if (!state.convs[key]) state.nc++;
    conv = newConversation(at, room);
    state.convs[key] = conv;
  }
  touchEntry(state, 'cq', key, conv);
  conv.lastAt = Math.max(conv.lastAt, at);
  state.nc = evictEntries(state.convs, state.cq, state.nc, b.maxConversations, state.now - b.ttlMs);
  return conv;
}

/** `key`: the sender's `s:` key (state-keys.ts). */
function getSender(state: EngineState, key: string, at: number, b: ContextBounds): SenderState {
  let s = entryOf(state.senders, key);
  if (s && expiredAt(s.lastAt, at, b)) s = undefined;
  if (!s) {
    if (!state.senders[key]) state.ns++;
    // The three lists start as the shared frozen empty (round 49: most senders never fill one); `remembered` makes each own.
    s = { lastAt: at, t: 0, ageAsked: EMPTY_LIST, moved: EMPTY_LIST, flagged: EMPTY_LIST };
    state.senders[key] = s;
  }
  touchEntry(state, 'sq', key, s);
  s.lastAt = Math.max(s.lastAt, at);
  state.ns = evictEntries(state.senders, state.sq, state.ns, b.maxSenders, state.now - b.ttlMs);
  return s;
}

function getPerson(conv: ConversationState, key: string, at: number, b: ContextBounds): ParticipantState {
  const p = conv.people[key] ?? addPerson(conv, key, at, b);
  p.lastAt = Math.max(p.lastAt, at);
  return p;
}

/** A new participant record under `key` (the oldest other one dropped past the bound). */
function addPerson(conv: ConversationState, key: string, at: number, b: ContextBounds): ParticipantState {
  const p = newParticipant(at);
  conv.people[key] = p;
  dropOldest(conv.people, b.maxParticipants, key);
  return p;
}

/** Keeps at most `max` entries, dropping the least recently active (never `keep`). O(entries), only on insert. */
function dropOldest<T extends { lastAt: number }>(rec: Record<string, T>, max: number, keep: string): void {
  let keys = Object.keys(rec);
  while (keys.length > max) {
    let oldest: string | null = null;
    for (const k of keys) if (k !== keep && (oldest === null || rec[k]!.lastAt < rec[oldest]!.lastAt)) oldest = k;
    if (oldest === null) return;
    delete rec[oldest];
    keys = keys.filter((k) => k !== oldest);
  }
}

/**
 * `list` with `id` moved (or added) to its end, at most `max` kept (the oldest dropped): the list to store in its place
 * (`[id]` in place of the shared EMPTY_LIST, a new sender's lists until then: read, encoded and serialised as `[]`). An id already listed is moved in place (round 49: `splice(i, 1)` then `push`
 * made an array of the removed id each time a sender was flagged again in the same conversation).
 */
export function remembered(shared: readonly string[], id: string, max: number): string[] {
  const i = shared === EMPTY_LIST ? -2 : shared.indexOf(id);
  // Any list but the shared empty is the sender's own: the one place that writes into it.
  let list = shared as string[];
  if (i === -2) list = [id];
  else if (i >= 0) {
    const last = list.length - 1;
    for (let k = i; k < last; k++) list[k] = list[k + 1]!;
    list[last] = id;
  } else list.push(id);
  if (list.length > max) list.splice(0, list.length - max);
  return list;
}

/** Items of `l` other than `convId` (no filtered copy). The length less the occurrences found by `indexOf`: a loop
 * counting the other items left its increment without type feedback until a sender had asked ages in another
 * conversation, thousands of messages in, and that first increment threw away observe's optimised code. */
export function others(l: readonly string[], convId: string): number {
  let k = l.length;
  for (let i = l.indexOf(convId); i >= 0; i = l.indexOf(convId, i + 1)) k--;
  return k;
}

function riskOf(s: SenderState, convId: string): number {
  return Math.min(1, 0.15 * others(s.ageAsked, convId) + 0.2 * others(s.moved, convId) + 0.3 * others(s.flagged, convId));
}

/** A cue mark set at message index ≥ `sinceN` and still live (decayed ≥ 0.4). */
function liveWithin(mk: { s: number; at: number; n: number } | undefined, at: number, hl: number, sinceN: number): boolean {
  return !!mk && mk.n >= sinceN && decayed(mk, at, hl) >= 0.4;
}

/** The pair's sender pressed (meeting, photo, sexual, other app, compliments, "come on") since message `sinceN`. */
const PRESSING_SIGNALS: readonly Signal[] = ['meetup_request', 'image_request', 'sexual_content', 'off_platform_contact'];
/** Signals a relayed or warned-about request does not count as the sender's own (dropped from the message's `sig`). */
const RELAYED_SIGNALS: readonly Signal[] = ['image_request', 'off_platform_contact', 'secrecy_request', 'meetup_request', 'payment_offer', 'sexual_content'];

function pairPressedSince(pair: PairState, sinceN: number, who: ParticipantState | undefined, n: number): boolean {
  for (let i = 0; i < PRESSING_SIGNALS.length; i++) if ((pair.sig[PRESSING_SIGNALS[i]!]?.n ?? -1) >= sinceN) return true;
  if (!who) return false;
  return (who.cue.insist?.n ?? -1) >= sinceN || (who.cue.endearment?.n ?? -1) >= sinceN || (who.sexN !== null && who.sexN >= sinceN && who.sexN < n);
}

/**
 * The outcome's `support` when no category has any (issue 14, round 49: most messages): one frozen empty record shared
 * by those outcomes, where observe made an empty literal a message. Read only (policy `decide` reads it; engine.ts
 * `windowSupport` adds only to a category's existing list), so a write throws instead of reaching later outcomes.
 */
export const NO_SUPPORT: Readonly<Partial<Record<Category, SupportKind[]>>> = Object.freeze({});

/**
 * `support` with kind `k` added to category `c`'s list: a new record in place of NO_SUPPORT on the first kind, and a
 * list made with its first kind (`[k]`, not an empty literal grown to 17 slots by its first push; round 49).
 */
function addKind(support: Readonly<Partial<Record<Category, SupportKind[]>>>, c: Category, k: SupportKind): Readonly<Partial<Record<Category, SupportKind[]>>> {
  // Any record but the shared empty is this message's own: the one place that adds a category to it (perf49's review:
  // the outcome's `support` is read only, so a write elsewhere that could reach NO_SUPPORT is a compile error).
  const own = (support === NO_SUPPORT ? {} : support) as Partial<Record<Category, SupportKind[]>>;
  const l = own[c];
  if (l === undefined) own[c] = [k];
  else if (!l.includes(k)) l.push(k);
  return own;
}

/** The message carries what lifts the frame (the real thing despite it). */
function lifted(f: Frame, cues: Set<Cue>, signals: Partial<Record<Signal, Evidence>>): boolean {
  const u = f.unless;
  if (!u) return false;
  for (let i = 0; i < u.length; i++) if (cues.has(u[i] as Cue) || (signals[u[i] as Signal]?.score ?? 0) >= SIGNAL_MIN) return true;
  return false;
}

/** Applies a live frame unless the message carries what lifts it: damps the listed categories and marks them framed. */
function applyFrame(
  f: Frame, cues: Set<Cue>, signals: Partial<Record<Signal, Evidence>>, categories: Partial<Record<Category, Evidence>>, framed: Set<Category>, reasons: string[],
): void {
  if (lifted(f, cues, signals)) return;
  let any = false;
  for (let i = 0; i < f.categories.length; i++) {
    const c = f.categories[i]!;
    framed.add(c);
    const e = categories[c];
    if (e && e.score > 0) { e.score = round(e.score * f.factor); any = true; }
  }
  if (any) reasons.push(f.reason);
}

/** Every source of the evidence is a model or a lead (evidence-source.ts). */
function modelOnly(e: Evidence): boolean {
  const s = e.sources;
  for (let i = 0; i < s.length; i++) if (!scoreOnly(s[i]!)) return false;
  return true;
}

/** The score of evidence that is not the model's alone, else 0. */
function ruleScore(e: Evidence | undefined): number {
  if (e === undefined) return 0;
  // The score read whenever there is evidence (model scores, most messages), not only for a rule's: a load first
  // reached thousands of messages in threw away observe's optimised code, into which this function is inlined.
  const score = e.score;
  return modelOnly(e) ? 0 : score;
}

/** Cues that are no evidence of the message's own: a friend's « laisse tomber » / "move on" (review of rules15a). */
// Stop 38: care, an account told afterwards, drinks bought and an elder's medicine exculpate; they are no evidence of an offence.
const NOT_OWN_EVIDENCE: ReadonlySet<Cue> = new Set<Cue>(['drop_it', 'unpursued', 'vital_care', 'intervened', 'drinks_bought', 'care_meds', 'meet_spot']);

/** The message carries evidence of its own besides model scores: a rule or context source, or a cue. */
function hasOwnEvidence(signals: Partial<Record<Signal, Evidence>>, categories: Partial<Record<Category, Evidence>>, cues: Set<Cue>): boolean {
  for (const k of cues) if (!NOT_OWN_EVIDENCE.has(k)) return true;
  for (const k in signals) { const e = signals[k as Signal]; if (e && e.score >= SUPPORT_MIN && !modelOnly(e)) return true; }
  for (const k in categories) { const e = categories[k as Category]; if (e && e.score >= SUPPORT_MIN && !modelOnly(e)) return true; }
  return false;
}

/** Space-separated words of a folded text that hold a letter or digit. */
function countWords(folded: string): number {
  let n = 0;
  let counted = false;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c === 32) counted = false;
    else if (!counted && ((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) { n++; counted = true; }
  }
  return n;
}

function addEvidence<K extends string>(rec: Partial<Record<K, Evidence>>, k: K, score: number, source: string): void {
  const e = rec[k];
  if (!e) rec[k] = { score: round(score), sources: [source] };
  else {
    e.score = round(Math.max(e.score, score));
    if (!e.sources.includes(source)) e.sources.push(source);
  }
}

/**
 * The speaker's age from this message: a statement or answer (`age`), or a minor-disclosure rule kept, dropped
 * (about someone else's child, or the addressee's school year) or noted as a hint. Called on every message with its
 * tests inside (like observe's other helpers): a branch first reached thousands of messages in deoptimises this small
 * function, not observe.
 */
function recordAge(
  sender: ParticipantState, signals: ContextInput['signals'], reasons: string[], senderId: string, folded: string,
  childTalk: boolean, age: AgeStatement | null,
): void {
  if (age) {
    if (age.age !== null) sender.statedAge = age.age;
    else if (sender.statedAge === null) sender.minorHint = age.evidence;
    if (age.minor) addEvidence(signals, 'minor_disclosure', 0.9, 'context:age-statement');
    reasons.push(`${senderId}: ${age.evidence}`);
  } else if ((signals.minor_disclosure?.score ?? 0) >= SIGNAL_MIN && signals.minor_disclosure!.sources.some((x) => !x.startsWith('model:'))) {
    if (childTalk) {
      delete signals.minor_disclosure;
      reasons.push('minor disclosure is about someone else\'s child, not the speaker');
    } else if (aboutAddressee(folded)) {
      delete signals.minor_disclosure;
      reasons.push('the school year named is the addressee\'s, not the speaker\'s');
    } else if (sender.statedAge === null || sender.statedAge < 18) {
      sender.minorHint = `minor disclosure (${signals.minor_disclosure!.sources.join(', ')})`;
    }
  }
}

/**
 * The conversation's messages before the one `o` is the outcome of (oldest first, at most bounds.recentMessages), for
 * the audit trail: a new list, built from the state's recent list, so call it before the conversation's next message.
 * Its entries are frozen: they are the state's own records, not copies (see frozenEntries), so they are read only.
 */
export function contextBefore(o: Pick<ContextOutcome, 'recent' | 'dropped'>): ContextMessage[] {
  return frozenEntries(contextList(o));
}

function contextList(o: Pick<ContextOutcome, 'recent' | 'dropped'>): ContextMessage[] {
  // recentMessages 0: the message itself was dropped too (the last record dropped), `recent` is empty; the earlier ones
  // are the records dropped before it (a state kept under a larger bound), none of it the message itself.
  if (o.recent.length === 0) return Array.isArray(o.dropped) ? (o.dropped as readonly ContextMessage[]).slice(0, -1) : [];
  const w = o.recent.slice(0, o.recent.length - 1);
  if (o.dropped === null) return w;
  if (Array.isArray(o.dropped)) return (o.dropped as readonly ContextMessage[]).concat(w);
  w.unshift(o.dropped as ContextMessage);
  return w;
}

/**
 * The list's records frozen in place (perf49's review): a verdict's `context` entries are the conversation state's own
 * recent-message records (no copy: issue 14), so a caller of an in-process engine that edited one would have edited the
 * engine's state, and the next verdicts' context. Nothing writes those records after observe makes them; frozen, such an
 * edit throws. No allocation (a copy would be one record an entry, on every verdict that acts); a record already frozen
 * by an earlier verdict is skipped.
 */
function frozenEntries(list: ContextMessage[]): ContextMessage[] {
  for (let i = 0; i < list.length; i++) { const r = list[i]!; if (!Object.isFrozen(r)) Object.freeze(r); }
  return list;
}

/**
 * The outcome's `asserted` when the message asserts nothing (issue 14, round 48): the engine's one frozen EMPTY_LIST
 * (mend51), typed as the field is, shared by those outcomes (read only: policy `decide` and observe itself read it), so
 * a write throws instead of reaching later outcomes.
 */
export const NO_ASSERTED = EMPTY_LIST as unknown as Category[];

/**
 * Records one message and returns what the engine asserts about it. Mutates `state`. `into`: a record (an outcome this
 * function returned before) to refill and return in place of a new one (issue 14, round 49: the engine reads a message's
 * outcome only until its verdict is made, and hands the same record to every message); whatever it held is overwritten.
 */
export function observe(state: EngineState, m: ContextInput, assertAt: Record<Category, number>, b: ContextBounds, into?: ContextOutcome, run: DerivationRun = DERIVATION_RUN): ContextOutcome {
  const at = m.sentAt;
  state.now = Math.max(state.now, at);
  const reasons = SCRATCH_REASONS;
  if (reasons.length) reasons.length = 0;
  const conv = getConversation(state, m.conversationKey ?? conversationKey(m), at, m.roomId !== null || m.recipientId === null, b);
  const n = conv.n++;
  // The keys of the sender's ids, built once per sender (state-keys.ts), not four new strings a message.
  const keys = KEYS.of(m.senderId, m.tenantId ?? null, m.recipientId);
  const senderKey = keys.person;
  // When the sender last spoke here, before this message (room-address.ts: whom a room message may answer).
  const known = conv.people[senderKey];
  const senderPrevAt = known !== undefined && known.msgs > 0 ? known.lastAt : -Infinity;
  const sender = getPerson(conv, senderKey, at, b);
  sender.msgs++;
  // Stop 53 (det53b, minor-revealed.ts): known as a minor before this message (the cue `minor_revealed` when first known here).
  const minorBefore = declaredMinor(sender);
  if (m.senderDeclaredAge !== null && m.senderDeclaredAge > 0) sender.declaredAge = m.senderDeclaredAge;
  // A direct message's one target is the keys' own frozen `[toPerson]` (round 50: was a new array a message).
  const targets = conv.room || m.recipientId === null ? othersIn(conv.people, senderKey) : keys.toPersonList;
  const hl = b.halfLifeMs;

  const folded = fold(m.text);
  const cues = cuesOf(folded, m.ruleCues, SCRATCH_CUES);
  // The input's evidence records become the outcome's (damped and extended in place, no copy).
  const signals = m.signals;
  const categories = m.categories;

  // Ages: the speaker's own statements, a bare answer to an age question, or a minor-disclosure rule.
  const childTalk = mentionsChild(folded);
  const age = statedAge(folded, childTalk) ?? answeredAge(conv, targets, folded, n);
  if (echoesAddresseeAge(age, folded, conv.people, targets)) {
    delete signals.minor_disclosure;
    reasons.push('the age repeated is the addressee\'s, not the speaker\'s');
  } else recordAge(sender, signals, reasons, m.senderId, folded, childTalk, age);
  const revealed = !minorBefore && declaredMinor(sender);
  if (asksAge(folded)) addEvidence(signals, 'age_inquiry', 0.8, 'context:age-question');
  // Thanking the other person as "coach" or "sir": they hold a role over the speaker (round 7, derive.ts grooming).
  if (!conv.room && m.recipientId !== null && addressesRole(folded)) cues.add('role_address');
  // Sextortion by its structure (sextortion.ts): images of the target held, her people named with a condition.
  if (!childTalk) {
    if (holdsImages(folded)) cues.add('held_images');
    if (threatensToSpread(folded)) cues.add('spread_threat');
    if (holdsJobOver(folded)) cues.add('work_lever');
  }
  // Stop 44: a unit priced off its trade's scale, or a sum owed for a weight (unit-price.ts), unless the goods named in it
  // or just before it or a pharmacy make it a shop's price (stop 45, price-frames.ts).
  if (offScaleCue(conv, folded, cues, at, hl, n, m.senderId)) cues.add('off_scale_price');
  // A place with a clock time (meet-spot.ts): a hand-over for an off-scale price (review det45o).
  if (meetSpot(folded)) cues.add('meet_spot');
  // Stop 45 (det45b): "I know where you live" said laughing, bare (home-quip.ts).
  if (homeQuip(folded, cues, conv.cue, at, hl, n) && betweenFriends(sender, peopleOf(conv, targets))) cues.add('home_quip');
  // Stop 45 (det45b): a phone or keys taken from someone one looks after, said with why, is no robbery (protective-take.ts).
  if (cues.has('robbery') && protectiveTake(folded)) cues.delete('robbery');
  parentSecrecy(conv, m, folded, childTalk, signals, reasons);
  kinAddress(conv, m, sender, keys.toPerson, folded, cues, reasons, b);

  if (sender.kin && (categories.child_grooming?.score ?? 0) > 0.55) {
    categories.child_grooming!.score = 0.55;
    reasons.push(`${m.senderId} is addressed as family by the minor: grooming evidence held at review level`);
  } else if ((categories.child_grooming?.score ?? 0) > FAMILY_SURPRISE_CAP && familySurprise(sender, at, hl)) {
    categories.child_grooming!.score = FAMILY_SURPRISE_CAP;
    reasons.push(`${m.senderId} speaks of a surprise for the child's family: grooming evidence held at review level`);
  }
  // Stop 42: a declared child (13 or under) speaks of someone asleep with no means of drugging live (parent-frames.ts `minor_speaker`).
  if ((categories.drug_facilitated_assault || m.window?.scores.drug_facilitated_assault) && declaredChild(sender)
    && noDruggingMeansLive(cues, conv, at, hl, n)) cues.add('minor_speaker');
  // Frames: reports, quotations, warnings, rules, medical talk, care, figures of speech and banter
  // reuse the words of real offences (frames.ts). Evidence is damped and the category marked framed.
  const framed = SCRATCH_FRAMED;
  if (framed.size) framed.clear();
  const gaming = cues.has('gaming') || cues.has('sport') || decayed(conv.cue.gaming, at, hl) >= 0.4 || decayed(conv.cue.sport, at, hl) >= 0.4;
  // Game or sport talk brings the banter frames; football talk its own (not for a weapons sale: round 14).
  const banter = gaming ? BANTER : cues.has('football') || decayed(conv.cue.football, at, hl) >= 0.4 ? FOOTBALL_BANTER : null;
  let frameMarks = markedFrameCues(conv.cue);
  // Stop 42 review: a parent's sanction frames only a message to a minor from someone who is not one (not a partner's
  // « t'es privée de sortie » nor a robber's "give me your keys" to an adult). Still marked: the child's age may come later.
  const sanctionOff = (cues.has('parent_sanction') || (frameMarks & SANCTION_BIT) !== 0) && (declaredMinor(sender) || !targetsMinor(conv, targets));
  const sanctionSaid = sanctionOff && cues.delete('parent_sanction');
  if (sanctionOff) frameMarks &= ~SANCTION_BIT;
  applyFrames(conv, cues, signals, categories, framed, reasons, frameMarks, banter, at, hl, n);

  // The window model's evidence, damped by the same frames (its own record: it joins the message's evidence at the end).
  // (No record is made when the message has no window evidence: most messages.)
  const win: Partial<Record<Category, Evidence>> = m.window ? {} : NO_WINDOW;
  if (m.window) {
    // The sources of these records are read by nobody (applyFrames damps scores; the scores join `categories` under
    // m.window.source below): one frozen `[source]` shared, not an array a category a message (round 48).
    const sources = windowSources(m.window.source);
    for (const c in m.window.scores) win[c as Category] = { score: m.window.scores[c as Category]!, sources };
    applyFrames(conv, cues, signals, win, framed, DISCARDED_REASONS, frameMarks, banter, at, hl, n);
    if (DISCARDED_REASONS.length) DISCARDED_REASONS.length = 0;
  }
  if (sanctionSaid) cues.add('parent_sanction');

  // A model-only category on a message is believed when the message is long enough to carry meaning
  // or the conversation already holds evidence of that category: short chit-chat ("ok", "raconte")
  // gets confident but meaningless model scores.
  let words = -1;
  for (let ci = 0; ci < CATEGORIES.length; ci++) {
    const c = CATEGORIES[ci]!;
    const e = categories[c];
    if (!e || e.score < assertAt[c] || !modelOnly(e)) continue;
    if (words < 0) words = countWords(folded);
    const prior = conv.acc[c] ? decayed(conv.acc[c], at, hl) * Math.pow(0.85, Math.max(0, n - conv.acc[c]!.n)) : 0;
    if (prior >= MODEL_PRIOR_MIN || (words >= MODEL_MIN_WORDS && e.score >= MODEL_ALONE_MIN)) continue;
    e.score = round(Math.min(e.score, assertAt[c] - 0.05));
  }

  // Support of each category by independent kinds (policy corroboration).
  // The shared empty until a category gets its first kind (addKind returns the record to keep).
  let support = NO_SUPPORT;
  for (let ci = 0; ci < CATEGORIES.length; ci++) {
    const c = CATEGORIES[ci]!;
    const e = categories[c];
    if (!e || e.score < SUPPORT_MIN) continue;
    let rules = 0;
    let byModel = false;
    for (let i = 0; i < e.sources.length; i++) { const x = e.sources[i]!; if (x.startsWith('rule:')) rules++; else if (x.startsWith('model:')) byModel = true; }
    if (rules >= 1) support = addKind(support, c, 'rule');
    if (rules >= 2 && m.disjointRules?.includes(c)) support = addKind(support, c, 'rules');
    const prev = conv.acc[c];
    const prior = prev ? decayed(prev, at, hl) * Math.pow(0.85, Math.max(0, n - prev.n)) : 0;
    // The model agrees only where its scores mean something: a message of some length, or a conversation already about it.
    if (byModel && e.score >= assertAt[c]) {
      if (words < 0) words = countWords(folded);
      if (words >= MODEL_MIN_WORDS || prior >= MODEL_PRIOR_MIN) support = addKind(support, c, 'model');
    }
    if (prior >= PRIOR_SUPPORT) support = addKind(support, c, 'conversation');
  }

  // Record the message's evidence.
  // Model-only signals are noisier than rules: they count for context only when confident.
  const sig = SCRATCH_SIG;
  if (sig.size) sig.clear();
  for (let i = 0; i < SIGNALS.length; i++) {
    const s = SIGNALS[i]!;
    const e = signals[s];
    if (e && e.score >= (modelOnly(e) ? MODEL_SIGNAL_MIN : SIGNAL_MIN)) sig.add(s);
  }
  // A relayed or warned-about request is not this sender's own (dropRelayed).
  dropRelayed(cues, folded, sig);
  // Trash talk in a game or a match ("je vais te niquer en 1v1") is not sexual content for the context. Nor (round 21) is a
  // short message of a game day that only the message model reads as sexual and as an image request (« on verra ça dimanche »
  // after the airsoft day's prices): with no word of its own it completed paid-sex.
  if (gaming && sig.has('sexual_content') && !cues.has('body_comment')
    && (!sig.has('image_request') || (modelOnly(signals.image_request!) && countWords(folded) < MODEL_MIN_WORDS))) sig.delete('sexual_content');
  for (const s of sig) mark(ownMarks(sender, 'sig'), s, signals[s]!.score, at, n, hl);
  const relayed = relaying(cues, sender.cue, n);
  for (const c of cues) {
    if (!relayed || !RELAYED_INTENT.has(c)) mark(ownMarks(sender, 'cue'), c, 1, at, n, hl);
    mark(ownMarks(conv, 'cue'), c, 1, at, n, hl);
  }
  const sexualMsg = sig.has('sexual_content') || sig.has('image_request') || cues.has('body_comment') || cues.has('sextortion');
  if (sexualMsg && sender.sexN === null) sender.sexN = n;
  const pairKey = keys.pair;
  let pair = conv.pairs[pairKey];
  if (!pair) {
    pair = { lastAt: at, sig: noMarks(), sexual: 0 };
    conv.pairs[pairKey] = pair;
    dropOldest(conv.pairs, b.maxParticipants, pairKey);
  }
  pair.lastAt = Math.max(pair.lastAt, at);
  for (const s of sig) mark(ownMarks(pair, 'sig'), s, signals[s]!.score, at, n, hl);
  if (sexualMsg) pair.sexual++;
  // Insistence after a refusal (afterRefusal).
  const pressing = cues.has('insist') || cues.has('endearment') || sexualMsg || sig.has('meetup_request') || sig.has('off_platform_contact');
  afterRefusal(conv, m, cues, pair, pressing, n);

  const senderState = getSender(state, keys.sender, at, b);
  if (sig.has('age_inquiry')) senderState.ageAsked = remembered(senderState.ageAsked, m.conversationId, b.maxSenderConversations);
  if (sig.has('off_platform_contact') || sig.has('image_request')) senderState.moved = remembered(senderState.moved, m.conversationId, b.maxSenderConversations);
  const senderRisk = riskOf(senderState, m.conversationId);

  // Derivations over the updated conversation.
  // Every category, 0 where the message has no evidence: one object shape for every message (the derivations read it by name).
  const msgCat = SCRATCH_CAT;
  for (let ci = 0; ci < CATEGORIES.length; ci++) msgCat[CATEGORIES[ci]!] = 0;
  for (const c in categories) { const e = categories[c as Category]; if (e) msgCat[c as Category] = e.score; }
  const groomRule = ruleScore(categories.child_grooming) >= 0.3;
  const view = viewOf(conv, senderKey, sender, m.senderId, targets, sig, cues, msgCat, at, n, hl, senderRisk >= 0.5, framed, groomRule,
    conv.room || m.recipientId === null ? null : pair, folded, senderPrevAt);
  const findings = SCRATCH_FINDINGS;
  findings.length = 0;
  // A message with no cue, signal, grooming rule nor harassment or prostitution score finds nothing in any derivation
  // (derive.ts mayFind): the 33 calls are skipped (stop 52).
  if (!run.gated || mayFind(view)) {
    const list = run.list;
    for (let di = 0; di < list.length; di++) {
      const found = list[di]!(view);
      for (let i = 0; i < found.length; i++) findings.push(found[i]!);
    }
  }
  // Stop 53 (det53b): the adult's requests read again when the sender first shows as a minor, past the gate (a bare « ?? »).
  if (revealed) { const found = minorRevealed(view); for (let i = 0; i < found.length; i++) findings.push(found[i]!); }

  accumulate(conv, msgCat, assertAt, m.senderId, at, n, hl, findings);
  ongoing(conv, sender, msgCat, sig, m.senderId, at, hl, findings, m.window?.scores);
  senderPattern(senderState, senderRisk, sig, m.senderId, findings);
  frameFindings(conv, findings, cues, signals, framed, reasons, at, hl, n);
  // A derivation is independent support (`context`, which P0 needs) only when this message brings
  // something besides the model: a rule, a cue, an age. Completed by model scores alone (a two-word
  // "montre moi" read as an image request after a profile age), it is one model score: it may still
  // count as the conversation's support, never as a derivation's.
  const ownEvidence = findings.length > 0 && hasOwnEvidence(signals, categories, cues);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    let score = f.score;
    if (framed.has(f.category) && score > FRAMED_FINDING_MAX) score = FRAMED_FINDING_MAX;
    addEvidence(categories, f.category, score, f.source);
    // A lead (`lead:…`) is no support of any kind: it flags, it corroborates nothing (stop 45).
    if (f.source === 'context:accumulated' || f.source === 'context:ongoing' || f.source === 'context:sender-pattern') support = addKind(support, f.category, 'conversation');
    else if ((ownEvidence || REREAD_SOURCES.has(f.source)) && !scoreOnly(f.source)) support = addKind(support, f.category, 'context');
    if (f.across && !scoreOnly(f.source)) support = addKind(support, f.category, 'conversation');
    reasons.push(f.reason);
  }
  // The window model read the conversation: its category is believed (review level) when it raised it on two windows
  // of the conversation within its span, or on a message of some length, or on one that brings a cue or rule
  // evidence of its own; otherwise it stays below assertion, like a model score on a short message.
  if (m.window) {
    const raisedAt = (conv.win ??= {});
    for (let ci = 0; ci < CATEGORIES.length; ci++) {
      const c = CATEGORIES[ci]!;
      const e = win[c];
      if (!e) continue;
      if (e.score >= assertAt[c] && onlyScores(categories[c])) {
        const again = raisedAt[c] !== undefined && n - raisedAt[c]! <= WINDOW_SPAN;
        if (words < 0) words = countWords(folded);
        if (!again && words < MODEL_MIN_WORDS && !hasOwnEvidence(signals, categories, cues)) e.score = round(Math.min(e.score, assertAt[c] - 0.05));
      }
      addEvidence(categories, c, e.score, m.window.source);
    }
    for (const c of m.window.raised) raisedAt[c] = n;
  }
  // The shared empty when nothing is asserted (most messages), else made with its first category (round 48): an empty
  // literal a message, grown to 17 slots by its first push on a message with a finding.
  let asserted: Category[] = NO_ASSERTED;
  for (let ci = 0; ci < CATEGORIES.length; ci++) {
    const c = CATEGORIES[ci]!;
    if ((categories[c]?.score ?? 0) >= assertAt[c]) { if (asserted === NO_ASSERTED) asserted = [c]; else asserted.push(c); }
  }
  if (asserted.length > 1) byScoreDescending(asserted, categories);
  let victim = false;
  // Not an empty literal filled by push: its first push of a string moved the literal's allocation site to another
  // elements kind, and observe's optimised code, specialised on the old array map, was thrown away ("wrong map").
  // The shared frozen empty when nothing is framed (round 49: most messages; read only, like `asserted`).
  const framedAsserted = framed.size ? framedOf(asserted, framed) : NO_ASSERTED;
  for (let ai = 0; ai < asserted.length; ai++) {
    const c = asserted[ai]!;
    let offender = m.senderId;
    let heldReread = false;
    let reread = false;
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      if (f.category === c) { offender = f.offender ?? m.senderId; reread = REREAD_SOURCES.has(f.source); heldReread = f.belowP0 === true && reread; break; }
    }
    if (offender !== m.senderId) victim = true;
    // Stop 53 (det53c): a re-read held at P1 (minor-revealed.ts: a surprise, a lift, a photo) makes nobody the offender, or
    // `ongoing` raised his next « je passe te prendre à 19h » to hold P0 (review of det53b, b39).
    if (heldReread) continue;
    // Only corroborated, unframed evidence makes someone the category's offender (`ongoing` carries it
    // onto their later messages): one ambiguous message or a quotation must not colour what follows.
    if ((support[c]?.length ?? 0) < OFFENDER_MIN_KINDS || categories[c]!.score < OFFENDER_MIN_SCORE || framed.has(c)) continue;
    // Stop 42: a declared minor who writes to no minor (a 13-year-old to her coach) is the one grooming would target, not its offender.
    if (c === 'child_grooming' && offender === m.senderId && declaredMinor(sender) && !targetsMinor(conv, targets)) continue;
    conv.offender[c] = offender;
    if (reread && offender !== m.senderId) conv.reread = offender;
    const offenderKey = `p:${offender}`;
    const op = conv.people[offenderKey];
    if (op) mark(ownMarks(op, 'cat'), c, categories[c]!.score, at, n, hl);
    if (offender === m.senderId) senderState.flagged = remembered(senderState.flagged, m.conversationId, b.maxSenderConversations);
  }
  if (!asserted.length && targetOfOffender(conv, sender, m.senderId)) victim = true;

  const recent = conv.recent;
  recent.push({ messageId: m.messageId, senderId: m.senderId, sentAt: at, text: m.text.slice(0, b.recentTextChars) });
  // shift, not splice: splice returned an array of the removed message on every message of a long conversation. The
  // record dropped is kept for contextBefore; more than one only when the state was made under a larger bound.
  let dropped: ContextMessage | ContextMessage[] | null = null;
  if (recent.length > b.recentMessages) {
    dropped = recent.shift()!;
    if (recent.length > b.recentMessages) {
      const all = [dropped];
      while (recent.length > b.recentMessages) all.push(recent.shift()!);
      dropped = all;
    }
  }
  // A risk of 0 as -0 (a heap number, not a small integer; equal to 0 in every comparison and printed as "0"): the
  // outcome's senderRisk field is then a double from the first message, where 0 for thousands of messages and then
  // the first fraction changed the outcome's hidden class and threw away observe's optimised code.
  // `|| -0` and not `=== 0 ? -0 :`: a strict comparison with 0 would itself learn "small integer" and deoptimise.
  const belowP0 = findings.length ? belowP0Of(findings) ?? undefined : undefined;
  const belowP0Why = belowP0 !== undefined ? belowP0WhyOf(findings, belowP0) : undefined;
  // Spared from enforcement only on the platform's profile age (det42p review): an adult who says « moi aussi j'ai 15 ans » in
  // the chat is suspended all the same, and an age said in the chat above 17 overrides a minor's profile.
  const ownReasons = reasons.length ? reasons.slice() : EMPTY_LIST;
  const minorSender = (sender.declaredAge !== null && sender.declaredAge < 18 && (sender.statedAge === null || sender.statedAge < 18)) || undefined;
  if (into === undefined) {
    return { categories, asserted, signals, reasons: ownReasons, victim, senderRisk: round(senderRisk) || -0, recent, dropped, support, framed: framedAsserted, belowP0, belowP0Why, minorSender };
  }
  into.categories = categories; into.asserted = asserted; into.signals = signals; into.reasons = ownReasons; into.victim = victim;
  into.senderRisk = round(senderRisk) || -0; into.recent = recent; into.dropped = dropped; into.support = support;
  into.framed = framedAsserted; into.belowP0 = belowP0; into.belowP0Why = belowP0Why; into.minorSender = minorSender;
  return into;
}

/*
 * Round 49 (issue 14): observe makes no closure. An arrow in it that read its locals (`conv`, `at`, `hl`, `n`,
 * `categories`, `framed`) made V8 allocate observe's context, holding those variables, at the entry of every call, the
 * arrow's branch taken or not (no-closure.test.ts, round 44): the four helpers below do what those arrows did.
 */

/** The participant records of `targets` (undefined for one not in the conversation), in order: `targets.map` without a closure. */
function peopleOf(conv: ConversationState, targets: readonly string[]): (ParticipantState | undefined)[] {
  const out: (ParticipantState | undefined)[] = new Array(targets.length);
  for (let i = 0; i < targets.length; i++) out[i] = conv.people[targets[i]!];
  return out;
}

/** noDruggingMeans with the conversation's cue marks live over its last 15 messages (the closure made here, past observe's gate). */
function noDruggingMeansLive(cues: Set<Cue>, conv: ConversationState, at: number, hl: number, n: number): boolean {
  return noDruggingMeans(cues, (c) => liveCue(conv.cue, c, at, hl, n - 15));
}

/**
 * `asserted` sorted by score, strongest first, ties in their order (what the stable `sort` with the comparator
 * `score(b) - score(a)` gave): an insertion sort of the few categories in place, no comparator closure nor sort buffer.
 */
function byScoreDescending(asserted: Category[], categories: Partial<Record<Category, Evidence>>): void {
  for (let i = 1; i < asserted.length; i++) {
    const x = asserted[i]!;
    const sx = categories[x]!.score;
    let j = i;
    while (j > 0 && sx - categories[asserted[j - 1]!]!.score > 0) { asserted[j] = asserted[j - 1]!; j--; }
    asserted[j] = x;
  }
}

/** True when `e` is absent or all its sources are scores (models, leads: `!e?.sources.some((x) => !scoreOnly(x))` without the arrow). */
function onlyScores(e: Evidence | undefined): boolean {
  if (e === undefined) return true;
  for (let i = 0; i < e.sources.length; i++) if (!scoreOnly(e.sources[i]!)) return false;
  return true;
}

/** The categories of `asserted` that are framed, in order (`asserted.filter` without a closure). */
function framedOf(asserted: readonly Category[], framed: Set<Category>): Category[] {
  const out: Category[] = [];
  for (let i = 0; i < asserted.length; i++) if (framed.has(asserted[i]!)) out.push(asserted[i]!);
  return out;
}

/*
 * The rare branches of `observe` live in the functions below, each called on every message (the test inside): a branch
 * first reached deoptimises only its own small function, not the whole of `observe` (which was recompiled 7-9 times in a
 * cold run, each compile ~100 ms of background CPU).
 */

/**
 * Keeping something from the addressee's parents ("dont tell ur mam", « ne montre pas à ta maman ») is a secrecy
 * request, and says the addressee is a child (round 7), unless their own words or an adult profile say otherwise.
 */
function parentSecrecy(conv: ConversationState, m: ContextInput, folded: string, childTalk: boolean, signals: Partial<Record<Signal, Evidence>>, reasons: string[]): void {
  if (conv.room || m.recipientId === null || childTalk || !hidesFromParents(folded)) return;
  addEvidence(signals, 'secrecy_request', 0.7, 'context:parent-secrecy');
  const t = conv.people[`p:${m.recipientId}`];
  if (t && t.statedAge === null && t.minorHint === null && !(t.declaredAge !== null && t.declaredAge >= 18)) {
    t.minorHint = 'told to keep it from their parents';
    reasons.push(`${m.senderId} tells ${m.recipientId} to keep it from their parents`);
  }
}

/** A bare age or school year given in answer to an age question asked by one of the targets within the last 3 messages. */
function answeredAge(conv: ConversationState, targets: readonly string[], folded: string, n: number): AgeStatement | null {
  let asked = false;
  for (let i = 0; i < targets.length && !asked; i++) { const q = conv.people[targets[i]!]?.sig.age_inquiry; asked = !!q && q.n >= n - 3; }
  if (!asked) return null;
  const bare = bareAgeAnswer(folded);
  if (bare !== null) return { age: bare, minor: bare < 18, evidence: `answers the age question: ${bare}` };
  const grade = bareGradeAnswer(folded);
  return grade === null ? null : { age: gradeAge(grade), minor: true, evidence: `answers the class question: ${grade}` };
}

/** A minor calling the other person "mum" or "uncle" in a private conversation: family, not a stranger. */
function kinAddress(conv: ConversationState, m: ContextInput, sender: ParticipantState, toPerson: string, folded: string, cues: Set<Cue>, reasons: string[], b: ContextBounds): void {
  if (conv.room || m.recipientId === null || !isMinor(sender) || !addressesKin(folded)) return;
  cues.add('kin_address');
  // Stop 48 (det48p): the child may open the conversation (« merci tonton pour le cadeau ») before the adult has said anything:
  // the adult's record is made then, or the family address was lost and their first reply escalated P0 as a stranger's.
  const other = conv.people[toPerson] ?? addPerson(conv, toPerson, sender.lastAt, b);
  if (!other.kin) { other.kin = true; reasons.push(`${m.senderId} addresses ${m.recipientId} as family`); }
}

/** One of `targets` is a minor (declared, stated or hinted). */
function targetsMinor(conv: ConversationState, targets: readonly string[]): boolean {
  for (let i = 0; i < targets.length; i++) { const p = conv.people[targets[i]!]; if (p && isMinor(p)) return true; }
  return false;
}

/** One of `cues` was marked in the conversation at or after message `since` (frames.ts Frame.liftedAfter). */
function markedSince(conv: ConversationState, cues: readonly Cue[], since: number): boolean {
  for (let i = 0; i < cues.length; i++) if ((conv.cue[cues[i]!]?.n ?? -1) >= since) return true;
  return false;
}

/** Applies the frames live on this message or in the conversation's marks (and `banter`, in a game or football talk) to `target`. */
function applyFrames(
  conv: ConversationState, cues: Set<Cue>, signals: Partial<Record<Signal, Evidence>>, target: Partial<Record<Category, Evidence>>, framed: Set<Category>, reasons: string[],
  frameMarks: number, banter: readonly Frame[] | null, at: number, hl: number, n: number,
): void {
  for (let i = 0; i < FRAMES.length; i++) {
    const f = FRAMES[i]!;
    if (!(cues.has(f.cue) || ((frameMarks & FRAME_BITS[i]!) !== 0 && liveWithin(conv.cue[f.cue], at, hl, n - f.window)))) continue;
    if (f.liftedAfter && markedSince(conv, f.liftedAfter, conv.cue[f.cue]?.n ?? n)) continue;
    applyFrame(f, cues, signals, target, framed, reasons);
  }
  if (banter !== null) for (let i = 0; i < banter.length; i++) {
    const f = banter[i]!;
    if (f.liftedAfter && markedSince(conv, f.liftedAfter, conv.cue[f.cue]?.n ?? n)) continue;
    applyFrame(f, cues, signals, target, framed, reasons);
  }
}

/**
 * Someone relaying or warning about a request ("he asked for my snap", "don't send any pictures") is not making it:
 * those words are not this sender's solicitation. A message that asks something for the speaker ("add me", "ill gift
 * u nitro") is the speaker's own, even with a "mod" or "rules" word in it: a moderator quoting the rules asks nothing
 * for himself (round 7).
 */
function dropRelayed(cues: Set<Cue>, folded: string, sig: Set<Signal>): void {
  if (!(cues.has('reported') || cues.has('warning') || (cues.has('moderation') && !OWN_REQUEST.test(folded)))) return;
  for (let i = 0; i < RELAYED_SIGNALS.length; i++) sig.delete(RELAYED_SIGNALS[i]!);
}

/**
 * Insistence after a refusal (derive.ts insistence): a refusal of a recent approach opens the count on the other
 * direction; each later pressing message from that person adds one. Private conversations only.
 */
function afterRefusal(conv: ConversationState, m: ContextInput, cues: Set<Cue>, pair: PairState, pressing: boolean, n: number): void {
  if (conv.room || m.recipientId === null) return;
  const back = cues.has('refusal') ? conv.pairs[`${m.recipientId}\u0000${m.senderId}`] : undefined;
  if (back && back.afterNo === undefined && pairPressedSince(back, n - 4, conv.people[`p:${m.recipientId}`], n)) back.afterNo = 0;
  if (pressing && pair.afterNo !== undefined) pair.afterNo++;
}

/** Accumulation: weak evidence of the same category across recent messages adds up (conv.acc, and a finding when it crosses). */
function accumulate(conv: ConversationState, msgCat: Record<Category, number>, assertAt: Record<Category, number>, senderId: string, at: number, n: number, hl: number, findings: Finding[]): void {
  for (let ci = 0; ci < CATEGORIES.length; ci++) {
    const c = CATEGORIES[ci]!;
    const s = msgCat[c] ?? 0;
    const prev = conv.acc[c];
    const prevS = prev ? decayed(prev, at, hl) * Math.pow(0.85, Math.max(0, n - prev.n)) : 0;
    if (s < 0.15) continue;
    const acc = 1 - (1 - prevS) * (1 - s);
    ownMarks(conv, 'acc')[c] = { s: round(acc), at, n };
    if (prevS >= 0.15 && acc >= assertAt[c] && s < assertAt[c]) {
      findings.push({ category: c, score: Math.min(0.8, acc), source: 'context:accumulated', offender: senderId, reason: `${c} evidence builds up over several messages (${round(acc)})` });
    }
  }
}

/** Continuity: an established offender keeps acting in the same direction. */
function ongoing(
  conv: ConversationState, sender: ParticipantState, msgCat: Record<Category, number>, sig: Set<Signal>, senderId: string, at: number, hl: number, findings: Finding[],
  window: Partial<Record<Category, number>> | undefined,
): void {
  for (let ci = 0; ci < CATEGORIES.length; ci++) {
    const c = CATEGORIES[ci]!;
    if (conv.offender[c] !== senderId) continue;
    const established = decayed(sender.cat[c], at, hl);
    const related = (msgCat[c] ?? 0) >= 0.2 || (c === 'child_grooming' && (sig.size > (sig.has('minor_disclosure') ? 1 : 0) || rereadGoesOn(conv, senderId, window)));
    if (established > 0 && related) findings.push({ category: c, score: Math.min(established, 0.9), source: 'context:ongoing', offender: senderId, reason: `${senderId} was already found engaging in ${c} in this conversation` });
  }
}

/** Stop 54 (min54, review-det53b item 2): the P0 of a re-read lands on the child's message and stays at flag (the sender is
 * the target); the adult it made offender goes on in words no rule knows (« t'as jusqu'à 22h sinon tout le collège les
 * verra »): his next message the window model reads as grooming or harassment continues it and is held. */
const REREAD_GOES_ON = 0.5;
export function rereadGoesOn(conv: ConversationState, senderId: string, window: Partial<Record<Category, number>> | undefined): boolean {
  return conv.reread === senderId && window !== undefined
    && ((window.child_grooming ?? 0) >= REREAD_GOES_ON || (window.sexual_harassment ?? 0) >= REREAD_GOES_ON);
}

/** Cross-conversation pattern: the same account asks many people their age and moves them elsewhere. */
function senderPattern(senderState: SenderState, senderRisk: number, sig: Set<Signal>, senderId: string, findings: Finding[]): void {
  if (senderRisk < 0.6 || !(sig.has('age_inquiry') || sig.has('off_platform_contact') || sig.has('image_request'))) return;
  findings.push({ category: 'child_grooming', score: Math.min(0.7, 0.35 + 0.4 * senderRisk), source: 'context:sender-pattern', offender: senderId, reason: `${senderId} asked ages or pushed off-platform contact in ${senderState.ageAsked.length + senderState.moved.length} conversations` });
}

/** A report, warning or rules frame live over the exchange frames its conversation-level findings (frames.ts SPAN_FRAMES). */
function frameFindings(
  conv: ConversationState, findings: readonly Finding[], cues: Set<Cue>, signals: Partial<Record<Signal, Evidence>>, framed: Set<Category>, reasons: string[], at: number, hl: number, n: number,
): void {
  if (!findings.length) return;
  for (let i = 0; i < SPAN_FRAME_LIST.length; i++) {
    const f = SPAN_FRAME_LIST[i]!;
    if (!liveWithin(conv.cue[f.cue], at, hl, n - FRAME_SPAN)) continue;
    if (lifted(f, cues, signals) || (f.liftedAfter && markedSince(conv, f.liftedAfter, conv.cue[f.cue]?.n ?? n))) continue;
    for (let j = 0; j < findings.length; j++) {
      const x = findings[j]!;
      if (!f.categories.includes(x.category) || framed.has(x.category)) continue;
      framed.add(x.category);
      reasons.push(`${x.category}: ${f.reason} earlier in this exchange`);
    }
  }
}

/** A minor sender in a conversation where someone else is an established offender (the target, on a message with nothing asserted). */
function targetOfOffender(conv: ConversationState, sender: ParticipantState, senderId: string): boolean {
  if (!isMinor(sender)) return false;
  for (const c in conv.offender) if (conv.offender[c as Category] !== senderId) return true;
  return false;
}
