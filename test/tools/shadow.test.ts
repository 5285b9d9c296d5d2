/**
 * Shadow mode in the worker (child process, real broker): model B in shadow beside model A live.
 * Shadow verdicts = engine B offline, live verdicts/actions/escalations = engine A only, agreement
 * metrics count the disagreements, and `vigie replay --compare-shadow` finds exactly them.
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
import { codecs, httpGet, metricSum, plainProducer, produceMessages, setup, startWorker, stopWorker, waitReady, type WorkerSetup } from '../worker/harness.js';

const MAIN = join(REPO_ROOT, 'dist/services/cli/main.js');
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

describe('shadow mode (worker child process, real broker)', () => {
  let s: WorkerSetup;
  let dir: string;
  before(async () => { s = await setup('t-shadow', 2); dir = mkdtempSync(join(tmpdir(), 'vigie-shadow-')); });
  after(async () => { await s.ctx.cleanup(); rmSync(dir, { recursive: true, force: true }); });

  it('shadow verdicts are model B, live outputs model A only; metrics and --compare-shadow agree', async () => {
    const modelB = join(dir, 'model-b');
    cpSync(join(REPO_ROOT, 'models/vigie-fasttext-v1'), modelB, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(modelB, 'manifest.json'), 'utf8')) as { version: string; labels: string[]; thresholds: Record<string, number> };
    manifest.version = `${manifest.version}-shadow`;
    for (const l of manifest.labels) manifest.thresholds[l] = 0.99;
    writeFileSync(join(modelB, 'manifest.json'), JSON.stringify(manifest));
    const shadowTopic = await s.ctx.topic('t-shadow-verdicts', 2);

    const stream = [...interleave([...generateConversations({ count: 60, seed: 11, idPrefix: 'sh' })])].map((x) => x.message);
    await produceMessages(await plainProducer(s), s.topics.input, stream, 'avro');
    const w = startWorker(s, 'shadow', { VIGIE_SHADOW_MODEL_DIR: modelB, VIGIE_TOPIC_VERDICTS_SHADOW: shadowTopic });
    const port = await waitReady(w);
    const deadline = Date.now() + 120_000;
    while (metricSum((await httpGet(port, '/metrics')).body, 'vigie_classifier_consumed_total') < stream.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
    const metrics = (await httpGet(port, '/metrics')).body;
    assert.equal(await stopWorker(w), 0, `worker log ${w.logFile}`);

    const input = await s.ctx.readAll(s.topics.input);
    const byPartition = new Map<number, ChatMessage[]>();
    for (const r of input) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), codecs.ChatMessage.decodeAvro(r.value!)]);
    const a = await offline(join(REPO_ROOT, 'models/vigie-fasttext-v1'), byPartition), b = await offline(modelB, byPartition);
    const expected = [...a.keys()].filter((id) => decision(a.get(id)!) !== decision(b.get(id)!)).sort();
    assert.ok(expected.length > 0, 'model B must disagree somewhere');

    const live = (await s.ctx.readAll(s.topics.verdicts)).map((r) => codecs.Verdict.decodeAvro(r.value!));
    const shadow = (await s.ctx.readAll(shadowTopic)).map((r) => codecs.Verdict.decodeAvro(r.value!));
    assert.equal(live.length, stream.length);
    assert.equal(shadow.length, stream.length);
    for (const v of live) assert.equal(decision(v), decision(a.get(v.messageId)!), `live ${v.messageId}`);
    for (const v of shadow) {
      assert.equal(decision(v), decision(b.get(v.messageId)!), `shadow ${v.messageId}`);
      assert.equal(v.modelVersion.split('+')[0], `vigie-fasttext-v1@${manifest.version}`); // the window model, on by default, follows a '+'
    }
    // Actions and escalations come from the live engine only.
    const actions = (await s.ctx.readAll(s.topics.actions)).map((r) => codecs.ModerationAction.decodeAvro(r.value!));
    for (const x of actions) assert.ok(a.get(x.messageId)!.action !== 'allow' || a.get(x.messageId)!.enforcement, `action for ${x.messageId} not from live`);
    const escalations = (await s.ctx.readAll(s.topics.escalations)).map((r) => codecs.Escalation.decodeAvro(r.value!));
    assert.deepEqual(escalations.map((e) => e.messageId).sort(), [...a.values()].filter((v) => v.escalation).map((v) => v.messageId).sort());
    assert.equal(metricSum(metrics, 'vigie_shadow_decisions_total'), stream.length);
    assert.ok(metrics.includes(`vigie_shadow_decisions_total{outcome="disagree"} ${expected.length}`), 'disagreement count');

    const report = join(dir, 'report');
    const r = spawnSync(process.execPath, [MAIN, 'replay', '--compare-shadow', '--from', 'earliest', '--verdicts-topic', s.topics.verdicts, '--shadow-topic', shadowTopic, '--report', report],
      { env: { ...process.env, KAFKA_BROKERS: s.brokers.join(',') }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as { counts: { compared: number; changed: number }; changed: { messageId: string }[] };
    assert.equal(summary.counts.compared, stream.length);
    assert.deepEqual(summary.changed.map((c) => c.messageId).sort(), expected);
  });
});
