/**
 * What an evidence source is worth as corroboration (stop 45, det45o). A model's score (`model:…`) and a lead (`lead:…`:
 * a finding that may raise its category to review on its own but proves nothing beside a model, such as an off-scale unit
 * price with no trade or hand-over said) count as one score: evidence whose every source is one of them stays under the
 * policy's "model only" cap, and neither adds a support kind. Every other source (a rule, a derivation, the conversation)
 * is evidence of its own.
 */
export function scoreOnly(source: string): boolean {
  return source.startsWith('model:') || source.startsWith('lead:');
}
