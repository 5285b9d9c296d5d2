/**
 * Shadow mode: a candidate engine (model, rules, policy) scores the same input records as the live
 * one, with its own per-partition context state, and its verdicts go to the shadow verdicts topic
 * inside the worker's transaction for the batch. Never to actions, escalations or audit: the
 * candidate decides nothing. Metrics count, per decision and per category, where live and shadow
 * agree.
 *
 * A shadow failure never fails the live path: it is logged and counted, the batch goes out without
 * shadow verdicts, and that partition's shadow state starts again empty (as it does after a
 * rebalance or restart — shadow state is not checkpointed; compare shadow and live with
 * `vigie replay --compare-shadow` over ranges that start a while after the worker started).
 */
import type { Admin } from '@platformatic/kafka';
import { listTopics } from '../kafka/admin.js';
import { Counter, type Registry } from 'prom-client';
import { ConfigError } from '../contracts/errors.js';
import type { Logger } from '../common/logger.js';
import type { Codecs } from '../contracts/index.js';
import type { ChatMessage, Verdict } from '../contracts/types.js';
import { createEngine, createState, type Engine, type EngineState } from '../engine/engine.js';
import { packDecision, sameDecision } from '../contracts/verdict-decision.js';
import { SerialQueue } from '../common/serial-queue.js';
import { decodeInput } from './decode-input.js';
import type { WorkerOptions } from './options.js';
import { encoder, type OutMessage } from './process-batch.js';
import { EVENTS } from '../common/events.js';
import { envHelp, type VigieConfig } from '../common/config.js';

export interface ShadowOptions {
  /** Candidate model directory, or 'none'. Default: the live default model. */
  modelDir?: string;
  /** Candidate rules directory. Default: the live default rules. */
  rulesDir?: string;
  /** Candidate policy file. Default: the live default policy. */
  policyFile?: string;
  /** Where shadow verdicts go. Default chat.verdicts.shadow. */
  topic: string;
  /** The live worker's window gate (not a candidate setting): the shadow then differs from live by its candidate only. */
  windowGateFloor?: number;
}

/** Shadow settings from the configuration; null when no shadow model, rules or policy is set (main-level code calls this). */
export function shadowOptionsFromConfig(cfg: VigieConfig): ShadowOptions | null {
  const { modelDir, rulesDir, policyFile } = cfg.shadow;
  if (!modelDir && !rulesDir && !policyFile) return null;
  return {
    ...(modelDir ? { modelDir } : {}), ...(rulesDir ? { rulesDir } : {}), ...(policyFile ? { policyFile } : {}),
    topic: cfg.kafka.topics.verdictsShadow, windowGateFloor: cfg.worker.windowGate,
  };
}

export const SHADOW_ENV_HELP = `shadow mode (a candidate engine beside the live one; verdicts to the shadow topic only):
${envHelp(['shadow', 'VIGIE_TOPIC_VERDICTS_SHADOW'])}
  Any one of the first three turns shadow mode on; the others default to the live defaults. The shadow topic must exist.`;

export class Shadow {
  readonly #states = new Map<number, EngineState>();
  readonly #decisions: Counter<'outcome'>;
  readonly #categories: Counter<'category' | 'outcome'>;
  readonly #failures: Counter;

