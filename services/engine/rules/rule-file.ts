/**
 * Parses rule files (line-oriented; see rules/README.md) into rule definitions, collecting every
 * problem with file, line and hint instead of stopping at the first.
 *
 *   id=<id> label=<label> lang=<fr|en|fr,en> weight=<0..1> [cue=<name>[,<name>]] | <pattern> [| unless <pattern> [within <N>]]
 */
import { LABELS, isCategory, type Label } from '../../contracts/taxonomy.js';
import { ALL_CUES, isCue, type Cue } from '../context/cues.js';
import { parsePattern, parsePhrase, PatternError } from './pattern.js';
import type { Lang, RuleDef, RuleLabel, RuleProblem } from './types.js';

const FIELDS = ['id', 'label', 'lang', 'weight'] as const;
/** Optional fields: `cue`, the context cues a category or signal rule also sets when it fires. */
const OPTIONAL = ['cue'] as const;
const ALL_FIELDS: readonly string[] = [...FIELDS, ...OPTIONAL];
const ID_RE = /^[a-z0-9][a-z0-9_.-]*$/;

/** Splits on '|' outside parentheses. Returns null on unbalanced parentheses (reported by the pattern parser). */
function splitSections(line: string): string[] {
  const out: string[] = [];
  let depth = 0; let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0) { out.push(line.slice(start, i)); start = i + 1; }
  }
  out.push(line.slice(start));
  return out.map((s) => s.trim());
}

/** Replaces $NAME by the macro body; returns the first unknown name instead when there is one. */
function expandMacros(text: string, macros: Map<string, string>): string | { missing: string } {
  let missing: string | null = null;
  const out = text.replace(/\$([A-Z][A-Z0-9_]*)/g, (_m, name: string) => {
    const body = macros.get(name);
    if (body === undefined) { missing ??= name; return ''; }
    return body;
  });
  return missing === null ? out : { missing };
}

export interface ParsedFile { rules: RuleDef[]; problems: RuleProblem[] }

