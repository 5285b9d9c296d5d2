/**
 * Replay: re-runs the engine (given model, rules, policy) over a bounded range of the input topic,
 * with context rebuilt from the start of the range (plus an optional warm-up window that feeds
 * context but is not compared), and compares each decision with the verdict recorded for the same
 * message id in the verdicts topic (read_committed). Writes nothing to any Vigie topic; new
 * verdicts go to a sandbox topic only when one is named (and it is not a production topic).
 *
 * Three passes, each a bounded read with a throwaway consumer group (deleted afterwards, never
 * committed to): recorded verdicts → compact index; input range → engine → compare (aggregates and
 * changed decisions up to a cap); recorded verdicts again, only for the kept changed decisions'
 * reasons. Engine state is one per input partition, as in the worker.
 */
import type { Producer } from '@platformatic/kafka';
import type { KafkaClient } from '../kafka/client.js';
import { decodeInput } from '../classifier-worker/decode-input.js';
import type { Codecs, WireFormat } from '../contracts/index.js';
import type { Verdict } from '../contracts/types.js';
import { createState, type Engine, type EngineState } from '../engine/engine.js';
import { packDecision, type DecisionLike } from '../contracts/verdict-decision.js';
import { DecisionIndex } from './decision-index.js';
import { RecentMessages, ReplayAggregates } from './replay-aggregates.js';
import { partitionBounds, resolveSpec, type RangeSpec } from './replay-range.js';
import { readRanges, type ReadRange } from './topic-reader.js';

export interface ReplayOptions {
  topic: string;
  verdictsTopic: string;
  from: RangeSpec;
  to: RangeSpec;
  /** Context-only window before `from` (ms; needs a time `from`). Default 0. */
  warmupMs: number;
  /** Topic for the new verdicts, or null (default) for none. */
  sandboxTopic: string | null;
  /** Changed decisions kept in full (the rest are counted). Default 1000. */
  maxChanged: number;
  /** Earlier messages shown with a changed decision. Default 3. */
  contextMessages: number;
  /** As the worker: characters scored per message (VIGIE_CLASSIFIER_MAX_SCORING_CHARS). Default 20000. */
  maxScoringChars: number;
  inputFormat: WireFormat;
  /** A partition making no progress this long before its end fails the replay. Default 30000. */
  idleTimeoutMs: number;
  /** Vigie's production topic names: reading is fine, the sandbox must not be one of them. */
  productionTopics: string[];
  /** Compare the verdicts topic with this shadow verdicts topic instead of running an engine. Default null. */
  compareShadowTopic: string | null;
}

export function compileReplayOptions(raw: Partial<ReplayOptions> & Pick<ReplayOptions, 'from' | 'to' | 'productionTopics'>): ReplayOptions {
  const o: ReplayOptions = {
    topic: raw.topic ?? 'chat.messages', verdictsTopic: raw.verdictsTopic ?? 'chat.verdicts', from: raw.from, to: raw.to,
    warmupMs: raw.warmupMs ?? 0, sandboxTopic: raw.sandboxTopic ?? null, maxChanged: raw.maxChanged ?? 1000, contextMessages: raw.contextMessages ?? 3,
    maxScoringChars: raw.maxScoringChars ?? 20_000, inputFormat: raw.inputFormat ?? 'auto', idleTimeoutMs: raw.idleTimeoutMs ?? 30_000,
    productionTopics: raw.productionTopics, compareShadowTopic: raw.compareShadowTopic ?? null,
  };
  const p: string[] = [];
  if (o.warmupMs < 0) p.push('warm-up must not be negative');
  const backwards = rangeBackwards(o.from, o.to);
  if (backwards) p.push(`--from is after --to (${backwards}): the range is empty, nothing would be compared`);
  if (o.warmupMs > 0 && o.from.kind !== 'time') p.push('a warm-up window needs --from as a time (it is measured back from it)');
  if (o.sandboxTopic !== null) {
    if (o.productionTopics.includes(o.sandboxTopic) || [o.topic, o.verdictsTopic].includes(o.sandboxTopic)) {
      p.push(`sandbox topic "${o.sandboxTopic}" is one of Vigie's production topics (${[...new Set([o.topic, o.verdictsTopic, ...o.productionTopics])].join(', ')}); name a topic of its own`);
    }
  }
  if (o.compareShadowTopic !== null && (o.sandboxTopic !== null || o.warmupMs > 0)) p.push('--compare-shadow reads recorded verdicts only: no sandbox topic, no warm-up');
  if (!Number.isInteger(o.maxChanged) || o.maxChanged < 0) p.push('max changed decisions must be an integer >= 0');
  if (!Number.isInteger(o.contextMessages) || o.contextMessages < 0 || o.contextMessages > 50) p.push('context messages must be an integer in 0..50');
  if (p.length) throw new Error(p.join('; '));
  return o;
}

