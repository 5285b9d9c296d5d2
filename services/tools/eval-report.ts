/**
 * Renders an EvalResult three ways: the JSON summary (`--json`, summary.json), the terminal table,
 * and the self-contained HTML report (tables + inline SVG, no scripts).
 */
import { join } from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../common/private-files.js';
import { htmlPage, table, type Section } from './html-page.js';
import { barChart, esc } from './svg-charts.js';
import { BENIGN, NOTHING, type Estimate, type EvalResult, type FalseAlarmItem, type MessageView, type MissItem } from './eval-metrics.js';

/** What the figures were computed from, shown in every output. */
export interface EvalMeta {
  messagesFile: string;
  labelsFile: string;
  /** The verdicts file, or null when the engine ran. */
  verdictsFile: string | null;
  /** Engine versions when the engine ran, else the versions found in the verdicts (with counts). */
  versions: Record<string, string>;
  warnings: string[];
  generatedAt: string;
}

/** Conversations listed in full in the HTML report, per list (summary.json has them all). */
export const HTML_LIST_LIMIT = 200;

const r3 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);
const est = (e: Estimate): { value: number | null; ci95: [number, number] | null } =>
  ({ value: r3(e.value), ci95: e.ci ? [r3(e.ci[0])!, r3(e.ci[1])!] : null });

export function evalSummary(r: EvalResult, meta: EvalMeta): Record<string, unknown> {
  return {
    ...meta,
    conversations: r.conversations, messages: r.messages, missingVerdicts: r.missingVerdicts,
    positiveConversations: r.positiveConversations, benign: r.benign,
    microRecall: est(r.microRecall), macroRecall: est(r.macroRecall), anyCategoryRecall: r3(r.anyCategoryRecall),
    benignHard: { count: r.benignHard.count, rate: est(r.benignHard.rate) },
    benignSoft: { count: r.benignSoft.count, rate: est(r.benignSoft.rate) },
    benignP0: r.benignP0,
    perCategory: r.perCategory.map((c) => ({ ...c, precision: est(c.precision), recall: est(c.recall), f1: est(c.f1) })),
    confusion: r.confusion, bootstrap: r.bootstrap,
    misses: r.misses, falseAlarms: r.falseAlarms,
  };
}

const f = (x: number | null): string => (x === null ? '  n/a' : x.toFixed(3));
const withCi = (e: Estimate): string => (e.value === null ? 'n/a'.padEnd(19) : `${f(e.value)} [${e.ci ? `${f(e.ci[0])}–${f(e.ci[1])}` : '     n/a     '}]`);
const rate = (count: number, of: number, e: Estimate): string => `${count}/${of} = ${withCi(e)}`;

