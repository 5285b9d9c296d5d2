/**
 * Replay against a real broker: a scripted stream goes through the classifier worker (child
 * process) with model A; `vigie replay` (child process) re-runs the range with model B (same ONNX,
 * other thresholds). The changed decisions must be exactly those an independent offline diff of
 * engine A and engine B gives (one state per input partition, as the worker keeps), and the
 * production topics and the worker group's offsets must be untouched.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import type { ChatMessage, Verdict } from '../../services/contracts/types.js';
import { createEngine, createState } from '../../services/engine/engine.js';
import { REPO_ROOT } from '../../services/engine/engine-options.js';
import { openReport } from './browser.js';
import { codecs, httpGet, metricSum, plainProducer, produceMessages, setup, startWorker, stopWorker, waitReady, type WorkerSetup } from '../worker/harness.js';

const MAIN = join(REPO_ROOT, 'dist/services/cli/main.js');

/** The decision as an independent string: what replay must call "changed". */
const decision = (v: Pick<Verdict, 'action' | 'escalation' | 'enforcement' | 'categories'>): string =>
  [v.action, v.escalation?.priority ?? '-', v.enforcement?.action ?? '-', v.categories.map((c) => c.category).sort().join('+')].join('|');

async function offline(modelDir: string, byPartition: Map<number, ChatMessage[]>): Promise<Map<string, Verdict>> {
  const engine = await createEngine({ modelDir });
  const out = new Map<string, Verdict>();
  try {
    for (const msgs of byPartition.values()) {
      const state = createState();
      for (let i = 0; i < msgs.length; i += 50) for (const v of await engine.classifyBatch(msgs.slice(i, i + 50), state)) out.set(v.messageId, v);
    }
  } finally {
    await engine.close();
  }
  return out;
}

