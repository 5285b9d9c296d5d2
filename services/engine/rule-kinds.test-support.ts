/**
 * Stop 50: the check a stop's rule file is tested with. Every rule of `fires` must match each of its messages, and no rule whose
 * id starts with `prefix` may match a message of `spared` (hard negatives of the same shapes). Returns what went wrong.
 */
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

export async function ruleKindErrors(prefix: string, fires: readonly [string, readonly string[]][], spared: readonly string[]): Promise<string[]> {
  const rs = await loadRuleSet(RULES_DIR);
  const missed = fires.flatMap(([id, texts]) => texts.filter((t) => !rs.match(normalise(t)).some((h) => h.ruleId === id)).map((t) => `${id}: ${t}`));
  const spurious = spared.flatMap((t) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith(prefix)).map((h) => `${h.ruleId}: ${t}`));
  return [...missed, ...spurious];
}
