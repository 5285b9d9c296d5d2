/**
 * `vigie tune` on the dev set: the operating point it reports for its suggested thresholds is what
 * `vigie classify` gives when re-run with the manifest tune wrote (both as child processes; the
 * classify run uses the real ONNX model, tune uses recorded scores). Also checks the manifest
 * version bump, the saved previous manifest, and the per-category recall against the dev-set scorer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../services/engine/engine-options.js';
import { readConversationSet } from '../../services/tools/labelled-set.js';
import { operatingPoint, type ScoredVerdict } from '../../services/tools/operating-point.js';
import { CATEGORIES } from '../../services/contracts/taxonomy.js';
import { openReport } from './browser.js';

const DEV = join(REPO_ROOT, 'eval/dev');
const MAIN = join(REPO_ROOT, 'dist/services/cli/main.js');
const vigie = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

describe('vigie tune on the dev set', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'vigie-tune-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('writes a manifest whose thresholds reproduce the reported operating point under vigie classify', async () => {
    const model = join(dir, 'model');
    cpSync(join(REPO_ROOT, 'models/vigie-fasttext-v1'), model, { recursive: true });
    const before = JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8')) as { version: string; thresholds: Record<string, number> };
    const t = vigie(['tune', '--data', join(DEV, 'labels.jsonl'), '--messages', join(DEV, 'messages.jsonl'), '--model', model,
      '--max-false-alarm-rate', '0.03', '--grid-step', '0.05', '--report', join(dir, 'report'), '--write']);
    assert.equal(t.status, 0, t.stderr);
    const summary = JSON.parse(readFileSync(join(dir, 'report/summary.json'), 'utf8')) as {
      suggestions: { category: string; current: number; suggested: number }[];
      chosen: { perCategory: Record<string, { precision: number | null; recall: number | null; falseAlarmRate: number | null; truePositives: number; falsePositives: number; delays: number[] }> };
    };
    // The new manifest: bumped version, suggested thresholds, old one saved.
    const after_ = JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8')) as { version: string; thresholds: Record<string, number> };
    assert.notEqual(after_.version, before.version);
    assert.deepEqual(JSON.parse(readFileSync(join(model, `manifest.${before.version}.json`), 'utf8')), before);
    for (const s of summary.suggestions) assert.equal(after_.thresholds[s.category], s.suggested, s.category);
    assert.ok(summary.suggestions.some((s) => s.suggested !== s.current), 'the target must move at least one threshold, or the test proves little');

    // Re-run classify with the written model, score independently of tune's engine runs.
    const out = join(dir, 'verdicts.jsonl');
    const c = vigie(['classify', '--in', join(DEV, 'messages.jsonl'), '--out', out, '--model', model]);
    assert.equal(c.status, 0, c.stderr);
    const verdicts = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ScoredVerdict & { modelVersion: string });
    // The message model is the tuned one; the window model (on by default) keeps its own version after a '+'.
    assert.ok(verdicts.every((v) => v.modelVersion.split('+')[0] === `vigie-fasttext-v1@${after_.version}`), verdicts[0]?.modelVersion);
    const op = operatingPoint(readConversationSet(join(DEV, 'messages.jsonl'), join(DEV, 'labels.jsonl')), verdicts);
    for (const cat of CATEGORIES) {
      const want = summary.chosen.perCategory[cat]!, got = op.perCategory[cat];
      assert.deepEqual({ precision: got.precision, recall: got.recall, falseAlarmRate: got.falseAlarmRate, tp: got.truePositives, fp: got.falsePositives, delays: got.delays },
        { precision: want.precision, recall: want.recall, falseAlarmRate: want.falseAlarmRate, tp: want.truePositives, fp: want.falsePositives, delays: want.delays }, cat);
    }
    // Recall agrees with the dev-set scorer's own definition.
    const s = spawnSync(process.execPath, [join(REPO_ROOT, 'eval/score.mjs'), join(DEV, 'messages.jsonl'), join(DEV, 'labels.jsonl'), out, '--json'], { encoding: 'utf8' });
    assert.equal(s.status, 0, s.stderr);
    const scored = JSON.parse(s.stdout) as { perCategory: { category: string; recall: number; medianDelay: number | null }[] };
    for (const row of scored.perCategory) {
      assert.equal(row.recall, +(summary.chosen.perCategory[row.category]!.recall ?? 0).toFixed(3), `recall of ${row.category}`);
    }
    // The report is a self-contained page with one PR chart and one histogram per category.
    const html = readFileSync(join(dir, 'report/report.html'), 'utf8');
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/.test(html), 'no scripts, no external resources');
    assert.equal((html.match(/<svg /g) ?? []).length, 2 * summary.suggestions.length);

    // It opens in headless Chromium without console errors, with data in every chart.
    const page = await openReport(join(dir, 'report/report.html'), 'tune-report.png', dir);
    assert.deepEqual(page.errors, []);
    assert.equal(page.charts.length, 2 * summary.suggestions.length);
    for (const c of page.charts) assert.ok(c.points > 0 || c.bars > 0, `chart "${c.title}" has no data`);
    assert.ok(page.charts.filter((c) => c.title.includes('precision')).every((c) => c.points >= 5), 'PR curves have one point per swept threshold');
  });
});