describe('vigie replay (worker child process, real broker)', () => {
  let s: WorkerSetup;
  let dir: string;
  before(async () => {
    s = await setup('t-replay', 3);
    dir = mkdtempSync(join(tmpdir(), 'vigie-replay-'));
  });
  after(async () => {
    await s.ctx.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports exactly the decisions model B changes, writes nothing to production topics, commits no offsets', async () => {
    const modelA = join(dir, 'model-a'), modelB = join(dir, 'model-b');
    cpSync(join(REPO_ROOT, 'models/vigie-fasttext-v1'), modelA, { recursive: true });
    cpSync(join(REPO_ROOT, 'models/vigie-fasttext-v1'), modelB, { recursive: true });
    // Model B: the same ONNX file with every threshold at 0.99 (the model then adds little beyond the rules).
    const manifest = JSON.parse(readFileSync(join(modelB, 'manifest.json'), 'utf8')) as { version: string; labels: string[]; thresholds: Record<string, number> };
    manifest.version = `${manifest.version}-b`;
    for (const l of manifest.labels) manifest.thresholds[l] = 0.99;
    writeFileSync(join(modelB, 'manifest.json'), JSON.stringify(manifest, null, 2));

    const convs = [...generateConversations({ count: 80, seed: 7, idPrefix: 'rp' })];
    const stream = [...interleave(convs)].map((x) => x.message);
    const producer = await plainProducer(s);
    await produceMessages(producer, s.topics.input, stream, 'avro');
    const w = startWorker(s, 'replay', { VIGIE_MODEL_DIR: modelA });
    const port = await waitReady(w);
    const deadline = Date.now() + 120_000;
    while (metricSum((await httpGet(port, '/metrics')).body, 'vigie_classifier_consumed_total') < stream.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
    assert.equal(await stopWorker(w), 0, `worker log ${w.logFile}`);

    // Independent expectation: engine A and engine B offline, per input partition in offset order.
    const input = await s.ctx.readAll(s.topics.input);
    const byPartition = new Map<number, ChatMessage[]>();
    for (const r of input) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), codecs.ChatMessage.decodeAvro(r.value!)]);
    const a = await offline(modelA, byPartition), b = await offline(modelB, byPartition);
    const expected = [...a.keys()].filter((id) => decision(a.get(id)!) !== decision(b.get(id)!)).sort();
    assert.ok(expected.length > 0 && expected.length < stream.length, `model B must change some decisions, not all (changed ${expected.length} of ${stream.length})`);
    // The worker itself decided as engine A (else the comparison below would test the wrong thing).
    const recorded = (await s.ctx.readAll(s.topics.verdicts)).map((r) => codecs.Verdict.decodeAvro(r.value!));
    assert.equal(recorded.length, stream.length);
    for (const v of recorded) assert.equal(decision(v), decision(a.get(v.messageId)!), v.messageId);

    const production = [s.topics.input, s.topics.verdicts, s.topics.actions, s.topics.escalations, s.topics.audit, s.topics.dlq];
    const snapshot = async () => Promise.all(production.map(async (t) => ({
      t, ends: JSON.stringify([...(await s.ctx.endOffsets(t))].map(([p, o]) => [p, String(o)])),
      content: (await s.ctx.readAll(t, { readCommitted: false })).map((r) => `${r.partition}/${r.offset}/${r.key ?? ''}/${r.value?.toString('hex')}`).join('\n'),
    })));
    const before_ = await snapshot();
    const groupOffsets = async () => JSON.stringify([...(await s.ctx.committedOffsets(s.group, s.topics.input))]);
    const offsetsBefore = await groupOffsets();

    const sandbox = await s.ctx.topic('t-replay-sandbox', 1);
    const env = { ...process.env, KAFKA_BROKERS: s.brokers.join(','), VIGIE_TOPIC_MESSAGES: s.topics.input, VIGIE_TOPIC_VERDICTS: s.topics.verdicts,
      VIGIE_TOPIC_ACTIONS: s.topics.actions, VIGIE_TOPIC_ESCALATIONS: s.topics.escalations, VIGIE_TOPIC_AUDIT: s.topics.audit, VIGIE_TOPIC_DLQ: s.topics.dlq };
    const run = (args: string[]) => spawnSync(process.execPath, [MAIN, 'replay', ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });

    // A production topic as sandbox is refused before anything is read.
    for (const t of [s.topics.actions, 'chat.verdicts']) {
      const refused = run(['--from', 'earliest', '--model', modelB, '--report', join(dir, 'refused'), '--sandbox-topic', t]);
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /production topics/);
    }

    const report = join(dir, 'report');
    const r = run(['--from', 'earliest', '--to', 'latest', '--model', modelB, '--report', report, '--sandbox-topic', sandbox]);
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as {
      counts: { compared: number; changed: number; withoutRecordedVerdict: number; sandboxWritten: number };
      changed: { messageId: string; before: { action: string; escalation: string | null; categories: string[]; reasons?: string[] }; after: { action: string; categories: string[] } }[];
      throughputMsgsPerSec: number; consumerGroupsDeleted: boolean; actions: { before: Record<string, number>; after: Record<string, number> };
    };
    assert.equal(summary.counts.compared, stream.length);
    assert.equal(summary.counts.withoutRecordedVerdict, 0);
    assert.equal(summary.counts.changed, expected.length);
    assert.deepEqual(summary.changed.map((c) => c.messageId).sort(), expected);
    for (const c of summary.changed) {
      assert.equal(c.before.action, a.get(c.messageId)!.action);
      assert.equal(c.after.action, b.get(c.messageId)!.action);
      assert.deepEqual(c.before.reasons, a.get(c.messageId)!.reasons);
    }
    const count = (m: Map<string, Verdict>, act: string) => [...m.values()].filter((v) => v.action === act).length;
    for (const act of ['allow', 'flag', 'hold', 'block']) {
      assert.equal(summary.actions.before[act], count(a, act), `before ${act}`);
      assert.equal(summary.actions.after[act], count(b, act), `after ${act}`);
    }
    assert.equal(summary.consumerGroupsDeleted, true);
    const page = await openReport(join(report, 'report.html'), 'replay-report.png', dir, 'svg.chart >> nth=0');
    assert.deepEqual(page.errors, []);
    assert.equal(page.charts.length, 5);
    for (const c of page.charts) assert.ok(c.points > 0 || c.bars > 0, `chart "${c.title}" has no data`);
    const html = readFileSync(join(report, 'report.html'), 'utf8');
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/.test(html), 'no scripts, no external resources');
    for (const id of expected) assert.ok(html.includes(id), `changed decision ${id} shown`);
    process.stderr.write(`replay scenario: ${stream.length} messages, ${expected.length} changed decisions, ${summary.throughputMsgsPerSec} msg/s\n`);

    // The sandbox got B's verdicts; production topics and the worker's group are as they were.
    const sandboxed = (await s.ctx.readAll(sandbox)).map((x) => codecs.Verdict.decodeAvro(x.value!));
    assert.equal(sandboxed.length, stream.length);
    for (const v of sandboxed) assert.equal(decision(v), decision(b.get(v.messageId)!));
    const after_ = await snapshot();
    for (let i = 0; i < production.length; i++) assert.deepEqual(after_[i], before_[i], `topic ${production[i]} changed`);
    assert.equal(await groupOffsets(), offsetsBefore);
    const groups = [...(await s.ctx.admin.listGroups()).keys()];
    assert.deepEqual(groups.filter((g) => g.startsWith('vigie-replay')), [], 'throwaway groups deleted');
  });
});
