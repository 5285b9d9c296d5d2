/**
 * Pursuit of someone who refused (round 15): a woman refused a man, said explicitly by him or by a friend (« elle m'a recalé »,
 * « elle t'a dit non », "she turned me down": `rebuffed`), and within 10 messages he shows he will not take the no: he says he
 * keeps after her (« elle finira par céder », « je lui écris tous les soirs », "i'm not giving up on her": `persist`), or he
 * plans to overcome the refusal with something in her drink after refusals said many times or again (« 3 fois », « encore »:
 * `rebuffed_often`) or after a friend told him to drop it (« laisse tomber », "leave it": `drop_it`). Insistence after a
 * refusal is harassment whether or not she is in the conversation. A drugging plan whose motive is only that she is shy or
 * "plays hard to get" stays a drugging (sedation-plan). A friend told to drop it who drops it, a woman telling how she said no,
 * dating advice and consent education (« si elle a dit non, c'est non ») carry a refusal but no pursuit, nor does a refusal
 * that is no courtship or that he accepts (a job, a team, a dress, a partner of years, a friend; « je passe à autre chose »:
 * `unpursued`, review of rules15a); news, warnings and a
 * moderator's rules frame it.
 */
import { SPEECH_FRAMES, carriesAny, type Cue } from './cues.js';
import { byOthers, liveCue, type Finding, type View } from './derive.js';
import { EMPTY_LIST } from '../empty-list.js';

const NONE: readonly Finding[] = EMPTY_LIST;
/** What can complete a pursuit on this message: the pursuit said, or a part of a drugging plan. */
const GATE: readonly Cue[] = ['persist', 'spike', 'sedative', 'drink_push', 'incapacitate', 'want_out', 'isolate'];
const MEANS: readonly Cue[] = ['spike', 'sedative', 'drink_push'];
const STATE: readonly Cue[] = ['incapacitate', 'want_out', 'isolate'];
export const PURSUIT_FRAMES: readonly Cue[] = SPEECH_FRAMES;
/** Messages back over which the refusal and the pursuit are read together. */
export const PURSUIT_SPAN = 10;

type Marks = Partial<Record<Cue, { s: number; at: number; n: number }>>;

export function pursuit(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, GATE)) return NONE;
  return pursuitGated(v);
}

/** pursuit past its gate (see GATED at the top of derive.ts). */
function pursuitGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const since = v.n - PURSUIT_SPAN;
  const live = (rec: Marks, k: Cue): boolean => liveCue(rec, k, v.at, v.halfLifeMs, since);
  if (!live(c, 'rebuffed') || PURSUIT_FRAMES.some((k) => live(c, k)) || live(c, 'unpursued') || v.cue.has('unpursued')) return NONE;
  const persists = v.cue.has('persist') || live(v.sender.cue, 'persist');
  // The drugging plan is read on the conversation (a friend may name the drug) but said now by the sender: the refusal he
  // reported just before (« elle m'a dit non ») is relayed speech, and his own marks are not recorded for a few messages.
  // Into her drink (review of rules15a: a sleeping pill he takes himself, « je vais prendre un somnifère », is no plan on her).
  const means = MEANS.some((k) => live(c, k)) && (live(c, 'spike') || live(c, 'drink_push'));
  const drugs = means && STATE.some((k) => live(c, k) || v.cue.has(k)) && GATE.some((k) => k !== 'persist' && v.cue.has(k));
  // The friend's "drop it" comes from someone else (his own « laisse tomber » is no one telling him).
  const told = byOthers(v, ['drop_it'], since);
  const pressed = live(c, 'rebuffed_often') || told;
  if (!persists && !(drugs && pressed)) return NONE;
  // A sedative asked for care or by a doctor is not a plan against her unless it goes into her drink.
  if (!persists && live(c, 'medical') && !live(c, 'spike')) return NONE;
  return [{
    category: 'sexual_harassment', score: drugs ? 0.72 : 0.62, source: 'context:pursuit-after-refusal', offender: v.senderId, across: true,
    reason: `${v.senderId} ${drugs ? 'plans to overcome with something in her drink a refusal she' : 'keeps after someone who'} ${pressed ? 'repeated or that a friend told him to accept' : 'made'}`,
  }];
}

/** What makes "whether she wants it or not" more than words: a drug, a drink or sleep; a refusal; a time with a private place. */
const WAIVE_DRUG: readonly Cue[] = ['sedative', 'spike', 'drink_push', 'incapacitate', 'want_out', 'nod'];
const WAIVE_REFUSAL: readonly Cue[] = ['refusal', 'reluctant', 'rebuffed', 'rebuffed_often'];
export const WAIVE_FRAMES: readonly Cue[] = [...SPEECH_FRAMES, 'fiction', 'reported'];
/** consentWaived's first gate (derivation-gate.test.ts reads it: the sample must pass it). */
export const WAIVE_GATE: readonly Cue[] = ['waived', ...WAIVE_DRUG, ...WAIVE_REFUSAL, 'when', 'private_place', 'lodging', 'isolate'];

/**
 * Consent waved away (round 17c): sex with her "whether she wants it or not" (« qu'elle le veuille ou non », rules
 * sh.*.malgre_elle / like_it_or_not, flag level alone) said by the sender in his last 8 messages, corroborated in the
 * conversation's last 10: a drug, a drink pushed or her sleep; a refusal (hers, reported, or "she keeps saying no"); or a
 * plan, a time with a private place, a hotel room or taking her away. Held (0.75). News, warnings, quotes and fiction frame it.
 */
export function consentWaived(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, WAIVE_GATE)) return NONE;
  return consentWaivedGated(v);
}

/** consentWaived past its gate (see GATED at the top of derive.ts). */
function consentWaivedGated(v: View): readonly Finding[] {
  const since = v.n - 10;
  const c = v.conv.cue;
  const live = (rec: Marks, k: Cue, from = since): boolean => liveCue(rec, k, v.at, v.halfLifeMs, from);
  if (!live(v.sender.cue, 'waived', v.n - 8)) return NONE;
  if (WAIVE_FRAMES.some((k) => live(c, k))) return NONE;
  const drug = WAIVE_DRUG.some((k) => live(c, k));
  const refused = WAIVE_REFUSAL.some((k) => live(c, k));
  const plan = live(c, 'when') && (live(c, 'private_place') || live(c, 'lodging') || live(c, 'isolate'));
  if (!drug && !refused && !plan) return NONE;
  const why = [drug && 'a drug, a drink or her sleep', refused && 'a refusal', plan && 'a time and a private place'].filter(Boolean).join(', ');
  return [{
    category: 'sexual_harassment', score: 0.75, source: 'context:consent-waived', offender: v.senderId, across: true,
    reason: `${v.senderId} means to have sex with her whether she wants it or not, with ${why} in the conversation`,
  }];
}