/** Why `from` lies after `to`, when both are of a kind that can be compared without the broker; null otherwise. */
export function rangeBackwards(from: RangeSpec, to: RangeSpec): string | null {
  if (from.kind === 'latest' && to.kind !== 'latest') return 'latest is the end of the topic';
  if (to.kind === 'earliest' && from.kind !== 'earliest') return 'earliest is the start of the topic';
  if (from.kind === 'offset' && to.kind === 'offset' && from.offset > to.offset) return `offset ${from.offset} > ${to.offset}`;
  if (from.kind === 'time' && to.kind === 'time' && from.ms > to.ms) return `${new Date(from.ms).toISOString()} > ${new Date(to.ms).toISOString()}`;
  if (from.kind === 'offsets' && to.kind === 'offsets') {
    for (const [partition, f] of from.offsets) {
      const t = to.offsets.get(partition);
      if (t !== undefined && f > t) return `partition ${partition}: offset ${f} > ${t}`;
    }
  }
  return null;
}

export interface PartitionRange { partition: number; warmStart: string; start: string; end: string }

export interface ReplayResult {
  aggregates: ReplayAggregates;
  ranges: PartitionRange[];
  versions: { model: string; rules: string; policy: string };
  recordedVersions: Record<string, number>;
  recordedIndexed: number;
  inputRead: number;
  undecodable: number;
  sandboxWritten: number;
  groupsDeleted: boolean;
  seconds: { verdicts: number; input: number; reasons: number; total: number };
  /** Messages through the engine per second in the input pass (warm-up included). */
  throughput: number;
}

export type Progress = (line: string) => void;

/**
 * `engine` null = compare the recorded verdicts with the shadow verdicts topic (`o.compareShadowTopic`).
 * `signal`: an interruption (the command's SIGINT/SIGTERM) ends the read in progress, whose throwaway group is deleted, and rejects.
 */
