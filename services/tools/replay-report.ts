/**
 * Renders a ReplayResult: report.html (self-contained: tables + inline SVG), summary.json (all
 * aggregates and the kept changed decisions), charts/*.svg.
 */
import { join } from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../common/private-files.js';
import { CATEGORIES } from '../contracts/taxonomy.js';
import { ACTIONS } from '../contracts/verdict-decision.js';
import { ENFORCEMENT_NAMES } from './replay-aggregates.js';
import { htmlPage, table } from './html-page.js';
import type { ReplayResult } from './replay.js';
import { barChart, binLabels, esc, lineChart, PALETTE } from './svg-charts.js';

export function replaySummary(r: ReplayResult, meta: Record<string, unknown>): Record<string, unknown> {
  const a = r.aggregates;
  return {
    ...meta, versions: r.versions, recordedVersions: r.recordedVersions, ranges: r.ranges,
    counts: {
      inputRead: r.inputRead,
      undecodable: r.undecodable,
      warmup: a.warmup,
      compared: a.compared,
      withoutRecordedVerdict: a.unmatched,
      changed: a.changedTotal,
      changedKept: a.changed.length,
      recordedIndexed: r.recordedIndexed,
      sandboxWritten: r.sandboxWritten
    },
    actions: a.actions, categories: a.categories, escalations: a.escalations, changeKinds: a.changeKinds, transitions: Object.fromEntries(a.transitions),
    scoreHistogram: a.scores, timelineBucketMs: a.bucketMs, timeline: a.timeline(),
    seconds: r.seconds, throughputMsgsPerSec: Math.round(r.throughput), consumerGroupsDeleted: r.groupsDeleted,
    changed: a.changed,
  };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export function writeReplayReport(dir: string, r: ReplayResult, meta: { title: string; generatedAt: string; beforeLabel?: string; afterLabel?: string } & Record<string, unknown>): string[] {
  // Reports quote chat text (message in context, evidence): owner-only, as the audit store.
  ensurePrivateDir(dir);
  ensurePrivateDir(join(dir, 'charts'));
  const a = r.aggregates;
  const B = meta.beforeLabel ?? 'recorded', A = meta.afterLabel ?? 'replayed';
  const tl = a.timeline();
  const charts: Record<string, string> = {
    actions: barChart({ title: 'Verdicts per action', xLabel: 'action', yLabel: 'messages', groups: [...ACTIONS],
      series: [{ name: B, values: ACTIONS.map((x) => a.actions.before[x]!), color: '#7f7f7f' }, { name: A, values: ACTIONS.map((x) => a.actions.after[x]!), color: '#d62728' }] }),
    categories: barChart({ title: 'Verdicts asserting each category', xLabel: 'category', yLabel: 'messages', groups: [...CATEGORIES], width: 640,
      series: [{ name: B, values: CATEGORIES.map((x) => a.categories.before[x]!), color: '#7f7f7f' }, { name: A, values: CATEGORIES.map((x) => a.categories.after[x]!), color: '#d62728' }] }),
    'actions-over-time': lineChart({ title: `Actions over time (bucket ${Math.round(a.bucketMs / 60000)} min)`, xLabel: 'message time (UTC)', yLabel: 'messages', width: 640,
      xTick: (x) => iso(x).slice(5, 16).replace('T', ' '),
      series: (['flag', 'hold', 'block'] as const).flatMap((act, i) => [
        { name: `${act} (${B})`, points: tl.map((b) => [b.at, b.actions.before[act]!] as [number, number]), color: PALETTE[i]!, dashed: true },
        { name: `${act} (${A})`, points: tl.map((b) => [b.at, b.actions.after[act]!] as [number, number]), color: PALETTE[i]! },
      ]) }),
    'categories-over-time': lineChart({ title: 'Categories over time', xLabel: 'message time (UTC)', yLabel: 'messages asserting', width: 640,
      xTick: (x) => iso(x).slice(5, 16).replace('T', ' '),
      series: [
        { name: `all (${B})`, points: tl.map((b) => [b.at, CATEGORIES.reduce((s, c) => s + b.categories.before[c]!, 0)] as [number, number]), color: '#7f7f7f', dashed: true },
        { name: `all (${A})`, points: tl.map((b) => [b.at, CATEGORIES.reduce((s, c) => s + b.categories.after[c]!, 0)] as [number, number]), color: '#000' },
        ...CATEGORIES.filter((c) => a.categories.after[c]! + a.categories.before[c]! > 0).map((c, i) => ({
          name: `${c} (${A})`,
          points: tl.map((b) => [b.at, b.categories.after[c]!] as [number, number]),
          color: PALETTE[(i + 1) % PALETTE.length]!
        })),
      ] }),
    scores: barChart({ title: 'Highest category score per message', xLabel: 'score', yLabel: 'messages', groups: binLabels(32), width: 640,
      series: [{ name: B, values: a.scores.before, color: '#7f7f7f' }, { name: A, values: a.scores.after, color: '#d62728' }] }),
  };
  for (const [k, svg] of Object.entries(charts)) writePrivateFile(join(dir, 'charts', `${k}.svg`), svg);
  const delta = (x: number, y: number): { html: string; cls?: string } => ({ html: y === x ? '0' : `${y > x ? '+' : ''}${y - x}`, cls: y === x ? undefined : y > x ? 'bad' : 'good' });
  const changedRows = a.changed.map((c) => [
    {
      html: `<div class="ctx">${c.context.map((m) => `${esc(iso(m.sentAt))} <b>${esc(m.senderId)}</b>: ${esc(m.text)}`).join('<br>')}</div>`
        + `<div class="msg">${esc(iso(c.sentAt))} ${esc(c.senderId)}: ${esc(c.text.length > 500 ? `${c.text.slice(0, 500)}…` : c.text)}</div>`,
    },
    { html: `${esc(c.messageId)}<br><span class="ctx">${esc(c.conversationId)} · p${c.partition}@${esc(c.offset)}</span>` },
    c.changes.join('; '),
    { html: `<b>${esc(c.before.action)}</b> ${esc(c.before.escalation ?? '')} ${c.before.enforcement ? `<i>${esc(c.before.enforcement)}</i> ` : ''}${esc(c.before.categories.join(', '))}<pre class="ctx">${esc((c.before.reasons ?? []).join('\n'))}</pre>` },
    { html: `<b>${esc(c.after.action)}</b> ${esc(c.after.escalation ?? '')} ${c.after.enforcement ? `<i>${esc(c.after.enforcement)}</i> ` : ''}${esc(c.after.categories.join(', '))}<pre class="ctx">${esc(c.after.reasons.join('\n'))}</pre>` },
  ]);
  const sections = [
    { title: 'Summary', html: table(['', 'value'], [
      ['range (per partition: warm-up start / start / end)', r.ranges.map((p) => `p${p.partition}: ${p.warmStart}/${p.start}/${p.end}`).join('  ')],
      ['first / last message time', a.compared ? `${iso(a.firstSentAt)} / ${iso(a.lastSentAt)}` : '–'],
      [`${A} versions (model / rules / policy)`, `${r.versions.model} / ${r.versions.rules} / ${r.versions.policy}`],
      [`${B} versions`, Object.entries(r.recordedVersions).map(([k, n]) => `${k} (${n})`).join('; ') || '–'],
      ['messages read (incl. warm-up)', r.inputRead], ['warm-up (context only)', a.warmup], ['undecodable input', r.undecodable],
      ['compared', a.compared], [`without a ${B} verdict`, a.unmatched], ['changed decisions', a.changedTotal], ['changed decisions shown', a.changed.length],
      ['changes by kind (a decision can change in several)', Object.entries(a.changeKinds).map(([k, n]) => `${k} ${n}`).join(', ')],
      ['escalations', `${a.escalations.before} → ${a.escalations.after}`],
      ['throughput', `${Math.round(r.throughput)} msg/s (${r.seconds.total.toFixed(1)} s in all)`],
    ]) },
    { title: 'Actions and categories', html: table(['action', B, A, 'Δ'], ACTIONS.map((x) => [x, a.actions.before[x]!, a.actions.after[x]!, delta(a.actions.before[x]!, a.actions.after[x]!)]))
      + table(['category', B, A, 'Δ'], CATEGORIES.map((x) => [x, a.categories.before[x]!, a.categories.after[x]!, delta(a.categories.before[x]!, a.categories.after[x]!)]))
      + table(['enforcement', B, A, 'Δ'], ENFORCEMENT_NAMES.map((x) => [x, a.enforcements.before[x]!, a.enforcements.after[x]!, delta(a.enforcements.before[x]!, a.enforcements.after[x]!)]))
      + table(['transition', 'messages'], [...a.transitions].sort((x, y) => y[1] - x[1]).map(([t, n]) => [t, n]))
      + `<div class="charts">${charts.actions}${charts.categories}</div>` },
    { title: 'Over time and score distributions', html: `<div class="charts">${charts['actions-over-time']}${charts['categories-over-time']}${charts.scores}</div>` },
    {
      title: `Changed decisions (${a.changed.length} of ${a.changedTotal} shown)`,
      html: changedRows.length ? table(['message in context', 'ids', 'change', B, A], changedRows) : '<p>No decision changed.</p>'
    },
  ];
  writePrivateFile(join(dir, 'report.html'), htmlPage(meta.title, `generated ${meta.generatedAt}`, sections));
  writePrivateFile(join(dir, 'summary.json'), JSON.stringify(replaySummary(r, meta), null, 2) + '\n');
  return [join(dir, 'report.html'), join(dir, 'summary.json'), ...Object.keys(charts).map((k) => join(dir, 'charts', `${k}.svg`))];
}
