/** A frame's shape (frames.ts holds the frames; p0-frames.ts adds the P0 discipline's), apart so neither imports the other. */
import type { Category, Signal } from '../../contracts/taxonomy.js';
import type { Cue } from './cues.js';

export interface Frame {
  cue: Cue;
  categories: readonly Category[];
  /** Multiplier of the message's own evidence (rules, model) of those categories. */
  factor: number;
  /** Also live when the cue occurred in this many previous messages of the conversation (0 = this message only). */
  window: number;
  /** Cues or signals of the current message that lift the frame (the real thing despite the frame). */
  unless?: readonly (Cue | Signal)[];
  /**
   * Cues that lift the frame when marked in the conversation (any message, anyone) since the frame's own cue was: on the
   * message (observe.ts applyFrames) and, for a span frame (frames.ts SPAN_FRAMES), over the exchange (frameFindings).
   */
  liftedAfter?: readonly Cue[];
  reason: string;
}
