/**
 * Feeding the conversation-window model from the engine's context: the conversation's recent messages
 * (context/state.ts `recent`, as observe left them before this message) plus the current one, marked by
 * speaker. Reads the state, never changes its data (an entry still encoded after a restore is decoded in
 * place, state-lazy.ts), so verdicts stay independent of batch sizes and of state being serialised and restored. `windowGate` keeps the first stage fast: the window model runs only
 * where the current message or the conversation already shows some evidence.
 */
import type { ChatMessage } from '../contracts/types.js';
import type { Evidence } from './context.js';
import { conversationKey, entryOf, expiredAt, type ContextBounds, type EngineState, type Mark } from './context/state.js';
import type { Category } from '../contracts/taxonomy.js';
import type { SupportKind } from './policy.js';
import type { WindowText } from './model/onnx-classifier.js';

/** The message's live conversation in `state` (undefined when none or expired); the engine looks it up once per message for the gate and the window. */
export function conversationOf(state: EngineState, m: ChatMessage, b: ContextBounds, key = conversationKey(m)) {
  const conv = entryOf(state.convs, key);
  // Expired conversations start afresh in observe: their messages are not context any more. Expiry is measured
  // on the conversation's own timeline, as observe does (getConversation): a message more than ttl after the
  // conversation's last one. Measured against the latest sentAt seen (state.now), a file replayed out of time
  // order (an older conversation after a newer one) gave the window model the current message alone.
  return conv && !expiredAt(conv.lastAt, m.sentAt, b) ? conv : undefined;
}

function evidenceAbove(rec: Partial<Record<string, Evidence>>, floor: number): boolean {
  for (const k in rec) if (rec[k]!.score >= floor) return true;
  return false;
}

function marksAbove(rec: Partial<Record<string, Mark>>, floor: number): boolean {
  for (const k in rec) if (rec[k]!.s >= floor) return true;
  return false;
}

/** True when the window model should run: evidence ≥ `floor` on this message or earlier in its conversation. */
export function windowGate(
  state: EngineState, m: ChatMessage, b: ContextBounds, floor: number,
  categories: Partial<Record<string, Evidence>>, signals: Partial<Record<string, Evidence>>,
  conv = conversationOf(state, m, b),
): boolean {
  if (floor <= 0 || evidenceAbove(categories, floor) || evidenceAbove(signals, floor)) return true;
  if (!conv) return false;
  if (marksAbove(conv.acc, floor)) return true;
  for (const k in conv.people) {
    const p = conv.people[k]!;
    if (marksAbove(p.sig, floor) || marksAbove(p.cat, floor)) return true;
  }
  return false;
}

/**
 * The window ending at `m`: recent messages of its conversation (oldest first), then `m` with its normalised
 * `tokens` when they are those of its whole text (the engine normalised it for the rules). A recent message whose
 * text `memo` still holds carries its tokens too (the model then does not normalise it again).
 */
export function windowOf(
  state: EngineState, m: ChatMessage, b: ContextBounds, tokens?: readonly string[], conv = conversationOf(state, m, b), memo?: TokensMemo,
): WindowText[] {
  return windowInto(new WindowScratch(), m, tokens, conv, memo);
}

/**
 * The line records of windows, reused window after window (issue 14, round 19): `lines` is the window `windowInto` last
 * wrote, its records taken from `pool`. For a caller that reads a window before asking for the next one and keeps
 * nothing of it (the engine's scoreWindowNow path); a window that must outlive the next call is `windowOf`'s.
 */
export class WindowScratch {
  readonly lines: WindowText[] = [];
  private readonly pool: WindowText[] = [];
  /** Line `k` of the window being written. */
  put(k: number, text: string, mine: boolean, tokens: readonly string[] | undefined): void {
    let l = this.pool[k];
    if (l === undefined) this.pool.push((l = { text, mine, tokens }));
    else { l.text = text; l.mine = mine; l.tokens = tokens; }
    this.lines[k] = l;
  }
}

/** `windowOf`'s window written into `into` (its `lines`, overwritten: the window of the previous call is gone). */
export function windowInto(into: WindowScratch, m: ChatMessage, tokens: readonly string[] | undefined, conv: ReturnType<typeof conversationOf>, memo?: TokensMemo): WindowText[] {
  // One array built one way and one line shape (`tokens` undefined when not known): a window with no earlier line (`[]`)
  // and one mapped from the recent messages were arrays of two maps, and lines with and without `tokens` two shapes;
  // the first of the other kind threw away the optimised code of this function, the engine's gatedWindow and the
  // window model's scorer (issue 14, tenth round).
  let k = 0;
  if (conv) {
    const recent = conv.recent;
    for (let i = 0; i < recent.length; i++) {
      const r = recent[i]!;
      into.put(k++, r.text, r.senderId === m.senderId, memo?.get(r.text));
    }
  }
  into.put(k++, m.text, true, tokens);
  const lines = into.lines;
  if (lines.length > k) lines.length = k;
  return lines;
}

/**
 * Highest score the window model's evidence gives a category on its own: flag (review) level, below every hold
 * threshold of the shipped policy (0.65) and below the offender threshold of the context (observe.ts): one model
 * score never holds, blocks, escalates or makes someone a category's offender (whose later messages `ongoing`
 * follows). With a rule or a derivation of the category the evidence still reaches hold through them.
 */
export const WINDOW_MAX_SCORE = 0.64;

/**
 * Window-model evidence as a corroborating kind: a category the window model raised on this message (at or
 * above its threshold) counts as `model` support when some other kind already supports it (a rule on the
 * message, a context derivation, earlier evidence in the conversation). Unlike the message model it needs
 * no length of message: it read the conversation. Never alone: one kind is not corroboration, evidence
 * from models only stays capped by the policy's `modelOnly`, and P0 still needs a context derivation.
 */
export function windowSupport(support: Readonly<Partial<Record<Category, SupportKind[]>>>, raised: readonly Category[]): void {
  for (const c of raised) {
    const kinds = support[c];
    if (kinds && kinds.length && !kinds.includes('model')) kinds.push('model');
  }
}

/**
 * Normalised tokens of whole message texts the engine has normalised, by text (the value is always
 * `normalise(text).tokens`, so what it holds never changes a verdict, only what the window model recomputes).
 * Two generations of at most `size` texts: when the newer one is full it becomes the older one.
 */
export class TokensMemo {
  private cur = new Map<string, readonly string[]>();
  private old = new Map<string, readonly string[]>();
  constructor(private readonly size = 4096) {}
  remember(text: string, tokens: readonly string[]): void {
    if (this.cur.size >= this.size) { this.old = this.cur; this.cur = new Map(); }
    this.cur.set(text, tokens);
  }
  get(text: string): readonly string[] | undefined {
    return this.cur.get(text) ?? this.old.get(text);
  }
}
