/**
 * Violence leaked without threat words (detA38, issue 10: violent_threat on conversations written by others). Three
 * conversation-level readings, each at review level (flag) unless stated, over cues of rules/menace_leak.rules and
 * context_cues.rules:
 * - schoolLeak: a speaker with access to a gun (a relative's rifle, the cabinet key, the case's combination) names a time
 *   (Monday period 3, lunch) and tells friends to stay away (« reste dehors lundi midi », "just don't come in monday").
 * - routineMenace: a speaker names when a person comes or goes (« je sais à quelle heure il rentre », "she walks home alone
 *   on Tuesdays at 9") with two of: the spot's vulnerability (unlit, no cameras, alone), harm hinted (« un accident est vite
 *   arrivé », "they'll stop laughing", "she won't talk"), a condition on leaving or telling (« si elle part », "what if she
 *   tells"), a message relayed (« dis-lui »), a grievance or a block; one of them the vulnerability or the hint, and some
 *   pressure (a condition, a relay, a grievance, the other side's alarm) or his end said as a fact.
 * - alarmConfirmed: another participant reacted with alarm (« niaise pas avec ça », "that could kill someone") and the speaker
 *   stands by it (« j'niaise pas », "that's the point", « on verra ») after a threat-side cue of his own.
 * None reads a report, a warning, a moderator, care talk, a figure of speech, a plot or a stage; in game or sport talk only with
 * a real-world anchor (a gun at hand, a school time, a routine known, an exposed spot).
 */
import { SPEECH_FRAMES, carriesAny, type Cue } from './cues.js';
import { liveCue, type Finding, type View } from './derive.js';
import { EMPTY_LIST } from '../empty-list.js';

type Rec = Partial<Record<Cue, { s: number; at: number; n: number }>>;
const NONE: readonly Finding[] = EMPTY_LIST;
/** Talk about harm, not harm: the speaker's own frames in his recent messages. */
const LEAK_FRAMES: readonly Cue[] = ['reported', ...SPEECH_FRAMES, 'care', 'figurative', 'fiction', 'stage', 'game_title', 'victim_report', 'authorities_told'];
/** Anchors in the real world that lift game or sport banter. */
const LEAK_ANCHORS: readonly Cue[] = ['weapon_access', 'school_time', 'knows_routine', 'exposed', 'whereabouts', 'routine', 'stay_away'];
/** Anchors that lift game banter for a speaker standing by it after an alarm (review of detA38: alone or no cameras said in a game are the game's). */
const STAND_ANCHORS: readonly Cue[] = ['weapon_access', 'case_access', 'school_time', 'knows_routine', 'stay_away'];
/** What the speaker said before the alarm that makes standing by it a threat. */
const THREAT_SIDE: readonly Cue[] = ['harm', 'menace', 'veiled', 'doom', 'weapon_access', 'school_time', 'stay_away', 'knows_routine', 'exposed', 'hidden_means', 'op_cover'];
const LEAK_GATE: readonly Cue[] = ['weapon_access', 'stay_away', 'school_time', 'when', 'not_joking', 'doom', 'veiled', 'exposed', 'knows_routine', 'whereabouts', 'routine', 'summon', 'relay', 'leave_cond', 'alone'];
const FLAG = 0.66;

/** Frames said recently by the speaker; reported speech, care talk and the rules count on the current message only (a plan says
 * « je dirai qu'elle était malade », a quotation covers its own line, a neighbour says « je ne parle pas de règlement »). */
const SPAN_FRAMES: readonly Cue[] = LEAK_FRAMES.filter((k) => k !== 'reported' && k !== 'care' && k !== 'moderation');
function framed(own: Rec, v: View, since: number): boolean {
  // A court named in a condition (« si vous allez au tribunal le 14 ») is no news report.
  for (const k of LEAK_FRAMES) if (v.cue.has(k) && !(k === 'reporting' && v.cue.has('leave_cond'))) return true;
  return SPAN_FRAMES.some((k) => liveCue(own, k, v.at, v.halfLifeMs, since));
}

