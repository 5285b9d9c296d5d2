import type { Category, Label } from '../contracts/taxonomy.js';

/** A participant role inside a scenario: A usually the offender, B the target, C a third person. */
export type Role = 'A' | 'B' | 'C';

/** One scripted turn; `fr`/`en` are templates (see template.ts); `labels` hold for the text alone. */
export interface Step {
  who: Role;
  fr: readonly string[];
  en: readonly string[];
  labels?: readonly Label[];
  /** Probability the step happens (default 1). */
  p?: number;
}

export interface Scenario {
  id: string;
  /** The category the conversation is about, or null for benign and hard-negative conversations. */
  category: Category | null;
  /** Relative frequency in generated traffic. */
  weight: number;
  /** Group room (roomId set, recipientId null) instead of a private conversation. */
  room?: boolean;
  /** Roles who are minors (listed in the conversation label's `minors`). */
  minors?: readonly Role[];
  /** What each role declares as age on its profile: minor, adult, or a minor age faked by an adult. */
  declared?: Partial<Record<Role, 'minor' | 'adult' | 'fake-minor'>>;
  /** Steps in order; an inner array means "one of these". */
  steps: readonly (Step | readonly Step[])[];
  /** Probability of a chit-chat filler turn between steps (default 0.25). */
  filler?: number;
}
