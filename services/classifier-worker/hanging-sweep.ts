/**
 * The classifier worker's sweep for hanging transactions (kafka/hanging-txns-plan.ts says what they are): every
 * `everyMs`, on the partitions the classifiers write (outputs, state changelog) and the group's offsets partition,
 * hanging transactions of the classifiers' transactional ids are ended as their coordinator decided. Without it a
 * single-node broker that stops while it ends a transaction can leave one partition's group offset unstable for good
 * (the member that gets the partition waits for it for ever) and the outputs' last stable offsets stuck (read_committed
 * readers such as the audit sink stop there). Every worker of the group sweeps, and two may end the same transaction at
 * once: the first marker to land decides. They need not read the same outcome (one may read the coordinator's state of
 * the transaction, the other its state after the producer's next transaction ended the other way); the second marker
 * goes to a partition that no longer holds the range open (its refusal can be logged as left). The id of a hanging
 * transaction is fenced first: a classifier still running with it (its own marker lost) stops and is restarted.
 *
 * What was ended is logged at warn (it means the broker lost a marker); a hanging transaction that is not ours, or
 * whose outcome is unknown, or whose marker was refused (no ClusterAction under an authorizer) is logged once with
 * the command an operator runs instead. The caller owns the timer (`tick`).
 */
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import type { Admin } from '@platformatic/kafka';
import { logErr } from '../kafka/client-options.js';
import { partitionsToSweep, sweepHangingTransactions, type SweepResult } from '../kafka/hanging-txns.js';
import { isGroupTransactionalId } from './transactional-id.js';
import { partitionKey, txnKey, type MarkerAction, type OpenTxn } from '../kafka/hanging-txns-plan.js';

export interface SweepTarget {
  /** Topics the classifiers write transactionally. */
  topics: readonly string[];
  groupId: string;
  /** Transactional ids of the classifiers start with it (`<prefix>-<instance>`). */
  transactionalIdPrefix: string;
  /** Bootstrap servers, for the operator command in the logs. */
  brokers: readonly string[];
}

/** One sweep of `target`'s partitions (partitionsToSweep, then sweepHangingTransactions); tests pass their own. */
export type SweepOnce = (admin: Admin, target: SweepTarget, own: (transactionalId: string) => boolean, remembered: Map<string, MarkerAction>) => Promise<SweepResult>;

const sweepOnce: SweepOnce = async (admin, target, own, remembered) => {
  const scope = await partitionsToSweep(admin, target.topics, target.groupId);
  const r = await sweepHangingTransactions(admin, scope.partitions, own, remembered);
  return { ...r, denied: [...scope.denied, ...r.denied] };
};

/**
 * Keeps in `memory` the transactions still open (`open`, txnKeys) and those on a partition the sweep could not look at
 * (not in `looked`: no leader or broker, the ACLs): nothing says those were closed, and a remembered outcome is needed
 * once the partition is back (the coordinator then says Empty).
 */
function retainOpen(memory: Map<string, { txn: OpenTxn }>, open: ReadonlySet<string>, looked: ReadonlySet<string>): void {
  for (const [k, { txn }] of memory) if (!open.has(k) && looked.has(partitionKey(txn))) memory.delete(k);
}

const where = (t: OpenTxn) => ({ topic: t.topic, partition: t.partition, producerId: String(t.producerId), producerEpoch: t.producerEpoch, startOffset: String(t.startOffset) });

export class HangingTxnSweeper {
  #due: number;
  #running = false;
  /** The sweep in flight, for a stop that lets it finish (a fence without its markers would be left to an operator). */
  #inflight: Promise<void> | null = null;
  #failures = 0;
  /** Hanging transactions already reported as left alone: each is logged once. */
  readonly #reported = new Map<string, { txn: OpenTxn }>();
  /**
   * Missing ACLs already logged, with their topic (each once while it stays missing; as many as the topics swept). One is
   * forgotten only when a sweep looked at its topic (granted since): a grant revoked again later is logged again, and a
   * sweep that did not reach the topic (no leader yet, a group with no offsets yet) does not log it twice.
   */
  readonly #deniedReported = new Map<string, string>();
  /** Outcomes decided before a fence whose markers did not all land (kafka/hanging-txns.ts). */
  readonly #remembered = new Map<string, MarkerAction>();
  /** Transactions ended since start (metrics, tests). */
  ended = 0;