/** Game, sport or football talk in the conversation, unless the speaker gave a real-world anchor or `lifts` (an accident hinted
 * on a hunt is not game talk). */
function banter(v: View, own: Rec, since: number, lifts: readonly Cue[] = [], anchors: readonly Cue[] = LEAK_ANCHORS): boolean {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  // "lol" is both a laugh and a game's name (cues.ts): a game mark made only by the message that laughed is a laugh.
  const game = liveCue(c, 'gaming', v.at, hl, v.n - 30) && c.gaming!.n !== c.laughing?.n;
  const playful = game || liveCue(c, 'sport', v.at, hl, v.n - 30) || liveCue(c, 'football', v.at, hl, v.n - 30);
  return playful && !anchors.some((k) => liveCue(own, k, v.at, hl, since)) && !lifts.some((k) => liveCue(own, k, v.at, hl, since));
}
/** What lifts banter for a speaker who stands by it after an alarm: harm hinted, an operation's cover, a grievance. */
const STANDS_LIFTS: readonly Cue[] = ['veiled', 'op_cover', 'grievance', 'their_place'];

/** What opens schoolLeak (a module constant: no list made per message). */
const SCHOOL_GATE: readonly Cue[] = ['weapon_access', 'stay_away', 'school_time', 'when', 'not_joking', 'doom'];
/** A gun at hand, a time at school and friends told to stay away. */
export function schoolLeak(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, SCHOOL_GATE)) return NONE;
  return schoolLeakGated(v);
}

/** schoolLeak past its gate (see GATED at the top of derive.ts). */
function schoolLeakGated(v: View): readonly Finding[] {
  const own = v.sender.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 10;
  const has = (k: Cue): boolean => liveCue(own, k, v.at, hl, since);
  if (!(has('weapon_access') || has('case_access')) || !has('stay_away') || !has('school_time')) return NONE;
  if (framed(own, v, since)) return NONE;
  const intent = ['doom', 'grievance'].filter((k) => has(k as Cue));
  return [{ category: 'violent_threat', score: intent.length ? 0.72 : FLAG, source: 'context:school-leak', offender: v.senderId, across: true,
    reason: `${v.senderId} has a gun at hand, names a time and tells others to stay away${intent.length ? ` (${intent.join(', ')})` : ''}` }];
}

/** Knowing when someone comes or goes, with a vulnerability, a hint, a condition, a relay or a grievance. */
export function routineMenace(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, LEAK_GATE)) return NONE;
  return routineMenaceGated(v);
}

/** routineMenace past its gate (see GATED at the top of derive.ts). */
function routineMenaceGated(v: View): readonly Finding[] {
  const own = v.sender.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 8;
  const has = (k: Cue): boolean => liveCue(own, k, v.at, hl, since);
  const hint = has('veiled') || has('doom');
  // The routine said by the speaker, or by a partner in the plan when the speaker hints at the harm (hunters sharing the mayor's walk).
  const shared = (k: Cue): boolean => liveCue(v.conv.cue, k, v.at, hl, since);
  if (!(has('knows_routine') || has('whereabouts') || has('routine')) && !(hint && (shared('knows_routine') || shared('routine')))) return NONE;
  const vuln = has('exposed') || has('alone') || has('secluded');
  const cond = liveCue(v.conv.cue, 'leave_cond', v.at, hl, since);
  const relay = has('relay') || has('summon');
  const hostile = has('grievance') || has('blocked') || has('rebuffed') || has('debt');
  const parts = [vuln && 'a vulnerable spot', hint && 'harm hinted', cond && 'a condition on leaving or telling', relay && 'a message relayed', hostile && 'a grievance'].filter(Boolean) as string[];
  if (parts.length < 2 || !(vuln || hint)) return NONE;
  // A vulnerability and a relay alone ("tell her the street is dark") need the speaker's claim to know the routine.
  if (!hint && !cond && !hostile && !has('knows_routine')) return NONE;
  // A worried parent or boss says the same words ("you're on your own locking up, wouldn't want anything to happen"): a hint
  // of harm counts only with pressure (a condition, a relay, a grievance, the other side's alarm) or his end said as a fact.
  const reacted = Object.entries(v.conv.people).some(([k, p]) => k !== v.senderKey && (liveCue(p.cue, 'perceived_threat', v.at, hl, since) || liveCue(p.cue, 'alarm', v.at, hl, since)));
  if (!(cond || (relay && has('knows_routine')) || hostile || reacted || has('doom'))) return NONE;
  // Frames within the speaker's last messages only.
  if (framed(own, v, v.n - 3) || banter(v, own, since)) return NONE;
  return [{ category: 'violent_threat', score: FLAG, source: 'context:routine-menace', offender: v.senderId, across: true,
    reason: `${v.senderId} names when someone comes or goes with ${parts.join(', ')}` }];
}

