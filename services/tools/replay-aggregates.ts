/**
 * What replay keeps while it streams: counts before/after per action, category, escalation; change
 * kinds and transitions; a timeline with an adaptive bucket width (at most `maxBuckets` buckets
 * whatever the range); score histograms; and the changed decisions themselves up to a cap.
 * Memory is bounded by the caps, not by the number of messages.
 */
import { CATEGORIES } from '../contracts/taxonomy.js';
import { ACTIONS, actionOf, categoriesOf, describeChange, enforcementOf, escalationOf, sameDecision, topScoreOf } from '../contracts/verdict-decision.js';

export const ENFORCEMENT_NAMES = ['none', 'mute', 'suspend'] as const;

export interface ContextLine { messageId: string; senderId: string; sentAt: number; text: string }

export interface ChangedDecision {
  messageId: string;
  conversationId: string;
  partition: number;
  offset: string;
  sentAt: number;
  senderId: string;
  text: string;
  context: ContextLine[];
  changes: string[];
  before: { action: string; escalation: string | null; enforcement: string | null; categories: string[]; reasons?: string[]; versions?: string };
  after: { action: string; escalation: string | null; enforcement: string | null; categories: string[]; reasons: string[]; versions: string };
}

const SLOTS = 2 * ACTIONS.length + 2 * CATEGORIES.length; // before/after per action, before/after per category

export class ReplayAggregates {
  compared = 0;
  unmatched = 0;
  warmup = 0;
  changedTotal = 0;
  readonly actions = { before: zero(ACTIONS), after: zero(ACTIONS) };
  readonly categories = { before: zero(CATEGORIES), after: zero(CATEGORIES) };
  readonly escalations = { before: 0, after: 0 };
  /** Per enforcement (none, mute, suspend): enforcement changes are decision changes, so the tables count them too. */
  readonly enforcements = { before: zero(ENFORCEMENT_NAMES), after: zero(ENFORCEMENT_NAMES) };
  readonly changeKinds: Record<string, number> = { action: 0, escalation: 0, enforcement: 0, categories: 0 };
  readonly transitions = new Map<string, number>();
  readonly scores = { before: new Array<number>(32).fill(0), after: new Array<number>(32).fill(0) };
  readonly changed: ChangedDecision[] = [];
  bucketMs = 60_000;
  #buckets = new Map<number, number[]>();
  firstSentAt = Infinity;
  lastSentAt = -Infinity;

  constructor(readonly maxChanged = 1000, readonly maxBuckets = 240) {}

  /** One compared message; returns true when the decision changed (the caller then builds the detail). */
  add(before: number, after: number, sentAt: number): boolean {
    this.compared++;
    this.actions.before[actionOf(before)]!++;
    this.actions.after[actionOf(after)]!++;
    for (const c of categoriesOf(before)) this.categories.before[c]!++;
    for (const c of categoriesOf(after)) this.categories.after[c]!++;
    if (escalationOf(before)) this.escalations.before++;
    if (escalationOf(after)) this.escalations.after++;
    this.enforcements.before[enforcementOf(before) ?? 'none']!++;
    this.enforcements.after[enforcementOf(after) ?? 'none']!++;
    this.scores.before[Math.round(topScoreOf(before) * 32)]!++;
    this.scores.after[Math.round(topScoreOf(after) * 32)]!++;
    this.#timeline(before, after, sentAt);
    if (sameDecision(before, after)) return false;
    this.changedTotal++;
    for (const d of describeChange(before, after)) this.changeKinds[d.split(' ')[0]!]!++;
    const [eb, ea] = [enforcementOf(before) ?? 'none', enforcementOf(after) ?? 'none'];
    const t = `${actionOf(before)}→${actionOf(after)}${eb !== ea ? `, enforcement ${eb}→${ea}` : ''}`;
    this.transitions.set(t, (this.transitions.get(t) ?? 0) + 1);
    return true;
  }

  /** Keeps the detail of a changed decision while under the cap. */
  keep(c: ChangedDecision): boolean {
    if (this.changed.length >= this.maxChanged) return false;
    this.changed.push(c);
    return true;
  }

  #timeline(before: number, after: number, sentAt: number): void {
    if (sentAt < this.firstSentAt) this.firstSentAt = sentAt;
    if (sentAt > this.lastSentAt) this.lastSentAt = sentAt;
    const k = Math.floor(sentAt / this.bucketMs) * this.bucketMs;
    let b = this.#buckets.get(k);
    if (!b) {
      b = new Array<number>(SLOTS).fill(0);
      this.#buckets.set(k, b);
    }
    b[before & 3]!++;
    b[ACTIONS.length + (after & 3)]!++;
    for (const c of categoriesOf(before)) b[2 * ACTIONS.length + CATEGORIES.indexOf(c)]!++;
    for (const c of categoriesOf(after)) b[2 * ACTIONS.length + CATEGORIES.length + CATEGORIES.indexOf(c)]!++;
    while (this.#buckets.size > this.maxBuckets) this.#coarsen();
  }

  #coarsen(): void {
    this.bucketMs *= 2;
    const old = this.#buckets;
    this.#buckets = new Map();
    for (const [k, v] of old) {
      const nk = Math.floor(k / this.bucketMs) * this.bucketMs;
      const b = this.#buckets.get(nk);
      if (!b) this.#buckets.set(nk, [...v]);
      else for (let i = 0; i < SLOTS; i++) b[i]! += v[i]!;
    }
  }

  /** Timeline rows in time order: per bucket, counts per action and category before/after. */
  timeline(): { at: number; actions: { before: Record<string, number>; after: Record<string, number> }; categories: { before: Record<string, number>; after: Record<string, number> } }[] {
    return [...this.#buckets].sort((a, b) => a[0] - b[0]).map(([at, v]) => ({
      at,
      actions: { before: pick(ACTIONS, v, 0), after: pick(ACTIONS, v, ACTIONS.length) },
      categories: { before: pick(CATEGORIES, v, 2 * ACTIONS.length), after: pick(CATEGORIES, v, 2 * ACTIONS.length + CATEGORIES.length) },
    }));
  }
}

function zero(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}
function pick(keys: readonly string[], v: number[], off: number): Record<string, number> {
  return Object.fromEntries(keys.map((k, i) => [k, v[off + i]!]));
}

/** Last few messages per conversation, for a changed decision's context; LRU over conversations. */
export class RecentMessages {
  #convs = new Map<string, ContextLine[]>();
  constructor(readonly perConversation = 3, readonly maxConversations = 100_000, readonly maxChars = 300) {}

  /** Earlier messages of the conversation (oldest first), then remembers this one. */
  push(conversationId: string, line: ContextLine): ContextLine[] {
    const prev = this.#convs.get(conversationId) ?? [];
    this.#convs.delete(conversationId);
    const next = [...prev, { ...line, text: line.text.length > this.maxChars ? `${line.text.slice(0, this.maxChars)}…` : line.text }].slice(-this.perConversation);
    this.#convs.set(conversationId, next);
    if (this.#convs.size > this.maxConversations) this.#convs.delete(this.#convs.keys().next().value!);
    return prev;
  }
}