  /** How many transactions are kept in memory between sweeps (tests). */
  get memory(): { reported: number; remembered: number } {
    return { reported: this.#reported.size, remembered: this.#remembered.size };
  }

  constructor(private readonly admin: () => Admin | undefined, private readonly target: SweepTarget, private readonly everyMs: number,
    private readonly log: Logger, now = performance.now(), firstAfterMs = Math.min(5_000, everyMs), private readonly sweep: SweepOnce = sweepOnce) {
    this.#due = now + firstAfterMs;
  }

  /** Starts a sweep when one is due and none runs; returns it (tests await it), else null. */
  tick(now = performance.now()): Promise<void> | null {
    if (this.everyMs <= 0 || now < this.#due || this.#running) return null;
    this.#due = now + this.everyMs;
    const admin = this.admin();
    if (!admin) return null;
    this.#running = true;
    const p = this.#sweep(admin).finally(() => { this.#running = false; this.#inflight = null; });
    this.#inflight = p;
    return p;
  }

  /** Resolves once the sweep in flight, if any, is over, or after `maxMs` (a stop waits for it before closing the admin). */
  settle(maxMs = 2_000): Promise<void> {
    const p = this.#inflight;
    if (!p) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([p, new Promise<void>((r) => { timer = setTimeout(r, maxMs); })]).finally(() => clearTimeout(timer));
  }

  async #sweep(admin: Admin): Promise<void> {
    const t = this.target;
    try {
      const r = await this.sweep(admin, t, (id) => isGroupTransactionalId(t.transactionalIdPrefix, id), this.#remembered);
      // What was reported or remembered and is no longer open (ended by another worker or an operator) is forgotten:
      // both stay as small as what hangs now.
      // A partition the sweep could not look at keeps its memory.
      const seen = new Set(r.openKeys);
      const looked = new Set(r.looked);
      retainOpen(this.#reported, seen, looked);
      retainOpen(this.#remembered, seen, looked);
      const lookedTopics = new Set(r.looked.map((k) => k.slice(0, k.lastIndexOf(':'))));
      for (const [acl, topic] of this.#deniedReported) if (lookedTopics.has(topic)) this.#deniedReported.delete(acl);
      for (const d of r.denied) {
        if (this.#deniedReported.has(d.acl)) continue;
        this.#deniedReported.set(d.acl, d.topic);
        this.log.warn({ event: EVENTS.HANGING_TXN_SWEEP_DENIED, topic: d.topic, acl: d.acl },
          `the hanging-transaction sweep may not look at ${d.topic} (the broker's ACLs refuse it; granting ${d.acl} to this principal would let it): a transaction hanging there is neither ended nor reported; the other partitions are swept`);
      }
      if (this.#failures > 0) this.log.info({ failures: this.#failures }, 'hanging-transaction sweep works again');
      this.#failures = 0;
      for (const id of r.fenced) {
        this.log.warn({ event: EVENTS.HANGING_TXN_FENCED, transactionalId: id },
          'transactional id fenced before ending its hanging transactions: a classifier still running with it stops (PRODUCER_FENCED) and is restarted by its supervisor');
      }
      for (const a of r.ended) {
        this.ended++;
        this.log.warn({ event: EVENTS.HANGING_TXN_ENDED, ...where(a.txn), marker: a.commit ? 'COMMIT' : 'ABORT', transactionalId: a.transactionalId },
          'hanging transaction ended: the broker had lost this partition\'s marker (its coordinator ended the transaction while the partition had no leader, e.g. a single-node broker stopping); written now with the outcome of its producer\'s last transaction');
      }
      const left = [...r.left.map((l) => ({ txn: l.txn, transactionalId: l.transactionalId, reason: l.reason })),
        ...r.refused.map((f) => ({ txn: f.action.txn, transactionalId: f.action.transactionalId, reason: `the marker was refused (${f.error}; under an authorizer this needs ClusterAction or Alter on the cluster)` +
          (f.action.commit ? '; its coordinator COMMITTED it, so an abort by hand discards committed records' : '') }))];
      for (const l of left) {
        const k = txnKey(l.txn);
        if (this.#reported.has(k)) continue;
        this.#reported.set(k, { txn: l.txn });
        this.log.warn({ event: EVENTS.HANGING_TXN_LEFT, ...where(l.txn), transactionalId: l.transactionalId, reason: l.reason },
          `a hanging transaction holds ${l.txn.topic}-${l.txn.partition} (read_committed readers stop at offset ${l.txn.startOffset}) and is left alone: ${l.reason}. ` +
          `An operator ends it with: kafka-transactions.sh --bootstrap-server ${t.brokers[0] ?? 'BROKER'} abort --topic ${l.txn.topic} --partition ${l.txn.partition} --start-offset ${l.txn.startOffset}`);
      }
    } catch (err) {
      // Stopping: the admin client was closed under the sweep; not a broker failure.
      if (!this.admin()) return;
      if (this.#failures++ === 0) this.log.warn({ err: logErr(err) }, 'hanging-transaction sweep failed (broker away, or an ACL refuses it, see docs/security.md); tried again at the next sweep');
      else this.log.debug({ err: logErr(err), failures: this.#failures }, 'hanging-transaction sweep failed again');
    }
  }
}
