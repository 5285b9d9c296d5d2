/**
 * Stop 42 (det42p): frames of who the adult and the minor are.
 * - `parent_sanction`: the sender sanctions the addressee as a parent does (« t'es privé de sortie », "you're grounded",
 *   "give me the car keys", « donne moi ton portable »). Only a parent or a guardian grounds a child: the model's sexual
 *   and image readings of « je vais te tuer … t'es privé de sortie » completed `minor-solicited` (P0) and the hyperbole a
 *   violent threat. Grooming and harassment are held at review for 6 messages, lifted by what a parent's sanction never
 *   carries: images of the child, erasing the chat, a meeting alone, a gift, a remark on the body (on the message or any
 *   later one). Threats are held at review, lifted by a weapon, a fate, helpers, a grievance or the speaker standing by it
 *   (THREAT_LIFTS). Cue words: rules/d42p.rules.
 * - `minor_speaker`: set by observe.ts on the message of a declared child (13 or under) when no drug (`sedative`) nor a
 *   remark on the body is said in the conversation: a child's « je mets les ballons quand elle dort », "we sneak the cake
 *   in once she's asleep" is a surprise, not a sedation plan. Drugging held at review on that message. Teenagers are not
 *   framed: a 16-year-old's plan with no drug named stays held (a fresh set's drugging was lost when they were).
 */
import type { Frame } from './frame.js';
import { LAUGH_LIFTS, REAL_ANCHORS, type Cue } from './cues.js';

const GROOM_LIFTS: readonly Cue[] = ['own_image', 'erase_trace', 'alone', 'gift', 'body_comment'];
/**
 * What makes a parent's "I'll kill you" a threat: a weapon, a fate, helpers, a grievance, the speaker standing by it. Not
 * menace nor a blow at the child (« je vais te tuer » is both), nor a place or a time (« si tu rentres encore à 2h »: the
 * child's own curfew).
 */
const THREAT_LIFTS: readonly Cue[] = [...LAUGH_LIFTS.filter((c) => !REAL_ANCHORS.includes(c) && c !== 'menace'), 'weapon_access', 'for_real', 'not_joking'];
/** What turns a child's « quand elle dort » into a drugging: a drug named, or sexual intent ("sneak the cake in" reads as a spike). */
const MEANS: readonly Cue[] = ['sedative', 'body_comment'];

export const PARENT_FRAMES: readonly Frame[] = [
  // A secret kept from others (« dis rien à ta mère », "if you tell your teacher") is no part of a sanction: it lifts both frames on its message.
  { cue: 'parent_sanction', categories: ['child_grooming', 'sexual_harassment'], factor: 0.6, window: 6, unless: [...GROOM_LIFTS, 'secrecy_request'], liftedAfter: GROOM_LIFTS, reason: 'a parent\'s sanction (grounded, phone or keys taken): the sender is the child\'s parent' },
  { cue: 'parent_sanction', categories: ['violent_threat', 'ambush'], factor: 0.6, window: 6, unless: [...THREAT_LIFTS, 'secrecy_request'], liftedAfter: THREAT_LIFTS, reason: 'a parent\'s sanction (grounded, phone or keys taken): "I\'ll kill you" is a figure of speech' },
  { cue: 'minor_speaker', categories: ['drug_facilitated_assault'], factor: 0.6, window: 0, unless: MEANS, reason: 'a minor speaks with no means of drugging said: no sedation plan' },
];

/** No means of drugging is named in this message nor live in the conversation's marks (`live` reads one cue). */
export function noDruggingMeans(cues: ReadonlySet<Cue>, live: (c: Cue) => boolean): boolean {
  for (let i = 0; i < MEANS.length; i++) if (cues.has(MEANS[i]!) || live(MEANS[i]!)) return false;
  return true;
}
