/**
 * Rule filters: loading, validation and matching.
 *
 *   const rules = await loadRuleSet('rules');          // throws RuleSetError listing every problem
 *   const hits = rules.match(normalise(text));         // RuleHit[] { ruleId, label, weight, kind, span }
 *
 * `compileRuleSet(files, version)` builds a RuleSet from in-memory files (tests); `checkRules(dir)`
 * returns the problems and the valid rules without throwing (the `vigie rules check` command).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompiledMatcher } from './matcher.js';
import { parseRuleFile } from './rule-file.js';
import { RuleSetError, type RuleDef, type RuleProblem, type RuleSet } from './types.js';

export * from './types.js';

export interface RuleFile { name: string; text: string }

export interface RuleCheck { version: string; files: RuleFile[]; rules: RuleDef[]; problems: RuleProblem[] }

/** Parses and validates files; returns every problem found across all of them. */
export function analyseRuleFiles(files: RuleFile[]): { rules: RuleDef[]; problems: RuleProblem[] } {
  const seen = new Map<string, string>();
  const macros = new Map<string, string>();
  const rules: RuleDef[] = [];
  const problems: RuleProblem[] = [];
  for (const f of files) {
    const r = parseRuleFile(f.name, f.text, seen, macros);
    rules.push(...r.rules);
    problems.push(...r.problems);
  }
  if (problems.length === 0 && rules.length === 0) problems.push({ file: files[0]?.name ?? '(none)', line: 0, message: 'no rules', hint: 'a rule set needs at least one rule' });
  return { rules, problems };
}

/** Compiles in-memory rule files. Throws RuleSetError with every problem. */
export function compileRuleSet(files: RuleFile[], version = 'test'): RuleSet {
  const { rules, problems } = analyseRuleFiles(files);
  if (problems.length) throw new RuleSetError(problems);
  return fromRules(rules, version);
}

export function fromRules(rules: RuleDef[], version: string): RuleSet {
  const matcher = new CompiledMatcher(rules);
  return { version, rules, match: (norm) => matcher.match(norm) };
}

/** Reads `<dir>/manifest.json` ({ "version": "...", "files": ["a.rules", ...] }) and its files; never throws for content problems. */
export async function checkRules(dir: string): Promise<RuleCheck> {
  const manifestPath = join(dir, 'manifest.json');
  const problems: RuleProblem[] = [];
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    problems.push({ file: manifestPath, line: 0, message: e.code === 'ENOENT' ? 'manifest not found' : `cannot read manifest: ${e.message}`, hint: 'rules/manifest.json lists { "version": "...", "files": [...] }' });
    return { version: '', files: [], rules: [], problems };
  }
  const m = manifest as { version?: unknown; files?: unknown };
  const version = typeof m.version === 'string' && m.version ? m.version : '';
  if (!version) problems.push({ file: manifestPath, line: 0, message: 'missing or empty "version"', hint: 'set "version" to a string such as "2026.11.29-1"' });
  const names = Array.isArray(m.files) && m.files.every((x) => typeof x === 'string') ? (m.files as string[]) : null;
  if (!names) problems.push({ file: manifestPath, line: 0, message: '"files" must be an array of file names', hint: 'e.g. "files": ["age_inquiry.rules"]' });
  for (const k of Object.keys(m)) if (k !== 'version' && k !== 'files' && k !== 'description') problems.push({ file: manifestPath, line: 0, message: `unknown field '${k}'`, hint: 'fields are version, files, description' });
  const files: RuleFile[] = [];
  for (const name of names ?? []) {
    try {
      files.push({ name: join(dir, name), text: await readFile(join(dir, name), 'utf8') });
    } catch (err) {
      problems.push({ file: join(dir, name), line: 0, message: `cannot read: ${(err as Error).message}`, hint: 'fix the file name in manifest.json' });
    }
  }
  const analysed = analyseRuleFiles(files);
  return { version, files, rules: analysed.rules, problems: [...problems, ...analysed.problems] };
}

/** Loads and compiles the rule set in `dir`. Throws RuleSetError listing every problem. */
export async function loadRuleSet(dir: string): Promise<RuleSet> {
  const c = await checkRules(dir);
  if (c.problems.length) throw new RuleSetError(c.problems);
  return fromRules(c.rules, c.version);
}
