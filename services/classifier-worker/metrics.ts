/** Prometheus metrics of the classifier worker (prom-client, one registry per worker). */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { collectProcessMetrics } from '../common/process-metrics.js';
import type { SinkObserver } from '../common/sink.js';
import type { BatchStats } from './process-batch.js';

/**
 * What one partition's batch did in a committed commit window, as the metrics count it (batch-pipeline.ts). A window
 * is one transaction over every owned partition: `recordCommittedWindow` counts the transaction once and each of these.
 */
export interface CommittedBatch {
  partition: number;
  inputTopic: string;
  consumed: number;
  /** Records per topic in the transaction (outputs, checkpoint chunks, shadow verdicts). */
  produced: { topic: string; count: number }[];
  /** Decode + classify + transaction time. */
  seconds: number;
  stats: BatchStats;
  checkpoint: { storedBytes: number; jsonBytes: number } | null;
}

/** The input's read-ahead as the gauges sample it (kafka-input.ts KafkaInput). */
export interface ReadAheadSource {
  readonly buffered: number;
  readonly bufferedBytes: number;
  readonly paused: boolean;
  readonly readAheadBounds: { records: number; bytes: number };
}

export class WorkerMetrics implements SinkObserver {
  readonly registry = new Registry();
  /** Sampled by the read-ahead gauges at each scrape; null before the worker started its input. */
  #input: ReadAheadSource | null = null;
  readonly consumed = new Counter({ name: 'vigie_classifier_consumed_total', help: 'Input records consumed (committed batches)', labelNames: ['topic'], registers: [this.registry] });
  readonly produced = new Counter({ name: 'vigie_classifier_produced_total', help: 'Records produced in committed transactions', labelNames: ['topic'], registers: [this.registry] });
  readonly batchSeconds = new Histogram({
    name: 'vigie_classifier_batch_seconds',
    help: 'Decode + classify + transaction time per batch',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry]
  });
  readonly classifySeconds = new Histogram({
    name: 'vigie_classifier_engine_seconds',
    help: 'Engine time per batch (event loop blocked)',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry]
  });
  readonly e2eSeconds = new Histogram({
    name: 'vigie_classifier_end_to_end_seconds',
    help: 'decidedAt − sentAt per message',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry]
  });
  readonly byCategory = new Counter({ name: 'vigie_classifier_category_total', help: 'Verdicts asserting each category', labelNames: ['category'], registers: [this.registry] });
  readonly byAction = new Counter({ name: 'vigie_classifier_action_total', help: 'Verdicts by action', labelNames: ['action'], registers: [this.registry] });
  readonly escalations = new Counter({ name: 'vigie_classifier_escalations_total', help: 'Escalations produced', labelNames: ['priority'], registers: [this.registry] });
  readonly dlq = new Counter({ name: 'vigie_classifier_dlq_total', help: 'Input records sent to the dead-letter topic', registers: [this.registry] });
  readonly misrouted = new Counter({ name: 'vigie_classifier_input_misrouted_total', help: 'Input records not keyed by their conversationId (a conversation split over partitions loses its context)', registers: [this.registry] });
  readonly truncated = new Counter({ name: 'vigie_classifier_text_truncated_total', help: 'Messages whose text was cut for scoring or storage', labelNames: ['where'], registers: [this.registry] });
  readonly lag = new Gauge({ name: 'vigie_classifier_consumer_lag', help: 'Input records behind the high watermark, per partition', labelNames: ['partition'], registers: [this.registry] });
  readonly stateBytes = new Gauge({ name: 'vigie_classifier_state_bytes', help: 'Compressed checkpoint size per input partition', labelNames: ['partition'], registers: [this.registry] });
  readonly stateJsonBytes = new Gauge({ name: 'vigie_classifier_state_json_bytes', help: 'Uncompressed state size per input partition', labelNames: ['partition'], registers: [this.registry] });
  readonly restoreSeconds = new Histogram({
    name: 'vigie_classifier_restore_seconds',
    help: 'Fence + state restore time per partition assignment',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry]
  });
  /** One per Kafka transaction (a commit window over every owned partition), committed or aborted. */
  readonly transactions = new Counter({
    name: 'vigie_classifier_transactions_total', help: 'Kafka transactions (commit windows, each over every owned partition) by outcome', labelNames: ['outcome'], registers: [this.registry],
  });
  /** One per partition read in a committed transaction: a window over 6 partitions counts 6 here, 1 in transactions_total. */
  readonly partitionBatches = new Counter({
    name: 'vigie_classifier_partition_batches_total', help: 'Per-partition batches in committed transactions (one per partition a transaction read)', registers: [this.registry],
  });
  readonly engineReloads = new Counter({ name: 'vigie_classifier_engine_reloads_total', help: 'Engine hot reloads by outcome', labelNames: ['outcome'], registers: [this.registry] });
  readonly inputBufferedRecords = new Gauge({
    name: 'vigie_classifier_input_buffered_records', help: 'Input records fetched and not yet processed (read-ahead)', registers: [this.registry],
    collect: () => { this.inputBufferedRecords.set(this.#input?.buffered ?? 0); },
  });
  readonly inputBufferedBytes = new Gauge({
    name: 'vigie_classifier_input_buffered_bytes', help: 'Bytes (keys, values, headers) of the input records fetched and not yet processed', registers: [this.registry],
    collect: () => { this.inputBufferedBytes.set(this.#input?.bufferedBytes ?? 0); },
  });
  readonly inputPaused = new Gauge({
    name: 'vigie_classifier_input_paused', help: '1 while fetching is paused because the read-ahead is full', registers: [this.registry],
    collect: () => { this.inputPaused.set(this.#input?.paused ? 1 : 0); },
  });
  readonly inputReadAheadLimit = new Gauge({
    name: 'vigie_classifier_input_read_ahead_limit', help: 'Read-ahead bound fetching pauses at (VIGIE_CLASSIFIER_READ_AHEAD_RECORDS / _BYTES)', labelNames: ['bound'], registers: [this.registry],
    collect: () => {
      if (!this.#input) return;
      this.inputReadAheadLimit.set({ bound: 'records' }, this.#input.readAheadBounds.records);
      this.inputReadAheadLimit.set({ bound: 'bytes' }, this.#input.readAheadBounds.bytes);
    },
  });
  readonly inputPauses = new Counter({ name: 'vigie_classifier_input_pauses_total', help: 'Times fetching paused because the read-ahead was full', registers: [this.registry] });
  readonly sinkCalls = new Counter({ name: 'vigie_sink_calls_total', help: 'Sink push/flush calls by tag and outcome', labelNames: ['tag', 'op', 'outcome'], registers: [this.registry] });

  constructor() {
    collectProcessMetrics(this.registry, 'vigie_classifier_');
  }

  /** A transaction committed: counted once, and each of its per-partition batches. */
  recordCommittedWindow(batches: readonly CommittedBatch[]): void {
    this.transactions.inc({ outcome: 'committed' });
    for (const b of batches) this.recordCommitted(b);
  }

  private recordCommitted(b: CommittedBatch): void {
    this.partitionBatches.inc();
    this.consumed.inc({ topic: b.inputTopic }, b.consumed);
    for (const { topic, count } of b.produced) this.produced.inc({ topic }, count);
    this.batchSeconds.observe(b.seconds);
    const stats = b.stats;
    if (stats.engineSeconds) this.classifySeconds.observe(stats.engineSeconds);
    for (const seconds of stats.e2eSeconds) this.e2eSeconds.observe(seconds);
    for (const [action, n] of Object.entries(stats.actions)) this.byAction.inc({ action }, n);
    for (const [category, n] of Object.entries(stats.categories)) this.byCategory.inc({ category }, n);
    for (const [priority, n] of Object.entries(stats.escalations)) this.escalations.inc({ priority }, n);
    if (stats.dlq) this.dlq.inc(stats.dlq);
    if (stats.misrouted) this.misrouted.inc(stats.misrouted);
    if (stats.truncatedForScoring) this.truncated.inc({ where: 'scoring' }, stats.truncatedForScoring);
    if (stats.truncatedInStorage) this.truncated.inc({ where: 'storage' }, stats.truncatedInStorage);
    if (b.checkpoint) {
      this.stateBytes.set({ partition: String(b.partition) }, b.checkpoint.storedBytes);
      this.stateJsonBytes.set({ partition: String(b.partition) }, b.checkpoint.jsonBytes);
    }
  }

  /** The input whose read-ahead the input gauges report. */
  observeInput(input: ReadAheadSource | null): void {
    this.#input = input;
  }

  /** The partition left this worker: its gauges go away. */
  forgetPartition(partition: number): void {
    this.stateBytes.remove({ partition: String(partition) });
    this.lag.remove({ partition: String(partition) });
  }

  onResult(tag: string, op: 'push' | 'flush', outcome: 'ok' | 'retry' | 'error'): void {
    this.sinkCalls.inc({ tag, op, outcome });
  }
}
