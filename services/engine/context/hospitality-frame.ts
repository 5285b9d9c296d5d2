/**
 * Stop 39 (detF39): a hotel's front desk or a therapist's booking (cue:hospitality, rules/hospitality.rules): a room by the
 * night with tax and cancellation terms, a group booking with a deposit and an invoice, a spa's facial or prenatal massage, a
 * canine physiotherapist at the exhibitor's hotel. The prostitution rules and the paid-meeting derivation read "a price, a
 * hotel room, a meeting" there; benign conversations of several writers were held. Prostitution only, on the cue's message
 * and the next six, at a mild factor (0.8: its rule evidence stays listed for review, derivations are capped at review level). Lifted by what the trade never says: sexual words or requests, a remark on
 * the body, sex-work or pimping words, a person offered, a debt, a count of clients, an image asked or discretion promised,
 * on the message, and for good once any of the cue words of that kind is said after the booking. Stop 40 (detD40): a worker's
 * documents held by the speaker (`docs_held`, rules/d40.rules) lift it too, like a new arrival offered (`person_offered`) and
 * "she does whatever the client wants" (`sw_trade`).
 */
import type { Frame } from './frame.js';
import type { Cue } from './cues.js';
import type { Signal } from '../../contracts/taxonomy.js';

const LATER_LIFTS: readonly Cue[] = ['body_comment', 'sw_frame', 'pimping', 'person_offered', 'rent_sex', 'clients_count', 'discreet', 'sw_trade', 'sw_cut', 'docs_held'];
export const HOSPITALITY_LIFTS: readonly (Cue | Signal)[] = ['sexual_content', 'image_request', 'debt', 'minor_disclosure', ...LATER_LIFTS];

export const HOSPITALITY_FRAMES: readonly Frame[] = [
  { cue: 'hospitality', categories: ['prostitution'], factor: 0.8, window: 6, unless: HOSPITALITY_LIFTS, liftedAfter: LATER_LIFTS, reason: 'a hotel booking or a therapist\'s appointment: prices, rooms and times are that trade\'s words' },
];
