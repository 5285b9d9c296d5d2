/**
 * Regenerates the generated part of the training corpus from its settings file, deterministically:
 *   node dist/services/training/build-corpus.js [corpus/generator-settings.json]
 * Writes message-level examples {text, labels, lang, source} as JSONL to the settings' `out` path.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { generateConversations, type GeneratorOptions } from './scenario-generator.js';
import { examplesFromConversations, summarise } from './corpus.js';
import { Rng } from './rng.js';

interface CorpusSettings {
  out: string;
  runs: (Partial<GeneratorOptions> & { name: string })[];
  /**
   * Share of negative examples that also yield a short negative made of 1..maxWords of their words (digits excluded). With mean
   * pooling, a one- or two-word message is scored on very few n-grams; these spans teach the model that
   * everyday words alone ("encore", "chat", "re") carry no label.
   */
  negativeSpans?: { rate: number; seed: number; maxWords: number };
}

function main(): void {
  const path = process.argv[2] ?? 'corpus/generator-settings.json';
  const settings = JSON.parse(readFileSync(path, 'utf8')) as CorpusSettings;
  if (typeof settings.out !== 'string' || !Array.isArray(settings.runs) || settings.runs.length === 0) {
    throw new Error(`${path}: needs "out" (string) and "runs" (non-empty array)`);
  }
  const seen = new Set<string>();
  const rng = new Rng(settings.negativeSpans?.seed ?? 1);
  const lines: string[] = [];
  for (const run of settings.runs) {
    const { name, ...opts } = run;
    const ex = examplesFromConversations(generateConversations(opts), `generated:${name}`, seen);
    let spans = 0;
    for (const e of ex) {
      lines.push(JSON.stringify(e));
      if (settings.negativeSpans && e.labels.length === 0 && rng.chance(settings.negativeSpans.rate)) {
        // Words without digits only: "12 ans" cut from "ma fille a 12 ans" would be a minor disclosure alone.
        const words = e.text.split(/\s+/).filter((w) => w.length > 0 && !/\d/.test(w));
        if (words.length < 3) continue;
        const len = rng.int(1, settings.negativeSpans.maxWords);
        const at = rng.int(0, words.length - len);
        const text = words.slice(at, at + len).join(' ');
        const key = text + '\u0000';
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push(JSON.stringify({ text, labels: [], lang: e.lang, source: `${e.source}:span` }));
        spans++;
      }
    }
    process.stderr.write(`build-corpus: run ${name}: ${ex.length} new examples, ${spans} negative spans\n`);
  }
  writeFileSync(settings.out, lines.join('\n') + '\n');
  const s = summarise(lines.map((l) => JSON.parse(l) as { text: string; labels: never[]; lang: string; source: string }));
  process.stderr.write(`build-corpus: wrote ${s.total} examples to ${settings.out}\n${JSON.stringify(s, null, 1)}\n`);
}

main();