export async function replay(kafka: KafkaClient, engine: Engine | null, codecs: Codecs, o: ReplayOptions, progress: Progress = () => {}, signal?: AbortSignal): Promise<ReplayResult> {
  if (!engine && !o.compareShadowTopic) throw new Error('replay needs an engine or a shadow topic to compare');
  const pass2Topic = o.compareShadowTopic ?? o.topic;
  const t0 = Date.now();
  const admin = kafka.admin();
  let inputRanges: Map<number, ReadRange & { from: bigint }>;
  let verdictRanges: Map<number, ReadRange>;
  try {
    const bounds = await partitionBounds(admin, pass2Topic);
    const start = await resolveSpec(admin, pass2Topic, o.from, bounds);
    const end = await resolveSpec(admin, pass2Topic, o.to, bounds);
    const warm = o.warmupMs > 0 && o.from.kind === 'time' ? await resolveSpec(admin, pass2Topic, { kind: 'time', ms: o.from.ms - o.warmupMs }, bounds) : start;
    inputRanges = new Map([...bounds.keys()].map((p) => [p, { start: warm.get(p)!, from: start.get(p)!, end: end.get(p)! }]));
    const vb = await partitionBounds(admin, o.verdictsTopic);
    // A verdict is written after its message: none for the range is older than the range's start time.
    const vstart = o.from.kind === 'time' ? await resolveSpec(admin, o.verdictsTopic, o.from, vb) : new Map([...vb].map(([p, b]) => [p, b.low]));
    verdictRanges = new Map([...vb].map(([p, b]) => [p, { start: vstart.get(p)!, end: b.high }]));
  } finally {
    await admin.close();
  }
  const ranges = [...inputRanges].map(([partition, r]) => ({ partition, warmStart: String(r.start), start: String(r.from), end: String(r.end) }));
  let groupsDeleted = true;

  // Pass 1: recorded verdicts → compact index.
  const index = new DecisionIndex();
  const recordedVersions: Record<string, number> = {};
  let lastTick = Date.now();
  const tick = (line: () => string): void => { if (Date.now() - lastTick > 2000) { lastTick = Date.now(); progress(line()); } };
  const v1 = await readRanges(kafka, o.verdictsTopic, verdictRanges, async (_p, recs) => {
    for (const r of recs) {
      if (!r.value) continue;
      let v: Verdict;
      try { v = codecs.Verdict.decode(r.value, 'auto'); } catch { continue; }
      index.set(v.messageId, packDecision(v));
      const key = `${v.modelVersion} / ${v.rulesVersion} / ${v.policyVersion}`;
      recordedVersions[key] = (recordedVersions[key] ?? 0) + 1;
    }
    tick(() => `replay: indexing recorded verdicts: ${index.size}`);
  }, { groupPrefix: 'vigie-replay-verdicts', idleTimeoutMs: o.idleTimeoutMs, ...(signal ? { signal } : {}) });
  groupsDeleted &&= v1.groupDeleted;
  const t1 = Date.now();
  progress(`replay: ${index.size} recorded verdicts indexed from ${o.verdictsTopic} in ${((t1 - t0) / 1000).toFixed(1)} s (${(index.bytes / 1048576).toFixed(1)} MiB)`);

  // Pass 2: the input range through the engine, one state per partition.
  const agg = new ReplayAggregates(o.maxChanged);
  const recent = new RecentMessages(o.contextMessages);
  const states = new Map<number, EngineState>();
  let inputRead = 0, undecodable = 0, sandboxWritten = 0;
  let producer: Producer | null = null;
  if (o.sandboxTopic) {
    producer = kafka.producer();
  }
  try {
    if (!engine) {
      const v2s = await readRanges(kafka, pass2Topic, inputRanges, async (partition, recs) => {
        for (const r of recs) {
          inputRead++;
          let v: Verdict;
          try { v = codecs.Verdict.decode(r.value!, 'auto'); } catch { undecodable++; continue; }
          const before = index.get(v.messageId);
          if (before === undefined) { agg.unmatched++; continue; }
          if (!agg.add(before, packDecision(v), v.sentAt)) continue;
          agg.keep({
            messageId: v.messageId, conversationId: v.conversationId, partition, offset: r.offset, sentAt: v.sentAt, senderId: v.senderId, text: '', context: [],
            changes: [], before: { action: '', escalation: null, enforcement: null, categories: [] },
            after: decisionSide(v),
          });
        }
        tick(() => `replay: ${inputRead} shadow verdicts read, ${agg.compared} compared, ${agg.changedTotal} differ`);
      }, { groupPrefix: 'vigie-replay-shadow', idleTimeoutMs: o.idleTimeoutMs, ...(signal ? { signal } : {}) });
      groupsDeleted &&= v2s.groupDeleted;
    } else {
      const v2 = await readRanges(kafka, o.topic, inputRanges, async (partition, recs) => {
        const from = inputRanges.get(partition)!.from;
        const good: { offset: string; compare: boolean; m: ReturnType<typeof okMessage> }[] = [];
        for (const r of recs) {
          inputRead++;
          const decoded = decodeInput(r.value, codecs, o.inputFormat, o.maxScoringChars);
          if (decoded.kind !== 'ok') { undecodable++; continue; }
          good.push({ offset: r.offset, compare: BigInt(r.offset) >= from, m: okMessage(decoded) });
        }
        if (!good.length) return;
        let state = states.get(partition);
        if (!state) { state = createState(); states.set(partition, state); }
        const verdicts = await engine.classifyBatch(good.map((g) => g.m.message), state);
        const sandbox: { topic: string; key: Buffer; value: Buffer }[] = [];
        verdicts.forEach((v, i) => {
          const scored = good[i]!;
          const message = scored.m.message;
          const ctx = recent.push(message.conversationId, { messageId: message.messageId, senderId: message.senderId, sentAt: message.sentAt, text: scored.m.fullText });
          if (!scored.compare) { agg.warmup++; return; }
          const { context: _context, ...plain } = v;
          if (producer) sandbox.push({ topic: o.sandboxTopic!, key: Buffer.from(message.conversationId), value: codecs.Verdict.encodeAvro({ ...plain, textTruncated: plain.textTruncated || scored.m.textTruncated,
            textRepaired: plain.textRepaired || scored.m.textRepaired }) });
          const before = index.get(message.messageId);
          if (before === undefined) { agg.unmatched++; return; }
          const after = packDecision(v as DecisionLike);
          if (!agg.add(before, after, message.sentAt)) return;
          agg.keep({
            messageId: message.messageId, conversationId: message.conversationId, partition, offset: scored.offset, sentAt: message.sentAt,
            senderId: message.senderId, text: scored.m.fullText, context: ctx,
            changes: [], before: { action: '', escalation: null, enforcement: null, categories: [] },
            after: decisionSide(v),
          });
        });
        if (producer && sandbox.length) { await producer.send({ messages: sandbox }); sandboxWritten += sandbox.length; }
        tick(() => `replay: ${inputRead} messages read, ${agg.compared} compared, ${agg.changedTotal} changed, ${Math.round(inputRead / Math.max(0.001, (Date.now() - t1) / 1000))} msg/s`);
      }, { groupPrefix: 'vigie-replay-input', idleTimeoutMs: o.idleTimeoutMs, ...(signal ? { signal } : {}) });
      groupsDeleted &&= v2.groupDeleted;
    }
  } finally {
    await producer?.close();
  }
  const t2 = Date.now();
  const counts = `${agg.compared} compared, ${agg.changedTotal} changed, ${agg.unmatched} without a recorded verdict, ${agg.warmup} warm-up`;
  progress(`replay: ${inputRead} messages replayed in ${((t2 - t1) / 1000).toFixed(1)} s: ${counts}`);

  // Pass 3: the recorded side of the kept changed decisions (reasons, versions).
  const wanted = new Map(agg.changed.map((c) => [c.messageId, c]));
  if (wanted.size) {
    const v3 = await readRanges(kafka, o.verdictsTopic, verdictRanges, async (_p, recs) => {
      for (const r of recs) {
        if (!r.value) continue;
        let v: Verdict;
        try { v = codecs.Verdict.decode(r.value, 'auto'); } catch { continue; }
        const changed = wanted.get(v.messageId);
        if (changed) changed.before = {
          action: v.action,
          escalation: v.escalation?.priority ?? null,
          enforcement: v.enforcement?.action ?? null,
          categories: v.categories.map((x) => x.category),
          reasons: v.reasons,
          versions: `${v.modelVersion} / ${v.rulesVersion} / ${v.policyVersion}`
        };
      }
    }, { groupPrefix: 'vigie-replay-reasons', idleTimeoutMs: o.idleTimeoutMs, ...(signal ? { signal } : {}) });
    groupsDeleted &&= v3.groupDeleted;
  }
  for (const c of agg.changed) c.changes = describe(c);
  const t3 = Date.now();
  return {
    aggregates: agg, ranges, versions: engine?.versions ?? {
      model: 'shadow',
      rules: 'shadow',
      policy: 'shadow'
    }, recordedVersions, recordedIndexed: index.size, inputRead, undecodable, sandboxWritten, groupsDeleted,
    seconds: { verdicts: (t1 - t0) / 1000, input: (t2 - t1) / 1000, reasons: (t3 - t2) / 1000, total: (t3 - t0) / 1000 },
    throughput: inputRead / Math.max(0.001, (t2 - t1) / 1000),
  };
}

