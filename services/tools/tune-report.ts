/**
 * Renders a TuneResult: one HTML page (tables + inline SVG), one SVG file per chart, a JSON summary.
 */
import { join } from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../common/private-files.js';
import type { Category } from '../contracts/taxonomy.js';
import { htmlPage, table, type Section } from './html-page.js';
import type { OperatingPoint } from './operating-point.js';
import { barChart, binCounts, binLabels, lineChart } from './svg-charts.js';
import type { TuneResult } from './tune.js';

const f3 = (x: number | null): string | null => (x === null ? null : x.toFixed(3));

export function tuneSummary(r: TuneResult): Record<string, unknown> {
  const point = (op: OperatingPoint): Record<string, unknown> => ({
    benignHardFalseAlarmRate: op.benignHardFalseAlarmRate, microRecall: op.microRecall,
    perCategory: Object.fromEntries(Object.values(op.perCategory).map((c) => [c.category, {
      positives: c.positives, negatives: c.negatives, truePositives: c.truePositives, falsePositives: c.falsePositives,
      precision: c.precision, recall: c.recall, falseAlarmRate: c.falseAlarmRate, medianDelay: c.medianDelay, maxDelay: c.maxDelay, delays: c.delays,
    }])),
  });
  return {
    model: r.modelId, target: r.target, messages: r.messages, conversations: r.baseline.conversations, engineRuns: r.engineRuns, grid: r.grid,
    suggestions: r.suggestions, baseline: point(r.baseline), chosen: point(r.chosen), sweeps: r.sweeps,
  };
}

/** Writes `report.html`, `summary.json` and `charts/*.svg` into `dir`; returns the file paths. */
export function writeTuneReport(dir: string, r: TuneResult, meta: { data: string; generatedAt: string; manifestWritten: string | null }): string[] {
  // Reports quote chat text (message in context, evidence): owner-only, as the audit store.
  ensurePrivateDir(dir);
  ensurePrivateDir(join(dir, 'charts'));
  const files: string[] = [];
  const svgs: { cat: Category; pr: string; hist: string }[] = [];
  for (const s of r.suggestions) {
    const c = s.category;
    const sweep = r.sweeps[c] ?? [];
    const pts = sweep.filter((p) => p.precision !== null && p.recall !== null);
    const atChosen = r.chosen.perCategory[c], atBase = r.baseline.perCategory[c];
    const markers = [];
    if (atBase.precision !== null && atBase.recall !== null) markers.push({ x: atBase.recall, y: atBase.precision, label: `current ${s.current}`, color: '#888' });
    if (atChosen.precision !== null && atChosen.recall !== null) markers.push({ x: atChosen.recall, y: atChosen.precision, label: `suggested ${s.suggested}`, color: '#d62728' });
    const pr = lineChart({
      title: `${c}: precision–recall over thresholds`, xLabel: 'recall (conversations)', yLabel: 'precision',
      series: [{ name: 'threshold sweep', points: pts.map((p) => [p.recall!, p.precision!]) }], markers, xDomain: [0, 1], yDomain: [0, 1],
    });
    const h = r.histograms[c] ?? { positives: [], negatives: [] };
    const hist = barChart({
      title: `${c}: highest model score per conversation`, xLabel: 'model probability', yLabel: 'conversations', groups: binLabels(20),
      series: [{ name: `labelled ${c}`, values: binCounts(h.positives, 20), color: '#d62728' }, { name: 'other', values: binCounts(h.negatives, 20), color: '#1f77b4' }],
      width: 460,
    });
    writePrivateFile(join(dir, 'charts', `pr-${c}.svg`), pr);
    writePrivateFile(join(dir, 'charts', `hist-${c}.svg`), hist);
    files.push(join(dir, 'charts', `pr-${c}.svg`), join(dir, 'charts', `hist-${c}.svg`));
    svgs.push({ cat: c, pr, hist });
  }
  const target = r.target.kind === 'precision' ? `precision ≥ ${r.target.value}` : `false-alarm rate ≤ ${r.target.value}`;
  const rows = r.suggestions.map((s) => {
    const b = r.baseline.perCategory[s.category], c = r.chosen.perCategory[s.category];
    return [s.category, c.positives, s.current, { html: `<b>${s.suggested}</b>`, cls: s.met ? 'good' : 'bad' },
      f3(b.precision), f3(c.precision), f3(b.recall), f3(c.recall), f3(b.falseAlarmRate), f3(c.falseAlarmRate),
      b.medianDelay, c.medianDelay, c.maxDelay, s.note];
  });
  const sections: Section[] = [
    { title: `Suggested thresholds (target: ${target})`, html: table(
      ['category', 'positives', 'current', 'suggested', 'precision now', 'precision after', 'recall now', 'recall after', 'false alarms now', 'false alarms after',
        'median delay now', 'median delay after', 'max delay after', 'note'], rows)
      + `<p>Figures are per labelled conversation (detected = some verdict lists the category and acts or escalates), measured by running the whole engine with
all suggested thresholds together. Delay = messages after the labelled evident point until the first detection. Benign hard false-alarm rate: now
${f3(r.baseline.benignHardFalseAlarmRate) ?? '–'}, after ${f3(r.chosen.benignHardFalseAlarmRate) ?? '–'}.
Micro recall: now ${f3(r.baseline.microRecall) ?? '–'}, after ${f3(r.chosen.microRecall) ?? '–'}.</p>` },
    { title: 'Precision–recall curves and score histograms', html: svgs.map((s) => `<div class="charts" id="cat-${s.cat}">${s.pr}${s.hist}</div>`).join('\n') },
  ];
  const html = htmlPage(`vigie tune — ${r.modelId}`, `${meta.data}: ${r.messages} messages, ${r.baseline.conversations} labelled conversations; ${r.engineRuns} engine runs; `
    + `generated ${meta.generatedAt}${meta.manifestWritten ? `; manifest written to ${meta.manifestWritten}` : '; manifest not written (use --write)'}`, sections);
  writePrivateFile(join(dir, 'report.html'), html);
  writePrivateFile(join(dir, 'summary.json'), JSON.stringify({ ...tuneSummary(r), data: meta.data, generatedAt: meta.generatedAt, manifestWritten: meta.manifestWritten }, null, 2) + '\n');
  files.push(join(dir, 'report.html'), join(dir, 'summary.json'));
  return files;
}