/** Off-diagonal confusions, largest first: "labelled X → raised Y n". */
function confusions(r: EvalResult): { from: string; to: string; n: number }[] {
  const out: { from: string; to: string; n: number }[] = [];
  r.confusion.rows.forEach((from, i) => r.confusion.columns.forEach((to, j) => {
    const n = r.confusion.counts[i]![j]!;
    if (n && from !== to && to !== NOTHING) out.push({ from, to, n });
  }));
  return out.sort((a, b) => b.n - a.n || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Items listed on the terminal per line; --report and --json have them all. */
export const TEXT_LIST_LIMIT = 20;
const few = (items: string[], sep: string): string => (items.length ? items.slice(0, TEXT_LIST_LIMIT).join(sep)
  + (items.length > TEXT_LIST_LIMIT ? `${sep}… (${items.length - TEXT_LIST_LIMIT} more: see --report or --json)` : '') : '-');

export function evalText(r: EvalResult, meta: EvalMeta): string {
  const lines = [
    `${r.conversations} labelled conversations (${r.benign} benign), ${r.messages} messages, ${r.missingVerdicts} without a verdict; `
      + `${Object.entries(meta.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    `${'category'.padEnd(25)} ${'pos'.padStart(4)} ${'raised'.padStart(6)} ${'det'.padStart(4)}  `
      + `${'precision [95% CI]'.padEnd(19)}  ${'recall [95% CI]'.padEnd(19)}  ${'F1 [95% CI]'.padEnd(19)}  delay med p90`,
  ];
  for (const c of r.perCategory) {
    lines.push(`${c.category.padEnd(25)} ${String(c.positives).padStart(4)} ${String(c.raised).padStart(6)} ${String(c.detected).padStart(4)}  `
      + `${withCi(c.precision)}  ${withCi(c.recall)}  ${withCi(c.f1)}  ${String(c.medianDelay ?? '–').padStart(9)} ${String(c.p90Delay ?? '–').padStart(3)}`);
  }
  lines.push('',
    `micro recall ${withCi(r.microRecall)}   macro recall ${withCi(r.macroRecall)}   any-category recall ${f(r.anyCategoryRecall)}`,
    `benign conversations: hard (hold/block/escalation) ${rate(r.benignHard.count, r.benign, r.benignHard.rate)}, `
      + `soft (flags only) ${rate(r.benignSoft.count, r.benign, r.benignSoft.rate)}, `
      + `P0 escalations ${r.benignP0.escalations} (${r.benignP0.conversations} conversations)`,
    `misses: ${few(r.misses.flatMap((m) => m.missed.map((c) => `${m.conversationId}:${c}`)), ' ')}`,
    `false alarms: ${few(r.falseAlarms.map((a) => `${a.conversationId}(${a.severity}${a.categories.length ? `: ${a.categories.join(',')}` : ''})`), ' ')}`,
    `confusions (labelled → raised): ${few(confusions(r).map((c) => `${c.from} → ${c.to} ${c.n}`), ', ')}`,
    `intervals: ${r.bootstrap.level * 100}% percentile bootstrap over conversations, ${r.bootstrap.resamples} resamples, seed ${r.bootstrap.seed}`);
  return lines.join('\n') + '\n';
}

const ci = (e: Estimate): { html: string } =>
  ({ html: e.value === null ? '–' : `<b>${f(e.value)}</b> <span class="ctx">${e.ci ? `${f(e.ci[0])}–${f(e.ci[1])}` : ''}</span>` });

function conversationTable(messages: MessageView[], mark: (m: MessageView) => boolean): string {
  return table(['#', 'sender', 'text', 'verdict', 'categories', 'reasons'], messages.map((m) => [
    m.position,
    m.senderId,
    { html: `${m.evidentFor.length ? `<span class="good">[evident: ${esc(m.evidentFor.join(', '))}]</span> ` : ''}${esc(m.text)}`,
      cls: mark(m) ? 'msg' : undefined },
    m.verdict ? { html: `<b>${esc(m.verdict.action)}</b>${m.verdict.escalation ? ` <span class="bad">${esc(m.verdict.escalation)}</span>` : ''}` }
      : { html: '<i>no verdict</i>', cls: 'bad' },
    m.verdict ? m.verdict.categories.map((c) => `${c.category}${c.score === null ? '' : ` ${c.score.toFixed(2)}`}`).join(', ') : null,
    m.verdict ? { html: `<pre class="ctx">${esc(m.verdict.reasons.join('\n'))}</pre>` } : null,
  ]));
}

const acted = (m: MessageView): boolean => m.verdict !== null && (m.verdict.action !== 'allow' || m.verdict.escalation !== null);

function listing<T extends MissItem | FalseAlarmItem>(items: T[], head: (x: T) => string): string {
  if (!items.length) return '<p>None.</p>';
  const shown = items.slice(0, HTML_LIST_LIMIT);
  return (items.length > shown.length ? `<p>${shown.length} of ${items.length} shown; summary.json lists them all.</p>` : '')
    + shown.map((x) => `<div class="item" id="conv-${esc(x.conversationId)}"><p>${head(x)}</p>${conversationTable(x.messages, acted)}</div>`).join('\n');
}

/** The report's charts by file name (charts/<name>.svg); charts with nothing to show are left out. */
function charts(r: EvalResult): Record<string, string> {
  const cats = r.perCategory.filter((c) => c.positives > 0 || c.raised > 0);
  const v = (e: Estimate): number => e.value ?? 0;
  // One chart per measure: a single series needs no legend, which would cover the bars that reach 1.
  const out: Record<string, string> = {};
  for (const k of ['recall', 'precision'] as const) {
    out[k] = barChart({
      title: `${k[0]!.toUpperCase()}${k.slice(1)} per category`, xLabel: 'category', yLabel: k, groups: cats.map((c) => c.category), width: 460,
      series: [{ name: k, values: cats.map((c) => v(c[k])), color: k === 'recall' ? '#d62728' : '#1f77b4' }],
    });
  }
  const delays = r.perCategory.flatMap((c) => c.delays);
  if (delays.length) {
    // Far-off delays share the end bins, so one outlier does not make hundreds of groups.
    const min = Math.min(...delays), max = Math.max(...delays);
    const lo = Math.max(-10, Math.min(0, min)), hi = Math.max(lo, Math.min(20, max));
    const values = Array.from({ length: hi - lo + 1 }, () => 0);
    for (const d of delays) values[Math.min(hi, Math.max(lo, d)) - lo]!++;
    const groups = values.map((_, i) => (lo + i === lo && min < lo ? `≤${lo}` : lo + i === hi && max > hi ? `≥${hi}` : String(lo + i)));
    out.delays = barChart({ title: 'Detection delay (messages after the evident point)', xLabel: 'delay', yLabel: 'detections', groups,
      series: [{ name: 'detections', values, color: '#9467bd' }] });
  }
  if (r.benign) {
    out.benign = barChart({ title: 'Benign conversations', xLabel: 'outcome', yLabel: 'conversations',
      groups: ['nothing raised', 'flags only', 'hold/block/escalation'],
      series: [{ name: 'benign', values: [r.benign - r.benignHard.count - r.benignSoft.count, r.benignSoft.count, r.benignHard.count], color: '#7f7f7f' }] });
  }
  return out;
}

function confusionTable(r: EvalResult): string {
  const { rows, columns, counts } = r.confusion;
  return table(['labelled \\ raised', ...columns], rows.map((row, i) => [row, ...columns.map((col, j) => {
    const n = counts[i]![j]!;
    const right = row === col || (row === BENIGN && col === NOTHING);
    const cls = n === 0 ? undefined : right ? 'good' : 'bad';
    return { html: n ? `<b>${n}</b>` : '·', cls };
  })]));
}

/** Writes `report.html`, `summary.json` and `charts/*.svg` into `dir`; returns their paths. */
export function writeEvalReport(dir: string, r: EvalResult, meta: EvalMeta): string[] {
  // Reports quote chat text (message in context, evidence): owner-only, as the audit store.
  ensurePrivateDir(dir);
  ensurePrivateDir(join(dir, 'charts'));
  const svgs = charts(r);
  const files = Object.entries(svgs).map(([name, svg]) => {
    writePrivateFile(join(dir, 'charts', `${name}.svg`), svg);
    return join(dir, 'charts', `${name}.svg`);
  });
  const source = meta.verdictsFile ? `verdicts from ${meta.verdictsFile}` : 'verdicts from the engine';
  const sections: Section[] = [
    { title: 'Summary', html: table(['', 'value'], [
      ['messages / labels', `${meta.messagesFile} / ${meta.labelsFile}`], ['verdicts', source],
      ['versions', Object.entries(meta.versions).map(([k, v]) => `${k}: ${v}`).join('; ')],
      ['labelled conversations (benign)', `${r.conversations} (${r.benign})`], ['messages scored', r.messages],
      ['messages without a verdict', r.missingVerdicts],
      ['micro recall', ci(r.microRecall)], ['macro recall', ci(r.macroRecall)], ['any-category recall', r.anyCategoryRecall],
      ['benign with hold/block/escalation (hard)', { html: `${r.benignHard.count} · ${ci(r.benignHard.rate).html}` }],
      ['benign with flags only (soft)', { html: `${r.benignSoft.count} · ${ci(r.benignSoft.rate).html}` }],
      ['P0 escalations on benign conversations',
        { html: `${r.benignP0.escalations} (${r.benignP0.conversations} conversations)`, cls: r.benignP0.escalations ? 'bad' : 'good' }],
      ['intervals', `${r.bootstrap.level * 100}% percentile bootstrap over conversations, ${r.bootstrap.resamples} resamples, seed ${r.bootstrap.seed}`],
      ...meta.warnings.map((w) => ['warning', { html: esc(w), cls: 'bad' }]),
    ]) },
    { title: 'Per category', html: table(['category', 'labelled', 'raised', 'detected', 'precision (95% CI)', 'recall (95% CI)', 'F1 (95% CI)',
      'median delay', 'p90 delay', 'delay > 2', 'raised in other positives'], r.perCategory.map((c) => [c.category, c.positives, c.raised, c.detected,
      ci(c.precision), ci(c.recall), ci(c.f1), c.medianDelay, c.p90Delay, c.lateOver2, c.spurious]))
      + `<p class="ctx">A category is raised in a conversation when a verdict lists it and acts (action other than allow) or escalates; precision =
conversations labelled with it among those where it was raised; delay = position of the first raising message − position of the labelled
evident message (negative: before it); median = element ⌊n/2⌋ of the sorted delays, as eval/score.mjs.</p>`
      + `<div class="charts">${Object.values(svgs).join('')}</div>` },
    { title: 'Confusions (conversations labelled with the row, in which the column was raised)', html: confusionTable(r) },
    { title: `Misses (${r.misses.length} conversations)`, html: listing(r.misses, (m) => `<b>${esc(m.conversationId)}</b> `
      + `labelled ${esc(m.labelled.join(', '))}; `
      + `<span class="bad">missed ${esc(m.missed.join(', '))}</span>; raised ${esc(m.raised.join(', ') || 'nothing')}`) },
    { title: `False alarms (${r.falseAlarms.length} conversations)`, html: listing(r.falseAlarms, (a) => `<b>${esc(a.conversationId)}</b> `
      + `${a.labelled.length ? `labelled ${esc(a.labelled.join(', '))}` : 'benign'}; <span class="${a.severity === 'hard' ? 'bad' : ''}">${a.severity}</span>`
      + `${a.categories.length ? `; raised without label: ${esc(a.categories.join(', '))}` : ''}`) },
  ];
  const html = htmlPage('vigie eval', `${source}; generated ${meta.generatedAt}`, sections);
  writePrivateFile(join(dir, 'report.html'), html);
  writePrivateFile(join(dir, 'summary.json'), JSON.stringify(evalSummary(r, meta), null, 2) + '\n');
  return [...files, join(dir, 'report.html'), join(dir, 'summary.json')];
}