/** Parses one file. `seenIds` (id → "file:line") is shared across files to report duplicates. */
export function parseRuleFile(file: string, text: string, seenIds: Map<string, string>, macros: Map<string, string> = new Map()): ParsedFile {
  const rules: RuleDef[] = [];
  const problems: RuleProblem[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    const line = lines[n]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const problem = (message: string, hint: string) => problems.push({ file, line: lineNo, message, hint });
    if (line.startsWith('@')) {
      const d = /^@define\s+([A-Z][A-Z0-9_]*)\s*=\s*(.+)$/.exec(line);
      if (!d) { problem('malformed directive', 'the only directive is @define NAME = (alternatives), NAME in upper case'); continue; }
      if (macros.has(d[1]!)) { problem(`macro ${d[1]} defined twice`, 'give each macro one definition (macros are shared by all files, in manifest order)'); continue; }
      let body = d[2]!.trim();
      const unknown = expandMacros(body, macros);
      if (typeof unknown !== 'string') { problem(`unknown macro $${unknown.missing}`, 'define a macro before using it: @define NAME = (a|b)'); continue; }
      body = unknown;
      try { parsePhrase(body); } catch (err) {
        if (!(err instanceof PatternError)) throw err;
        problem(`macro ${d[1]}: ${err.message}`, err.hint); continue;
      }
      macros.set(d[1]!, body.startsWith('(') ? body : `(${body})`);
      continue;
    }
    const expanded = expandMacros(line, macros);
    if (typeof expanded !== 'string') { problem(`unknown macro $${expanded.missing}`, 'define it with @define NAME = (a|b) in this or an earlier file of the manifest'); continue; }
    const sections = splitSections(expanded);
    if (sections.length < 2) {
      problem('missing pattern', "write the fields, then ' | ', then the pattern: id=x label=y lang=fr weight=0.5 | words");
      continue;
    }
    const fields: Record<string, string> = {};
    let bad = false;
    for (const f of sections[0]!.split(/\s+/).filter(Boolean)) {
      const eq = f.indexOf('=');
      if (eq <= 0) { problem(`malformed field '${f}'`, 'fields are key=value, separated by spaces'); bad = true; continue; }
      const key = f.slice(0, eq);
      if (!ALL_FIELDS.includes(key)) { problem(`unknown field '${key}'`, `fields are ${FIELDS.join(', ')} and optionally ${OPTIONAL.join(', ')}`); bad = true; continue; }
      if (fields[key] !== undefined) { problem(`field '${key}' given twice`, 'give each field once'); bad = true; continue; }
      fields[key] = f.slice(eq + 1);
    }
    for (const k of FIELDS) if (fields[k] === undefined && !bad) { problem(`missing field '${k}'`, `every rule needs ${FIELDS.join(', ')}`); bad = true; }
    const id = fields.id ?? '';
    if (fields.id !== undefined) {
      if (!ID_RE.test(id)) { problem(`bad id '${id}'`, 'ids use lower-case letters, digits, dots, dashes and underscores'); bad = true; }
      const first = seenIds.get(id);
      if (first !== undefined) { problem(`duplicate id '${id}'`, `first defined at ${first}`); bad = true; }
      else seenIds.set(id, `${file}:${lineNo}`);
    }
    const label = fields.label;
    const cueLabel = label !== undefined && label.startsWith('cue:');
    if (label !== undefined && !cueLabel && !(LABELS as readonly string[]).includes(label)) { problem(`unknown label '${label}'`, `labels are ${LABELS.join(', ')}, or cue:<name>`); bad = true; }
    if (cueLabel && !isCue(label.slice(4))) { problem(`unknown cue '${label}'`, `cues are ${ALL_CUES.join(', ')}`); bad = true; }
    const cues: `cue:${Cue}`[] = [];
    if (fields.cue !== undefined) {
      if (cueLabel) { problem(`field 'cue' on a cue rule`, `this rule sets ${label} by its label; cue= is for category and signal rules`); bad = true; }
      for (const c of fields.cue.split(',')) {
        if (!isCue(c)) { problem(`unknown cue '${c}' in cue=`, c === '' ? 'write cue=<name>[,<name>], no empty names' : `write the name without 'cue:'; cues are ${ALL_CUES.join(', ')}`); bad = true; }
        else if (cues.includes(`cue:${c}`)) { problem(`cue '${c}' given twice in cue=`, 'name each cue once'); bad = true; }
        else cues.push(`cue:${c}`);
      }
    }
    const langs: Lang[] = [];
    if (fields.lang !== undefined) {
      for (const l of fields.lang.split(',')) {
        if (l === 'fr' || l === 'en') { if (!langs.includes(l)) langs.push(l); }
        else { problem(`unknown language '${l}'`, 'lang is fr, en or fr,en'); bad = true; }
      }
    }
    let weight = NaN;
    if (fields.weight !== undefined) {
      weight = /^[0-9]*\.?[0-9]+$/.test(fields.weight) ? Number(fields.weight) : NaN;
      if (!(weight > 0 && weight <= 1)) { problem(`bad weight '${fields.weight}'`, 'weight is a number in (0, 1], e.g. 0.6'); bad = true; }
    }
    let pattern: ReturnType<typeof parsePattern> | null = null;
    try {
      if (sections[1] === '') throw new PatternError('empty pattern', 'write at least one word after |');
      pattern = parsePattern(sections[1]!);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      problem(`pattern: ${err.message}`, err.hint);
      bad = true;
    }
    let unless: RuleDef['unless'] = null;
    for (const sec of sections.slice(2)) {
      const m = /^unless\s+(.+?)(?:\s+within\s+([0-9]+))?$/.exec(sec);
      if (!m) { problem(`unknown section '${sec.slice(0, 30)}'`, "after the pattern only 'unless <pattern> [within N]' is allowed"); bad = true; continue; }
      if (unless) { problem('more than one unless section', 'join the negative contexts with alternatives: unless (a|b)'); bad = true; continue; }
      try {
        const w = m[2] === undefined ? null : Number(m[2]);
        if (w !== null && (w < 1 || w > 50)) throw new PatternError(`window ${w} out of range`, 'use within 1 .. 50');
        unless = { phrase: parsePhrase(m[1]!), window: w };
      } catch (err) {
        if (!(err instanceof PatternError)) throw err;
        problem(`unless: ${err.message}`, err.hint);
        bad = true;
      }
    }
    if (bad || !pattern) continue;
    rules.push({
      id, label: label as RuleLabel, kind: cueLabel ? 'cue' : isCategory(label!) ? 'category' : 'signal', langs, weight,
      phrase: pattern.phrase, near: pattern.near, unless, source: { file, line: lineNo, text: line },
      ...(cues.length ? { cues } : {}),
    });
  }
  return { rules, problems };
}