/** Someone reacted with alarm and the speaker stands by it. */
export function alarmConfirmed(v: View): readonly Finding[] {
  if (!v.cue.has('not_joking') || v.cue.has('laughing')) return NONE;
  return alarmConfirmedGated(v);
}

/** alarmConfirmed past its gate (see GATED at the top of derive.ts). */
function alarmConfirmedGated(v: View): readonly Finding[] {
  const own = v.sender.cue;
  const hl = v.halfLifeMs;
  const since = v.n - 8;
  let alarmed = false;
  for (const [k, p] of Object.entries(v.conv.people)) {
    if (k === v.senderKey) continue;
    if ((liveCue(p.cue, 'alarm', v.at, hl, v.n - 3) || liveCue(p.cue, 'perceived_threat', v.at, hl, v.n - 3)) && !liveCue(p.cue, 'laughing', v.at, hl, v.n - 3)) { alarmed = true; break; }
  }
  if (!alarmed) return NONE;
  const side = THREAT_SIDE.filter((k) => liveCue(own, k, v.at, hl, since));
  if (!side.length || framed(own, v, since) || banter(v, own, since, STANDS_LIFTS, STAND_ANCHORS)) return NONE;
  return [{ category: 'violent_threat', score: FLAG, source: 'context:alarm-confirmed', offender: v.senderId, across: true,
    reason: `${v.senderId} stands by it after another participant's alarm (${side.join(', ')})` }];
}

/** What sets a trap: a lure, a spot nobody sees, a robbery, numbers waiting, an operation's cover. */
const TRAP: readonly Cue[] = ['lure', 'summon', 'secluded', 'robbery', 'outnumber', 'waiting', 'exposed', 'op_cover'];
const TRAP_GATE: readonly Cue[] = [...TRAP, 'harm', 'doom'];

/**
 * A trap with the beating said (« on arrive par derrière, on lui casse les jambes », "we wait behind the bins … sort his face
 * out"): two kinds of set-up in the conversation's last 8 messages and harm or his end said in its last 6: an ambush that is
 * also a threat of violence. Not in reported, warning, moderation or fiction talk; in game or sport talk only with a robbery.
 */
export function trapHarm(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, TRAP_GATE)) return NONE;
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  if (!(liveCue(c, 'harm', v.at, hl, v.n - 6) || liveCue(c, 'doom', v.at, hl, v.n - 6))) return NONE;
  return trapHarmGated(v);
}

/** trapHarm past its gate (see GATED at the top of derive.ts). */
function trapHarmGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const trap = TRAP.filter((k) => liveCue(c, k, v.at, hl, v.n - 8));
  if (trap.length < 2 || v.cue.has('laughing')) return NONE;
  if (framed(v.sender.cue, v, v.n - 3) || (banter(v, v.sender.cue, v.n - 8) && !trap.includes('robbery'))) return NONE;
  return [{ category: 'violent_threat', score: FLAG, source: 'context:trap-harm', offender: v.senderId, across: true,
    reason: `a trap (${trap.join(', ')}) with the beating said` }];
}
