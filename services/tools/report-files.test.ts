/**
 * Review M1 of ops21: the reports of `vigie eval --report`, `vigie tune --report` and `vigie replay --report`
 * quote chat text (misses, false alarms, changed decisions in context): they are written owner-only under a
 * permissive umask, as the audit store they come from (folders 0700, files 0600).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from './eval-metrics.js';
import { writeEvalReport } from './eval-report.js';
import { operatingPoint } from './operating-point.js';
import { ReplayAggregates } from './replay-aggregates.js';
import { writeReplayReport } from './replay-report.js';
import { writeTuneReport } from './tune-report.js';

const mode = (p: string): number => statSync(p).mode & 0o777;

/** Every file and folder under `dir` (itself included), with its mode. */
function modes(dir: string): { path: string; dir: boolean; mode: number }[] {
  const out = [{ path: dir, dir: true, mode: mode(dir) }];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...modes(p));
    else out.push({ path: p, dir: false, mode: mode(p) });
  }
  return out;
}

function assertPrivate(dir: string, what: string): void {
  const all = modes(dir);
  assert.ok(all.filter((x) => !x.dir).length >= 2, `${what}: files written`);
  for (const x of all) assert.equal(x.mode, x.dir ? 0o700 : 0o600, `${what}: ${x.path} is ${x.mode.toString(8)}`);
}

function withUmask022(fn: (dir: string) => void): void {
  const old = process.umask(0o022);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-reports-'));
  try { fn(dir); } finally { process.umask(old); rmSync(dir, { recursive: true, force: true }); }
}

test('eval, tune and replay reports are owner-only (0700 folders, 0600 files) under umask 022', { skip: process.platform === 'win32' }, () => {
  withUmask022((dir) => {
    const evalResult = evaluate({
      messages: [{ messageId: 'm1', conversationId: 'c1', senderId: 'a', text: 'a private chat line' }],
      labels: new Map([['c1', { categories: ['child_grooming'], evidentIndex: {} }]]),
      verdicts: new Map([['m1', { action: 'allow', escalation: null, categories: [] }]]),
    }, { resamples: 10, seed: 1, level: 0.95 });
    const evalDir = join(dir, 'reports', 'eval');
    writeEvalReport(evalDir, evalResult, { messagesFile: 'm.jsonl', labelsFile: 'l.jsonl', verdictsFile: null, versions: {}, warnings: [], generatedAt: 'now' });
    assert.equal(mode(join(dir, 'reports')), 0o700, 'a missing parent folder too');
    assertPrivate(evalDir, 'eval');

    const point = operatingPoint({ messages: [], labels: new Map(), position: new Map(), kind: 'conversation', unmatchedLabels: [] }, []);
    const tuneDir = join(dir, 'tune');
    writeTuneReport(tuneDir, {
      target: { kind: 'precision', value: 0.9 }, modelId: 'm', grid: [0.5], baseline: point, chosen: point,
      sweeps: { child_grooming: [{ threshold: 0.5, precision: 1, recall: 0.5, falseAlarmRate: 0, truePositives: 1, falsePositives: 0 }] },
      suggestions: [{ category: 'child_grooming', current: 0.5, suggested: 0.5, met: true, note: '' }],
      histograms: { child_grooming: { positives: [0.7], negatives: [0.1] } }, messages: 1, engineRuns: 1,
    }, { data: 'd.jsonl', generatedAt: 'now', manifestWritten: null });
    assertPrivate(tuneDir, 'tune');

    // An existing report folder is left as it is (it may be shared); an older world-readable report file loses its "other" bits.
    const replayDir = join(dir, 'replay');
    mkdirSync(replayDir, { mode: 0o755 });
    chmodSync(replayDir, 0o755);
    writeFileSync(join(replayDir, 'report.html'), 'old');
    chmodSync(join(replayDir, 'report.html'), 0o644);
    writeReplayReport(replayDir, {
      aggregates: new ReplayAggregates(), ranges: [], versions: { model: 'm', rules: 'r', policy: 'p' }, recordedVersions: {}, recordedIndexed: 0,
      inputRead: 0, undecodable: 0, sandboxWritten: 0, groupsDeleted: true, seconds: { verdicts: 0, input: 0, reasons: 0, total: 0 }, throughput: 0,
    }, { title: 'replay', generatedAt: 'now' });
    assert.equal(mode(replayDir), 0o755);
    assert.equal(mode(join(replayDir, 'report.html')), 0o640);
    assert.equal(mode(join(replayDir, 'summary.json')), 0o600);
    assertPrivate(join(replayDir, 'charts'), 'replay charts');
  });
});
