/**
 * Stop 42 (det42t): a surprise party planned (« anniv surprise de Léo samedi », "surprise party for Sam"; cue:surprise_party,
 * rules/r42t.rules): the guests wait for him hidden behind the cars, someone brings him on a pretext and they "jump on him"
 * with confetti. The ambush's words (a lure, a group waiting, a car park, a time) are the party's for the cue's message and
 * the next six. Threats and ambush only; lifted by what no party has: a weapon named or at hand, a robbery or cash, menace or
 * a fate, a grievance, anything illegal, and (review) the target told to come alone: no party asks that.
 */
import type { Frame } from './frame.js';
import type { Cue } from './cues.js';

export const SURPRISE_LIFTS: readonly Cue[] = ['weapon', 'weapon_item', 'weapon_access', 'robbery', 'cash', 'menace', 'doom', 'grievance', 'illegal', 'alone'];

export const SURPRISE_FRAMES: readonly Frame[] = [
  { cue: 'surprise_party', categories: ['ambush', 'violent_threat'], factor: 0.5, window: 6, unless: SURPRISE_LIFTS, reason: 'a surprise party planned: the guests hide and wait, nobody is ambushed' },
];
