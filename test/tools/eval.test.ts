/**
 * `vigie eval` on the dev set (eval/dev) with the shipped model, rules and policy, as child processes:
 * its per-category recall, delays, benign rates and misses equal what the dev-set scorer eval/score.mjs
 * prints for the verdicts of `vigie classify`; scoring those verdicts with --verdicts gives the same
 * figures as letting eval run the engine; the HTML report opens in headless Chromium without errors
 * and its charts have data. Then the errors and warnings a user with broken files sees.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../services/engine/engine-options.js';
import { openReport } from './browser.js';

// Relative to the repository (the processes run there), as a user would type them and the report shows them.
const MESSAGES = 'eval/dev/messages.jsonl', LABELS = 'eval/dev/labels.jsonl';
const MAIN = join(REPO_ROOT, 'dist/services/cli/main.js');
const run = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20, cwd: REPO_ROOT });
const vigie = (args: string[]) => run([MAIN, ...args]);

interface Est { value: number | null; ci95: [number, number] | null }
interface Summary {
  conversations: number; messages: number; missingVerdicts: number; benign: number;
  microRecall: Est; macroRecall: Est; anyCategoryRecall: number | null;
  benignHard: { count: number; rate: Est }; benignSoft: { count: number; rate: Est }; benignP0: { escalations: number; conversations: number };
  perCategory: {
    category: string; positives: number; detected: number; recall: Est; precision: Est; f1: Est;
    delays: number[]; medianDelay: number | null; p90Delay: number | null; spurious: number; lateOver2: number;
  }[];
  misses: { conversationId: string; missed: string[]; messages: { text: string; verdict: { action: string } | null }[] }[];
  falseAlarms: { conversationId: string; labelled: string[]; severity: string }[];
  confusion: { rows: string[]; columns: string[]; counts: number[][] };
  versions: Record<string, string>;
}
interface Scored {
  conversations: number; messages: number; missingVerdicts: number; microRecall: number; anyCategoryRecall: number;
  benignHardFalseAlarmRate: number; benignSoftFlagRate: number;
  perCategory: { category: string; positives: number; recall: number; medianDelay: number | null; lateOver2: number; spurious: number }[];
  misses: string[]; falseAlarms: string[];
}
const figures = (s: Summary): unknown => ({ ...s, versions: undefined, generatedAt: undefined, verdictsFile: undefined });

describe('vigie eval on the dev set', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'vigie-eval-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('agrees with eval/score.mjs on the verdicts of vigie classify; its report opens in Chromium with data in every chart', async () => {
    const verdicts = join(dir, 'verdicts.jsonl');
    const c = vigie(['classify', '--in', MESSAGES, '--out', verdicts]);
    assert.equal(c.status, 0, c.stderr);
    const s = run(['eval/score.mjs', MESSAGES, LABELS, verdicts, '--json']);
    assert.equal(s.status, 0, s.stderr);
    const scored = JSON.parse(s.stdout) as Scored;

    const e = vigie(['eval', '--messages', MESSAGES, '--labels', LABELS, '--report', join(dir, 'report'), '--json']);
    assert.equal(e.status, 0, e.stderr);
    assert.equal(e.stdout.trim().split('\n').length, 1, 'one JSON object on one line');
    const got = JSON.parse(e.stdout) as Summary;
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'report/summary.json'), 'utf8')), got);
    assert.match(e.stderr, /eval: classifying 271 messages/);

    assert.deepEqual([got.conversations, got.messages, got.missingVerdicts], [scored.conversations, scored.messages, scored.missingVerdicts]);
    assert.equal(got.microRecall.value, scored.microRecall);
    assert.equal(got.anyCategoryRecall, scored.anyCategoryRecall);
    assert.equal(got.benignHard.rate.value, scored.benignHardFalseAlarmRate);
    assert.equal(got.benignSoft.rate.value, scored.benignSoftFlagRate);
    for (const row of scored.perCategory) {
      const mine = got.perCategory.find((x) => x.category === row.category);
      assert.ok(mine, row.category);
      const pick = (x: { positives: number; medianDelay: number | null; lateOver2: number; spurious: number }, recall: number | null) =>
        ({ positives: x.positives, recall: recall ?? 0, medianDelay: x.medianDelay, lateOver2: x.lateOver2, spurious: x.spurious });
      assert.deepEqual(pick(mine, mine.recall.value), pick(row, row.recall), row.category);
    }
    const labelled = (rows: { category: string; positives: number }[]): string[] => rows.filter((x) => x.positives > 0).map((x) => x.category);
    assert.deepEqual(labelled(got.perCategory), labelled(scored.perCategory));
    assert.deepEqual(got.misses.flatMap((m) => m.missed.map((cat) => `${m.conversationId}:${cat}`)).sort(), [...scored.misses].sort());
    assert.deepEqual(got.falseAlarms.filter((a) => !a.labelled.length && a.severity === 'hard').map((a) => a.conversationId), scored.falseAlarms);
    assert.ok(got.misses.every((m) => m.messages.every((x) => x.text && x.verdict)), 'misses carry their messages and verdicts');
    // The dev set may have no miss left: label a benign conversation as weapons trafficking so there is one to list.
    const labelRows = readFileSync(LABELS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { conversationId: string; categories: string[]; evidentAt: Record<string, string> });
    const planted = labelRows.find((r) => r.categories.length === 0)!;
    const firstId = readFileSync(MESSAGES, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { messageId: string; conversationId: string })
      .find((m) => m.conversationId === planted.conversationId)!.messageId;
    const plantedLabels = join(dir, 'labels-planted.jsonl');
    writeFileSync(plantedLabels, labelRows.map((r) => JSON.stringify(r === planted ? { ...r, categories: ['weapons_trafficking'], evidentAt: { weapons_trafficking: firstId } } : r)).join('\n') + '\n');
    const pl = vigie(['eval', '--messages', MESSAGES, '--labels', plantedLabels, '--verdicts', verdicts, '--report', join(dir, 'report-planted'), '--json']);
    assert.equal(pl.status, 0, pl.stderr);
    const plantedMiss = (JSON.parse(pl.stdout) as Summary).misses.find((m) => m.conversationId === planted.conversationId);
    assert.ok(plantedMiss && plantedMiss.missed.includes('weapons_trafficking'), 'the planted miss is listed');
    assert.ok(plantedMiss.messages.length > 0 && plantedMiss.messages.every((m) => m.text && m.verdict), 'misses carry their messages and verdicts');
    for (const x of [got.microRecall, ...got.perCategory.map((p) => p.recall)]) {
      assert.ok(x.value !== null && x.ci95 && x.ci95[0] <= x.value && x.value <= x.ci95[1], JSON.stringify(x));
    }
    // The confusion diagonal counts detections.
    got.confusion.rows.forEach((row, i) => {
      const j = got.confusion.columns.indexOf(row);
      if (j >= 0) assert.equal(got.confusion.counts[i]![j], got.perCategory.find((p) => p.category === row)!.detected, row);
    });

    // The same verdicts given with --verdicts: the same figures, intervals included (same seed).
    const v = vigie(['eval', '--messages', MESSAGES, '--labels', LABELS, '--verdicts', verdicts, '--json']);
    assert.equal(v.status, 0, v.stderr);
    assert.deepEqual(figures(JSON.parse(v.stdout) as Summary), figures(got));

    // The terminal table.
    const t = vigie(['eval', '--messages', MESSAGES, '--labels', LABELS, '--verdicts', verdicts]);
    assert.equal(t.status, 0, t.stderr);
    for (const row of scored.perCategory) assert.match(t.stdout, new RegExp(`^${row.category} .* ${(row.recall ?? 0).toFixed(3)} \\[`, 'm'));
    assert.match(t.stdout, new RegExp(`micro recall ${scored.microRecall.toFixed(3)} \\[`));

    const html = readFileSync(join(dir, 'report/report.html'), 'utf8');
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/.test(html), 'no scripts, no external resources');
    for (const m of got.misses) assert.ok(html.includes(`id="conv-${m.conversationId}"`), 'misses listed');
    assert.ok(readFileSync(join(dir, 'report-planted/report.html'), 'utf8').includes(`id="conv-${planted.conversationId}"`), 'the planted miss is listed in the report');
    const page = await openReport(join(dir, 'report/report.html'), 'eval-report.png', dir);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.charts.map((ch) => ch.title),
      ['Recall per category', 'Precision per category', 'Detection delay (messages after the evident point)', 'Benign conversations']);
    for (const ch of page.charts) assert.ok(ch.bars > 0, `chart "${ch.title}" has no data`);
    assert.equal(page.charts[0]!.bars, got.perCategory.filter((p) => p.recall.value).length, 'one bar per category with a recall');
    assert.equal(page.charts[2]!.bars, new Set(got.perCategory.flatMap((p) => p.delays)).size, 'one bar per delay value seen');
  });

  it('reports missing files, bad lines with their line numbers, unmatched conversations, and usage errors', () => {
    const missing = vigie(['eval', '--messages', join(dir, 'nope.jsonl'), '--labels', LABELS, '--model', 'none']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read .*nope\.jsonl/);

    const labelLines = readFileSync(join(REPO_ROOT, LABELS), 'utf8').trim().split('\n');
    const badLabels = join(dir, 'bad-labels.jsonl');
    writeFileSync(badLabels, [labelLines[0], labelLines[1], '{"conversationId": "x", "categories": ["nonsense"]}', '{oops'].join('\n') + '\n');
    const bad = vigie(['eval', '--messages', MESSAGES, '--labels', badLabels, '--model', 'none']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /bad-labels\.jsonl:3: unknown category "nonsense"/);
    assert.match(bad.stderr, /bad-labels\.jsonl:4: not JSON/);

    // Messages of the first three conversations, labels of conversations 2 to 4.
    const msgs = readFileSync(join(REPO_ROOT, MESSAGES), 'utf8').trim().split('\n');
    const ids = [...new Set(msgs.map((l) => (JSON.parse(l) as { conversationId: string }).conversationId))];
    const some = msgs.filter((l) => ids.slice(0, 3).includes((JSON.parse(l) as { conversationId: string }).conversationId));
    writeFileSync(join(dir, 'm3.jsonl'), some.join('\n') + '\n');
    writeFileSync(join(dir, 'l3.jsonl'), labelLines.slice(1, 4).join('\n') + '\n');
    const partial = vigie(['eval', '--messages', join(dir, 'm3.jsonl'), '--labels', join(dir, 'l3.jsonl'), '--model', 'none', '--json']);
    assert.equal(partial.status, 0, partial.stderr);
    const n0 = some.filter((l) => l.includes(`"conversationId": "${ids[0]}"`)).length;
    assert.match(partial.stderr, new RegExp(`warning: 1 conversations \\(${n0} messages\\) have no label and are not scored: ${ids[0]}`));
    assert.match(partial.stderr, new RegExp(`warning: 1 labels name a conversation with no message and are not scored: ${ids[3]}`));
    assert.equal((JSON.parse(partial.stdout) as Summary).conversations, 2);

    const badVerdicts = join(dir, 'bad-verdicts.jsonl');
    writeFileSync(badVerdicts, '\n{"messageId": "m1"}\n');
    const bv = vigie(['eval', '--messages', MESSAGES, '--labels', LABELS, '--verdicts', badVerdicts]);
    assert.equal(bv.status, 1);
    assert.match(bv.stderr, /bad-verdicts\.jsonl:2: /);

    assert.equal(vigie(['eval', '--messages', MESSAGES]).status, 2);
    const both = vigie(['eval', '--messages', MESSAGES, '--labels', LABELS, '--verdicts', badVerdicts, '--model', 'none']);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--model runs the engine: it cannot go with --verdicts/);
    const help = vigie(['eval', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^usage: vigie eval --messages FILE --labels FILE/);
  });
});
