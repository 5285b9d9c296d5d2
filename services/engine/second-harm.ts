/**
 * "Name the second harm" (stop 41, policy `secondHarm`): in a conversation already raised for a category X (a verdict
 * listing X acted on it), a category Y that goes with X (the policy's `pairs`, read from the labels of the readable
 * corpus) is named at flag from a lower score than its own threshold: its best evidence on a message (rules, context,
 * the message model's and the window model's calibrated scores, below their floor included) at or above `nameAt`.
 * Named only on a verdict that already acts (an allowed message is never lifted: its sender may be the victim).
 * No hold, block, escalation or enforcement comes from it, so a benign conversation can gain a category
 * only where it was already raised, and never a hard outcome.
 * Stop 42 (det42s, docs/engine.md): with `afterRaise` only evidence told from X's raise on counts (before it, with nothing
 * acting, the window model reads openings as Y); `nameAtByPair` asks more of Y beside an X told in the same words.
 *
 * State: the conversation record's `sh` field (plain JSON: the state codec reads no field names): the message index at
 * which each category was last raised (`r`), the best recent candidate score of each category not listed (`y`: score,
 * index) and the index at which each was last named (`nm`).
 */
import type { CategoryScore } from '../contracts/types.js';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { Evidence } from './context.js';
import type { ConversationState } from './context/state.js';
import { ownList, type Decision, type Policy } from './policy.js';
import { scoreOnly } from './evidence-source.js';
import { pairNameAt, type CompiledSecondHarm, type SecondHarmPolicy } from './second-harm-policy.js';

export const SECOND_HARM_SOURCE = 'context:second-harm';

interface SecondHarmState {
  r: Partial<Record<Category, number>>;
  y: Partial<Record<Category, [number, number]>>;
  nm: Partial<Record<Category, number>>;
}
type WithSecondHarm = ConversationState & { sh?: SecondHarmState };

/**
 * One model's row read as per-category scores (calibrated, no floor): `score(c)` is undefined when the model did not
 * score this message or has no such label. Read on demand: most messages ask for few categories, none of them a copy.
 */
export interface RawScores {
  score(c: Category): number | undefined;
}

/**
 * Adds the second harms of this message to `d` (in place; read from the policy's `secondHarmCompiled`, nothing when the
 * section is off) and updates the conversation's `sh` record. `n` is the message's index in the conversation; `own` the message's category evidence (outcome.categories); `raw` the models'
 * calibrated scores without their floor.
 */
