/** The abuse categories Vigie asserts. Exact strings: used in verdicts, rules, models and reports. */
export const CATEGORIES = [
  'child_grooming',
  'sexual_harassment',
  'prostitution',
  'ambush',
  'drug_facilitated_assault',
  'drug_trafficking',
  'weapons_trafficking',
  'violent_threat',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Signals feed context and policy but are not offences alone. */
export const SIGNALS = [
  'minor_disclosure',
  'age_inquiry',
  'off_platform_contact',
  'meetup_request',
  'secrecy_request',
  'sexual_content',
  'payment_offer',
  'image_request',
] as const;
export type Signal = (typeof SIGNALS)[number];

export type Label = Category | Signal;
export const LABELS: readonly Label[] = [...CATEGORIES, ...SIGNALS];

export function isCategory(s: string): s is Category {
  return (CATEGORIES as readonly string[]).includes(s);
}
export function isSignal(s: string): s is Signal {
  return (SIGNALS as readonly string[]).includes(s);
}
