/**
 * Stop 40 (detD40): a worker offered by someone who holds her documents. The speaker keeps her passport or papers
 * (`docs_held`: "her passport stays with me", « je garde son passeport », "the boss keeps her papers"), and within 8 messages
 * the same conversation offers a person (`person_offered`: a new arrival, young, from abroad, who does not speak the language)
 * or the trade's marks (`sw_trade`: "she does whatever the client wants", « elle peut pas dire non »), with a price, paid time
 * or a service booked (a massage at the spa: the hospitality frame, which these cues lift). No sex word is needed. A hotel's
 * copy of a passport at check-in, a teacher holding passports for a school trip or HR filing a new colleague's contract carry
 * no document held *and* a person offered for a price; news, warnings and moderators stay quiet. Held (0.76) with the
 * documents, a person offered and a price; escalated (0.82, P2) when the trade's marks are said as well.
 */
import { anyLive, carriesAny, type Cue } from './cues.js';
import { liveCue, isMinor, type Finding, type View } from './derive.js';
import { EMPTY_LIST } from '../empty-list.js';

const SPAN = 8;
const NONE: readonly Finding[] = EMPTY_LIST;
/** controlledWorker's first gate (derivation-gate.test.ts reads it: the sample must pass it). */
export const WORKER_GATE: readonly Cue[] = ['docs_held', 'person_offered', 'sw_trade'];
const PRICED: readonly Cue[] = ['amount', 'price', 'paid_time', 'hour_price', 'cash', 'hospitality', 'sw_frame'];
const TALK: readonly Cue[] = ['reporting', 'reported', 'warning', 'moderation', 'fiction', 'stage', 'scam_warning', 'peer_warning', 'victim_report'];

export function controlledWorker(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, WORKER_GATE)) return NONE;
  return controlledWorkerGated(v);
}

/** controlledWorker past its gate (see GATED at the top of derive.ts). */
function controlledWorkerGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const since = v.n - SPAN;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  if (!has('docs_held')) return NONE;
  const offered = has('person_offered');
  const trade = has('sw_trade');
  if (!(offered || trade) || !anyLive(has, PRICED)) return NONE;
  if (carriesAny(v.cue, TALK) || TALK.some((k) => liveCue(c, k, v.at, hl, v.n - 2))) return NONE;
  if (Object.values(v.conv.people).some(isMinor)) return NONE; // grooming's and the minor derivations' business
  const full = offered && trade;
  return [{ category: 'prostitution', score: full ? 0.82 : 0.76, source: 'context:controlled-worker', offender: v.senderId, across: true,
    reason: `conversation offers ${[offered && 'a person', trade && "the trade's marks"].filter(Boolean).join(' and ')} for a price, with her documents held` }];
}