export function nameSecondHarm(
  policy: Policy, conv: ConversationState, n: number, d: Decision,
  own: Partial<Record<Category, Evidence>>, raw: readonly RawScores[],
): void {
  const k = policy.secondHarmCompiled;
  if (k === null) return;
  const sh = k.policy;
  const c0 = conv as WithSecondHarm;
  let st = c0.sh;
  let listed = d.categories;
  // Raised on this message: the verdict acts at `raisedAt` or above and lists X at that action's threshold.
  const acting = d.action === 'block' || d.action === 'hold' || (d.action === 'flag' && sh.raisedAt === 'flag');
  if (acting) {
    // Indexed: a for…of here allocates an iterator when `listed` is decide's shared frozen empty (another array map).
    for (let li = 0; li < listed.length; li++) {
      const cs = listed[li]!;
      const pc = policy.categories[cs.category];
      const at = sh.raisedAt === 'flag' ? pc.flagAt : pc.holdAt;
      if (at !== null && cs.score >= at && cs.sources[0] !== SECOND_HARM_SOURCE) ((st ??= c0.sh = { r: {}, y: {}, nm: {} }).r)[cs.category] = n;
    }
  }
  // From X's raise on (`afterRaise`): evidence told before it is not kept (the raise's own message counts).
  const after = k.after;
  if (st === undefined) {
    if (after) return;
    // Nothing raised yet: remember candidates only once something is raised (a candidate before any raise is kept
    // by the conversation's raise on a later message only if it was recorded: record strong-enough ones now).
    for (let yi = 0; yi < CATEGORIES.length; yi++) {
      const y = CATEGORIES[yi]!;
      if (isListed(listed, y)) continue;
      const s = best(k, y, own, raw);
      if (s >= k.lowest[yi]!) ((st ??= c0.sh = { r: {}, y: {}, nm: {} }).y)[y] = [s, n];
    }
    return;
  }
  for (let yi = 0; yi < CATEGORIES.length; yi++) {
    const y = CATEGORIES[yi]!;
    if (isListed(listed, y) || st.r[y] !== undefined) continue;
    const s = best(k, y, own, raw);
    const prev = st.y[y];
    if (s >= k.lowest[yi]! && (!prev || n - prev[1] > sh.within || s >= prev[0]) && (!after || raisedWith(sh, st, y, n, s) !== '')) st.y[y] = [s, n];
    const cand = st.y[y];
    if (!cand || n - cand[1] > sh.within) continue;
    if (st.nm[y] !== undefined && st.nm[y]! >= cand[1]) continue; // already named for this evidence
    // Named only on a verdict that already acts: lifting an allowed message to flag would put a moderation action on
    // whoever speaks next (the victim's "ok", a bystander in a room), not on the message that told Y. The candidate is
    // kept and named on the conversation's next acting verdict within `within`.
    if (d.action === 'allow') continue;
    const x = raisedWith(sh, st, y, n, cand[0]);
    if (x === '') continue;
    st.nm[y] = n;
    const score = Math.round(cand[0] * 1000) / 1000;
    const line: CategoryScore = { category: y, score, sources: [SECOND_HARM_SOURCE] };
    (d.categories = listed = ownList(listed)).push(line);
    (d.reasons = ownList(d.reasons)).push(`${y} ${score.toFixed(2)} [${SECOND_HARM_SOURCE}] named beside ${x} (raised in this conversation) → flag`);
  }
}

function isListed(listed: readonly CategoryScore[], c: Category): boolean {
  for (let i = 0; i < listed.length; i++) if (listed[i]!.category === c) return true;
  return false;
}

/** True when one of `sources` is neither a model's (`model:…`) nor a lead (`lead:…`; evidence-source.ts). */
function notModelOnly(sources: readonly string[]): boolean {
  for (let i = 0; i < sources.length; i++) if (!scoreOnly(sources[i]!)) return true;
  return false;
}

/**
 * Y's best evidence on this message, of the kinds the policy reads (`evidence`): the context's (a rule, a cue-driven
 * derivation, accumulation: evidence with a source other than a model), the message model's or the window model's
 * calibrated score below its floor included (`raw`: [message model, window model]).
 */
function best(k: CompiledSecondHarm, y: Category, own: Partial<Record<Category, Evidence>>, raw: readonly RawScores[]): number {
  let s = 0;
  const e = own[y];
  if (e && k.context && notModelOnly(e.sources)) s = e.score;
  const m = k.message ? raw[0]?.score(y) : undefined;
  if (m !== undefined && m > s) s = m;
  const w = k.window ? raw[1]?.score(y) : undefined;
  if (w !== undefined && w > s) s = w;
  return s;
}

/**
 * The categories X raised within `within` messages that Y goes with and whose pair's score (`pairNameAt`) Y's
 * evidence `s` reaches (", "-separated), or ''.
 */
function raisedWith(sh: SecondHarmPolicy, st: SecondHarmState, y: Category, n: number, s: number): string {
  let out = '';
  for (const x of CATEGORIES) {
    const at = st.r[x];
    if (x === y || at === undefined || n - at > sh.within) continue;
    if (sh.pairs[x]?.includes(y) && s >= pairNameAt(sh, x, y)) out = out ? `${out}, ${x}` : x;
  }
  return out;
}
