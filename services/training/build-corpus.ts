/**
 * Regenerates the generated part of the training corpus from its settings file, deterministically:
 *   node dist/services/training/build-corpus.js [corpus/generator-settings.json]
 * Writes message-level examples {text, labels, lang, source} as JSONL to the settings' `out` path.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { generateConversations, type GeneratorOptions } from './scenario-generator.js';
import { examplesFromConversations, summarise } from './corpus.js';

interface CorpusSettings {
  out: string;
  runs: (Partial<GeneratorOptions> & { name: string })[];
}

function main(): void {
  const path = process.argv[2] ?? 'corpus/generator-settings.json';
  const settings = JSON.parse(readFileSync(path, 'utf8')) as CorpusSettings;
  if (typeof settings.out !== 'string' || !Array.isArray(settings.runs) || settings.runs.length === 0) {
    throw new Error(`${path}: needs "out" (string) and "runs" (non-empty array)`);
  }
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const run of settings.runs) {
    const { name, ...opts } = run;
    const ex = examplesFromConversations(generateConversations(opts), `generated:${name}`, seen);
    for (const e of ex) lines.push(JSON.stringify(e));
    process.stderr.write(`build-corpus: run ${name}: ${ex.length} new examples\n`);
  }
  writeFileSync(settings.out, lines.join('\n') + '\n');
  const s = summarise(lines.map((l) => JSON.parse(l) as { text: string; labels: never[]; lang: string; source: string }));
  process.stderr.write(`build-corpus: wrote ${s.total} examples to ${settings.out}\n${JSON.stringify(s, null, 1)}\n`);
}

main();