  private constructor(readonly engine: Engine, readonly topic: string, private readonly codecs: Codecs, private readonly opts: WorkerOptions,
    registry: Registry, private readonly log: Logger) {
    this.#decisions = new Counter({
      name: 'vigie_shadow_decisions_total',
      help: 'Messages scored by the shadow engine, by agreement of the decision (action, escalation, enforcement, categories) with live',
      labelNames: ['outcome'],
      registers: [registry]
    });
    this.#categories = new Counter({
      name: 'vigie_shadow_category_total',
      help: 'Categories asserted by live and/or shadow: both, live_only, shadow_only',
      labelNames: ['category', 'outcome'],
      registers: [registry]
    });
    this.#failures = new Counter({ name: 'vigie_shadow_failures_total', help: 'Batches the shadow engine failed on (sent without shadow verdicts)', registers: [registry] });
  }

  static async create(o: ShadowOptions, admin: Admin, codecs: Codecs, wo: WorkerOptions, registry: Registry, log: Logger): Promise<Shadow> {
    const live = new Set(Object.values(wo.topics));
    if (live.has(o.topic)) throw new ConfigError([`shadow topic ${o.topic} is one of the worker's live topics`]);
    if (!(await listTopics(admin)).includes(o.topic)) throw new ConfigError([`shadow topic ${o.topic} does not exist (create it: vigie topics create)`]);
    const engine = await createEngine({ modelDir: o.modelDir, rulesDir: o.rulesDir, policyFile: o.policyFile, windowGateFloor: o.windowGateFloor });
    const child = log.child({ component: 'shadow', versions: engine.versions });
    child.info({ event: EVENTS.SHADOW_LOADED, topic: o.topic }, 'shadow engine loaded');
    return new Shadow(engine, o.topic, codecs, wo, registry, child);
  }

  readonly #serial = new SerialQueue();

  /**
   * Scores `records` with the shadow engine; returns the shadow verdict messages for the batch's
   * transaction (empty on failure). `live` holds the live verdict messages of the same batch.
   */
  async process(partition: number, records: { value: Buffer | null; offset: string }[], live: readonly OutMessage[], now: number): Promise<OutMessage[]> {
    try {
      const msgs: ChatMessage[] = [];
      const truncated: boolean[] = [];
      const repaired: boolean[] = [];
      const offsets: string[] = [];
      for (const r of records) {
        const d = decodeInput(r.value, this.codecs, this.opts.inputFormat, this.opts.maxScoringChars);
        if (d.kind === 'ok') { msgs.push(d.message); truncated.push(d.textTruncated); repaired.push(d.textRepaired); offsets.push(r.offset); }
      }
      if (!msgs.length) return [];
      let state = this.#states.get(partition);
      if (!state) { state = createState(); this.#states.set(partition, state); }
      // One engine call at a time (partitions are processed concurrently; the engine must not interleave two batches).
      // The shadow engine stays on the event loop: it is not offloaded to the engine threads.
      const st = state;
      const verdicts = await this.#serial.run(() => this.engine.classifyBatch(msgs, st));
      const liveById = new Map<string, Verdict>();
      for (const m of live) {
        const v = this.codecs.Verdict.decode(m.value, 'auto');
        liveById.set(v.messageId, v);
      }
      const encode = encoder(this.codecs, this.opts.outputFormat);
      return verdicts.map((ev, i) => {
        const { context: _context, ...v } = ev;
        const verdict: Verdict = { ...v, textTruncated: v.textTruncated || truncated[i]!, textRepaired: v.textRepaired || repaired[i]!, decidedAt: now };
        this.#count(liveById.get(verdict.messageId), verdict);
        return { key: verdict.conversationId, value: encode('Verdict', verdict), headers: { 'vigie.source': `${this.opts.topics.input}/${partition}/${offsets[i]!}`, 'vigie.shadow': 'true' } };
      });
    } catch (err) {
      this.#failures.inc();
      this.#states.delete(partition);
      this.log.error({ event: EVENTS.SHADOW_BATCH_FAILED, err, partition }, 'shadow engine failed on a batch; live verdicts unaffected');
      return [];
    }
  }

  #count(live: Verdict | undefined, shadow: Verdict): void {
    if (!live) return;
    this.#decisions.inc({ outcome: sameDecision(packDecision(live), packDecision(shadow)) ? 'agree' : 'disagree' });
    const l = new Set(live.categories.map((c) => c.category)), s = new Set(shadow.categories.map((c) => c.category));
    for (const c of new Set([...l, ...s])) this.#categories.inc({ category: c, outcome: l.has(c) && s.has(c) ? 'both' : l.has(c) ? 'live_only' : 'shadow_only' });
  }

  /** A transaction with shadow verdicts aborted: the shadow state of the partition saw uncommitted input. */
  forget(partition: number): void {
    this.#states.delete(partition);
  }

  async close(): Promise<void> {
    await this.engine.close();
  }
}
