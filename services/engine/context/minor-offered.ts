/**
 * Stop 53 (det53b, issue 10): a minor offered for paid sex, and a minor drugged. Both were prostitution or drugging read as if
 * between adults (« jeune fille 15 ans dispo ce soir hôtel, 100 la demi-heure »: P2; « j'ai une petite de 15 ans dispo ce
 * soir, 150 la passe »: flag; a loverboy's « t'as 15 ans … ce soir tu vas voir mon pote, il paye »: flag), and prostitution's
 * derivations stand aside when a participant is a minor (« paid sex is exploitation »: derive.ts).
 *
 * The age under 18 is one piece of evidence: the speaker's own words naming the child in the third person (cue `minor_named`,
 * rules/d53b.rules) or telling the addressee her age (`told_minor`), or the addressee's declared or stated age. The sale is
 * the other, said by the speaker within a few messages: a price or paid time, with a room, a pimp's cut, a paid "arrangement",
 * a person offered or sexual content; or a third man who pays for her (`third_pays`). Child grooming 0.85 (P0 with the
 * support these rules give, never a model score alone). For the drugging: a pill or a drop put in a minor's drink by the
 * speaker (`sedative`, `spike`) with what it is for (she will be asleep, taken away, a sexual purpose): drug-facilitated
 * assault 0.85.
 * Not when the message reports, warns or quotes (a news item on a pimping trial, a report to a parent), nor from a minor.
 */
import { SPEECH_FRAMES, carriesAny, type Cue } from './cues.js';
import { anyLiveSig, isKnownAdult, isMinor, type Finding, type View } from './derive.js';
import { liveCue } from './state.js';
import { EMPTY_LIST } from '../empty-list.js';

const NONE: readonly Finding[] = EMPTY_LIST;
/** Messages back within which the age and the sale are read together. */
const SPAN = 5;
const PRICE: readonly Cue[] = ['price', 'paid_time', 'hour_price', 'amount'];
// Not paid time alone: « jeune de 16 ans dispo pour du babysitting, 10€ de l'heure » is a price for an hour too.
const SALE: readonly Cue[] = ['lodging', 'pimping', 'sw_frame', 'person_offered', 'clients_count'];
const ADDRESSED_SALE: readonly Cue[] = ['pimping', 'sw_frame', 'person_offered', 'clients_count'];
const DRUGGED: readonly Cue[] = ['sedative', 'spike'];
const PURPOSE: readonly Cue[] = ['dose_plan', 'dfa_motive', 'isolate'];
const OPENS: readonly Cue[] = ['minor_named', 'told_minor', 'third_pays', 'price', 'paid_time', 'hour_price', 'amount', 'lodging', 'pimping',
  'sw_frame', 'person_offered', 'sedative', 'spike', 'dose_plan', 'dfa_motive', 'isolate'];

export function minorOffered(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, OPENS) && !v.sig.has('payment_offer')) return NONE;
  if (isMinor(v.sender) || v.cue.has('reported') || v.cue.has('warning') || carriesAny(v.cue, SPEECH_FRAMES)) return NONE;
  return minorOfferedGated(v);
}

function ownLive(v: View, list: readonly Cue[], since: number): boolean {
  for (let i = 0; i < list.length; i++) if (liveCue(v.sender.cue, list[i]!, v.at, v.halfLifeMs, since)) return true;
  return false;
}

/** minorOffered past its gate (see GATED at the top of derive.ts). */
function minorOfferedGated(v: View): readonly Finding[] {
  const since = v.n - SPAN;
  const people = v.conv.people;
  let minorTarget = false;
  let adultTarget = false;
  for (let i = 0; i < v.targets.length; i++) {
    const p = v.targets[i] === v.senderKey ? undefined : people[v.targets[i]!];
    if (!p) continue;
    if (isMinor(p)) minorTarget = true;
    else if (isKnownAdult(p) && p.statedAge !== null) adultTarget = true; // her own words prevail over his
  }
  const named = liveCue(v.sender.cue, 'minor_named', v.at, v.halfLifeMs, since);
  const told = liveCue(v.sender.cue, 'told_minor', v.at, v.halfLifeMs, since) && !adultTarget;
  if (!named && !told && !minorTarget) return NONE;
  const thirdPays = ownLive(v, ['third_pays'], since);
  const price = ownLive(v, PRICE, since) || anyLiveSig({ s: v.sender }, 'payment_offer', v.at, v.halfLifeMs, since) || thirdPays;
  // Said to the child herself (her age told or declared), a room or paid time is also a club's tournament or a Saturday job
  // (« t'as 14 ans, la licence c'est 50€, l'hôtel est payé par le club »): the sale needs a pimp's words, a paid
  // "arrangement", men who pay, or sex.
  const sexSaid = anyLiveSig({ s: v.sender }, 'sexual_content', v.at, v.halfLifeMs, since);
  const sale = thirdPays || sexSaid || (named ? ownLive(v, SALE, since) : ownLive(v, ADDRESSED_SALE, since));
  if (price && sale && !v.framed.has('prostitution') && !v.framed.has('child_grooming')) {
    return [{ category: 'child_grooming', score: 0.85, source: 'context:minor-offered', offender: v.senderId, across: true,
      reason: `${v.senderId} offers a minor for paid sex (an age under 18 with ${thirdPays ? 'a man who pays' : 'a price and a room, a pimp or sex'})` }];
  }
  if (ownLive(v, DRUGGED, since) && ownLive(v, PURPOSE, since) && (named || minorTarget) && !v.framed.has('drug_facilitated_assault')) {
    return [{ category: 'drug_facilitated_assault', score: 0.85, source: 'context:minor-spiked', offender: v.senderId, across: true,
      reason: `${v.senderId} puts a drug in a minor's drink and says what for` }];
  }
  return NONE;
}
