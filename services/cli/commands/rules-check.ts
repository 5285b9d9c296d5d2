import { parseArgs, UsageError, type Command } from '../command.js';
import { checkRules, formatProblem, type RuleDef } from '../../engine/rules/index.js';
import { LABELS } from '../../contracts/taxonomy.js';

const help = `usage: vigie rules check [--dir DIR] [--json]

Loads the rule set in DIR (DIR/manifest.json and the files it lists), validates every rule and
reports EVERY problem at once as "file:line: message (hint: ...)". Exit code 1 when there are
problems, 0 otherwise with a summary of rules per label and language. Format: rules/README.md.

options:
  --dir DIR    rule directory (default: $VIGIE_RULES_DIR, else "rules")
  --json       print the result as one JSON object instead of text

environment:
  VIGIE_RULES_DIR   default rule directory`;

/** Counts rules per label and language (a rule in fr,en counts in both). */
export function summarise(rules: readonly RuleDef[]): { label: string; kind: string; fr: number; en: number; total: number }[] {
  return LABELS.map((label) => {
    const rs = rules.filter((r) => r.label === label);
    return {
      label,
      kind: rs[0]?.kind ?? (LABELS.indexOf(label) < 8 ? 'category' : 'signal'),
      fr: rs.filter((r) => r.langs.includes('fr')).length,
      en: rs.filter((r) => r.langs.includes('en')).length,
      total: rs.length,
    };
  });
}

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['dir'], booleans: ['json'] });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const dir = (opts.dir as string | undefined) ?? process.env.VIGIE_RULES_DIR ?? 'rules';
    const c = await checkRules(dir);
    const rows = summarise(c.rules);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ dir, version: c.version, ok: c.problems.length === 0, rules: c.rules.length, problems: c.problems, summary: rows })}\n`);
      return c.problems.length ? 1 : 0;
    }
    if (c.problems.length) {
      process.stdout.write(`${c.problems.length} problem${c.problems.length === 1 ? '' : 's'} in ${dir}:\n`);
      for (const p of c.problems) process.stdout.write(`  ${formatProblem(p)}\n`);
      return 1;
    }
    process.stdout.write(`rules ${dir}: version ${c.version}, ${c.rules.length} rules in ${c.files.length} files, no problems\n\n`);
    process.stdout.write(`${'label'.padEnd(26)}${'kind'.padEnd(10)}${'fr'.padStart(5)}${'en'.padStart(5)}${'total'.padStart(7)}\n`);
    for (const r of rows) process.stdout.write(`${r.label.padEnd(26)}${r.kind.padEnd(10)}${String(r.fr).padStart(5)}${String(r.en).padStart(5)}${String(r.total).padStart(7)}\n`);
    const empty = rows.filter((r) => r.total === 0).map((r) => r.label);
    if (empty.length) process.stdout.write(`\nwarning: no rules for ${empty.join(', ')}\n`);
    return 0;
  },
};

export default command;