function okMessage(d: Extract<ReturnType<typeof decodeInput>, { kind: 'ok' }>) {
  return { message: d.message, fullText: d.fullText, textTruncated: d.textTruncated, textRepaired: d.textRepaired };
}

type DecisionSide = { action: string; escalation: string | null; enforcement?: string | null; categories: string[] };

/** What changed, as the report's "change" column shows it; every kind the totals count (changeKinds) is named. */
export function describe(c: { before: DecisionSide; after: DecisionSide }): string[] {
  const out: string[] = [];
  if (c.before.action !== c.after.action) out.push(`action ${c.before.action || '?'}→${c.after.action}`);
  if (c.before.escalation !== c.after.escalation) out.push(`escalation ${c.before.escalation ?? 'none'}→${c.after.escalation ?? 'none'}`);
  if ((c.before.enforcement ?? null) !== (c.after.enforcement ?? null)) out.push(`enforcement ${c.before.enforcement ?? 'none'}→${c.after.enforcement ?? 'none'}`);
  const before = new Set(c.before.categories), after = new Set(c.after.categories);
  const categoryChanges = [...[...after].filter((x) => !before.has(x)).map((x) => `+${x}`), ...[...before].filter((x) => !after.has(x)).map((x) => `-${x}`)];
  if (categoryChanges.length) out.push(`categories ${categoryChanges.join(' ')}`);
  return out;
}

/** The "after" side of a changed decision, as the report shows it (live engine or shadow verdict alike). */
function decisionSide(v: Verdict) {
  return {
    action: v.action,
    escalation: v.escalation?.priority ?? null,
    enforcement: v.enforcement?.action ?? null,
    categories: v.categories.map((c) => c.category),
    reasons: v.reasons,
    versions: `${v.modelVersion} / ${v.rulesVersion} / ${v.policyVersion}`,
  };
}
