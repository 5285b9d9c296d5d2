import { readFileSync } from 'node:fs';
import { LABELS, type Label } from '../contracts/taxonomy.js';
import type { GeneratedConversation } from './scenario-generator.js';

/** One message-level training example: labels that hold for the text alone. */
export interface TrainingExample {
  text: string;
  labels: Label[];
  lang?: string;
  source?: string;
}

/** Message-level examples from generated conversations, without exact (text, labels) duplicates. */
export function examplesFromConversations(convs: Iterable<GeneratedConversation>, source: string, seen = new Set<string>()): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const c of convs) {
    c.messages.forEach((m, i) => {
      const labels = [...c.messageLabels[i]!].sort();
      const key = m.text + '\u0000' + labels.join(',');
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ text: m.text, labels, lang: m.locale ?? guessLang(m.text), source });
    });
  }
  return out;
}

function guessLang(text: string): string {
  return /\b(je|tu|t'es|c'est|pas|moi|toi|est|les|des|une|avec|pour)\b/i.test(text) ? 'fr' : 'en';
}

/** Parses a JSONL file of examples; every bad line is reported (file:line: problem) in one error. */
export function parseExamples(content: string, file: string): TrainingExample[] {
  const out: TrainingExample[] = [];
  const problems: string[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('//')) return;
    const where = `${file}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      problems.push(`${where}: not JSON (${(err as Error).message})`);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.text !== 'string' || o.text.trim() === '') {
      problems.push(`${where}: "text" must be a non-empty string`);
      return;
    }
    if (!Array.isArray(o.labels)) {
      problems.push(`${where}: "labels" must be an array of label names`);
      return;
    }
    const bad = o.labels.filter((l) => !(LABELS as readonly unknown[]).includes(l));
    if (bad.length) {
      problems.push(`${where}: unknown label(s) ${bad.map((b) => JSON.stringify(b)).join(', ')} (known: ${LABELS.join(', ')})`);
      return;
    }
    out.push({ text: o.text, labels: [...new Set(o.labels as Label[])], lang: typeof o.lang === 'string' ? o.lang : guessLang(o.text), source: typeof o.source === 'string' ? o.source : file });
  });
  if (problems.length) {
    const more = problems.length > 50 ? `\n  ... and ${problems.length - 50} more` : '';
    throw new Error(`bad training data (${problems.length} problem(s)):\n  - ${problems.slice(0, 50).join('\n  - ')}${more}`);
  }
  return out;
}

export function readExamples(file: string): TrainingExample[] {
  return parseExamples(readFileSync(file, 'utf8'), file);
}

/** Counts per label, per language and per source, for manifests and the corpus README. */
export function summarise(examples: readonly TrainingExample[]): {
  total: number; negatives: number; perLabel: Record<string,
  number>; perLang: Record<string,
  number>; perSource: Record<string,
  number>
} {
  const perLabel: Record<string, number> = Object.fromEntries(LABELS.map((l) => [l, 0]));
  const perLang: Record<string, number> = {};
  const perSource: Record<string, number> = {};
  let negatives = 0;
  for (const e of examples) {
    if (e.labels.length === 0) negatives++;
    for (const l of e.labels) perLabel[l] = (perLabel[l] ?? 0) + 1;
    perLang[e.lang ?? '?'] = (perLang[e.lang ?? '?'] ?? 0) + 1;
    perSource[e.source ?? '?'] = (perSource[e.source ?? '?'] ?? 0) + 1;
  }
  return { total: examples.length, negatives, perLabel, perLang, perSource };
}
