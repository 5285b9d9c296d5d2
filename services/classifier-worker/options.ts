/**
 * Options of the streaming classifier worker, with a documented default per field.
 * `compileWorkerOptions(raw)` fills defaults and reports every bad value at once (ConfigError).
 * Only run-classifier.ts (main-level code) reads the environment and turns it into `raw`.
 */
import { INSTANCE_NAME, isGroupTransactionalId, transactionalIdOf } from './transactional-id.js';
import { availableParallelism } from 'node:os';
import { ConfigError } from '../contracts/errors.js';
import { OFFSET_COMMIT_MODES, type OffsetCommitMode } from '../kafka/kafka-output.js';
import type { WireFormat } from '../contracts/index.js';
import { STATE_COMPRESSIONS, type StateCompression } from './state-codec.js';

export interface WorkerTopics {
  /** Input chat messages. Default `chat.messages`. */
  input: string;
  /** Default `chat.verdicts`. */
  verdicts: string;
  /** Default `moderation.actions`. */
  actions: string;
  /** Default `moderation.escalations`. */
  escalations: string;
  /** Default `moderation.audit`. */
  audit: string;
  /** Dead letters for undecodable/invalid inputs. Default `chat.messages.dlq`. */
  dlq: string;
  /** Compacted changelog of per-partition conversation state. Default `vigie.classifier.state`. */
  state: string;
}

export interface WorkerOptions {
  brokers: string[];
  clientId: string;
  /** Consumer group. Default `vigie-classifier`. */
  groupId: string;
  /** Prefix of the process's transactional id `<prefix>-<instanceId>`. Default = groupId. */
  transactionalIdPrefix: string;
  /**
   * Stable name of this worker instance (e.g. the pod name): a restart under the same name fences the
   * previous incarnation's open transaction at once. Default '' = a random id per process (a crashed
   * process's open transaction then holds its partitions until transactionTimeoutMs).
   */
  instanceId: string;
  topics: WorkerTopics;
  /** Input format: avro | json | auto (by first byte). Default auto. */
  inputFormat: WireFormat;
  /** Output format: avro (Confluent wire format) | json. Default avro. */
  outputFormat: 'avro' | 'json';
  /**
   * Most messages per engine call. Default 64: with the ONNX model one call stays well under
   * 100 ms of blocked event loop.
   */
  batchMaxMessages: number;
  /**
   * Longest a commit window (one transaction) stays open after its first record, and the longest wait of an empty
   * poll. With closeWhenDrained a window that is not full closes sooner. Default 100 ms.
   */
  commitIntervalMs: number;
  /** Close a commit window as soon as the input has nothing more buffered (after minWindowGapMs). Default true. */
  closeWhenDrained: boolean;
  /** Least time between two window closes with closeWhenDrained: caps the transaction rate. Default 50 ms, at most commitIntervalMs. */
  minWindowGapMs: number;
  /** Most input records in one commit window (transaction), over all owned partitions. Default 5000. */
  windowMaxMessages: number;
  /** A window's input offsets: one TxnOffsetCommit for all partitions ('batched', default) or one per partition ('per-partition', kafka-output.ts). */
  offsetCommit: OffsetCommitMode;
  /** Longest the broker waits to fill a fetch (the time bound of a micro-batch). Default 100 ms. */
  batchMaxWaitMs: number;
  /** Bytes fetched per partition per request (a larger single record is still fetched). Default 256 KiB: partitions take turns sooner. */
  maxBytesPerPartition: number;
  /**
   * Engine threads (engine-pool.ts): each owned partition's conversation state lives in one of them and the
   * event loop keeps Kafka I/O, decoding and encoding; onnxruntime runs one intra-op thread per engine thread.
   * 0 = the engine on the event loop. Default: cores − 1, at most 4, at least 1 (`defaultEngineThreads`).
   */
  engineThreads: number;
  /** Characters of text given to the engine; longer text is cut and `textTruncated` set. Default 20000. */
  maxScoringChars: number;
  /**
   * Input records buffered ahead of processing before fetching pauses (kafka/read-ahead.ts); with `readAheadBytes`
   * it bounds the input's share of the event loop's heap (one fetch response may still arrive past the bound).
   * Default `defaultReadAheadRecords(windowMaxMessages)`: two windows, at least 10000. Below one window, a window
   * cannot fill from the buffer and closes on `commitIntervalMs` (`readAheadWarning`).
   */
  readAheadRecords: number;
  /** Input bytes (keys, values, headers) buffered ahead of processing before fetching pauses. Default 8 MiB. */
  readAheadBytes: number;
  /** Longest text stored in an AuditRecord, UTF-8 bytes. Default 262144. */
  maxStoredTextBytes: number;
  /** Longest original value kept in a DeadLetter. Default 524288. */
  maxDeadLetterBytes: number;
  /** Compressed state above this size is split over chunk keys. Default 524288. */
  stateChunkBytes: number;
  /** How state checkpoints are compressed (both are always read): gzip (what a release before round 39 restores) or zstd (~4 × less CPU). Default gzip, as VIGIE_STATE_FORMAT keeps the old-compatible default. */
  stateCompression: StateCompression;
  /**
   * Shortest time between two state checkpoints of a partition (written inside a batch transaction,
   * always on the first batch after a restore); in between, a restore replays the input from the
   * checkpoint's offset to the committed one. 0 = checkpoint every batch. Default 5000 ms.
   */
  checkpointIntervalMs: number;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  /** Transaction timeout given to the coordinator. Default 30000 ms. */
  transactionTimeoutMs: number;
  /** The exactly-once loop waiting on one step this long is logged with what it awaits (stall.ts). Default 30000 ms. */
  stallWarnMs: number;
  /** ... and this long stops the worker (exit 1) for its supervisor to restart it; 0 = never. Default 900000 ms (above a commit plus its abort against a broker that drops packets, about 2 × 280 s). */
  stallTimeoutMs: number;
  /**
   * Input taken and not committed for this long is logged (progress.ts; /livez uses livezProgressMs): a loop that cycles
   * (commit fails, abort, rewind) without one commit. Default 600000 ms.
   */
  progressWarnMs: number;
  /**
   * ... and this long stops the worker (exit 1) for its supervisor to restart it; 0 = never. Default 1200000 ms: above the
   * longest outage a healthy worker rides out (failures for up to the loop's 300 s outage tolerance, plus a commit and its
   * abort against a broker that drops packets, about 2 × 280 s, plus a rewind).
   */
  progressTimeoutMs: number;
  /**
   * How often (ms) the progress check lists the end offsets (last stable offset) of the assigned input partitions, one
   * ListOffsets request: records available there that the input neither fetches nor commits count as pending input
   * (backlog.ts). 0 = never. Default 30000 ms.
   */
  backlogCheckMs: number;
  /**
   * How often (ms) hanging transactions of this group's transactional ids are looked for on the output partitions and
   * the group's __consumer_offsets partition, and ended as their coordinator decided (kafka/hanging-txns.ts). 0 = never.
   * Default 30000 ms.
   */
  hangingTxnSweepMs: number;
  /**
   * Test only (VIGIE_TEST_FREEZE_INPUT_FILE): once this file exists, the input stops fetching for good (its stream is
   * paused, kafka-input.ts `freezeFetching`), the way a stream that went dead does; the worker then removes the file. Never set in a deployment.
   */
  testFreezeInputFile?: string;
  /**
   * /livez says not live once the loop has waited this long on one step (liveness.ts). Default 600000 ms (at most
   * stallTimeoutMs): above a healthy commit plus its abort against a broker that drops packets (~560 s), below the
   * 900 s self-exit. Apart from stallWarnMs (a log): a broker outage the worker rides out must not restart it.
   */
  livezStallMs: number;
  /** /livez says not live once input has been pending without a commit this long. Default 900000 ms (at most progressTimeoutMs): above the ~860 s healthy bound, below the 1200 s self-exit. */
  livezProgressMs: number;
  /** HTTP port for /livez, /readyz, /metrics; 0 = random (printed); -1 = no server. Default 9464. */
  httpPort: number;
  httpHost: string;
}

export type RawWorkerOptions = Partial<Omit<WorkerOptions, 'topics'>> & {
  topics?: Partial<WorkerTopics>;
};

export const DEFAULT_TOPICS: WorkerTopics = {
  input: 'chat.messages', verdicts: 'chat.verdicts', actions: 'moderation.actions', escalations: 'moderation.escalations',
  audit: 'moderation.audit', dlq: 'chat.messages.dlq', state: 'vigie.classifier.state',
};

/**
 * One engine thread per core but one (the event loop's), at most 4 (each holds a full engine, ~170–180 MB; the core
 * count ignores a container's CPU quota), at least one.
 */
export function defaultEngineThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores - 1, 4));
}

/** Read-ahead records by default: two commit windows, at least 10000 (the figure docs/scaling.md measured). */
export function defaultReadAheadRecords(windowMaxMessages: number): number {
  return Math.max(10_000, 2 * windowMaxMessages);
}

/** A start-up warning when the read-ahead holds less than one window (windows then close on time, not on size). */
export function readAheadWarning(o: Pick<WorkerOptions, 'readAheadRecords' | 'windowMaxMessages'>): string | null {
  return o.readAheadRecords < o.windowMaxMessages
    ? `the read-ahead (${o.readAheadRecords} records, VIGIE_CLASSIFIER_READ_AHEAD_RECORDS) is smaller than a commit window (${o.windowMaxMessages}, ` +
      'VIGIE_CLASSIFIER_WINDOW_MAX): windows close on VIGIE_CLASSIFIER_COMMIT_MS with fewer records and the rate drops; ' +
      `set it to at least ${o.windowMaxMessages} (default ${defaultReadAheadRecords(o.windowMaxMessages)}) or lower the window`
    : null;
}

/** `value`, or `limit` when lower (a limit of 0 means none). */
function atMost(value: number, limit: number): number {
  return limit > 0 ? Math.min(value, limit) : value;
}

export function compileWorkerOptions(raw: RawWorkerOptions): WorkerOptions {
  const groupId = raw.groupId ?? 'vigie-classifier';
  const o: WorkerOptions = {
    brokers: raw.brokers ?? [],
    clientId: raw.clientId ?? 'vigie-classifier',
    groupId,
    transactionalIdPrefix: raw.transactionalIdPrefix ?? groupId,
    instanceId: raw.instanceId ?? '',
    topics: { ...DEFAULT_TOPICS, ...raw.topics },
    inputFormat: raw.inputFormat ?? 'auto',
    outputFormat: raw.outputFormat ?? 'avro',
    batchMaxMessages: raw.batchMaxMessages ?? 64,
    commitIntervalMs: raw.commitIntervalMs ?? 100,
    windowMaxMessages: raw.windowMaxMessages ?? 5000,
    closeWhenDrained: raw.closeWhenDrained ?? true,
    minWindowGapMs: raw.minWindowGapMs ?? Math.min(50, raw.commitIntervalMs ?? 100),
    offsetCommit: raw.offsetCommit ?? 'batched',
    batchMaxWaitMs: raw.batchMaxWaitMs ?? 100,
    maxBytesPerPartition: raw.maxBytesPerPartition ?? 256 * 1024,
    engineThreads: raw.engineThreads ?? defaultEngineThreads(),
    maxScoringChars: raw.maxScoringChars ?? 20_000,
    readAheadRecords: raw.readAheadRecords ?? defaultReadAheadRecords(raw.windowMaxMessages ?? 5000),
    readAheadBytes: raw.readAheadBytes ?? 8 * 1024 * 1024,
    maxStoredTextBytes: raw.maxStoredTextBytes ?? 256 * 1024,
    maxDeadLetterBytes: raw.maxDeadLetterBytes ?? 512 * 1024,
    stateChunkBytes: raw.stateChunkBytes ?? 512 * 1024,
    stateCompression: raw.stateCompression ?? 'gzip',
    checkpointIntervalMs: raw.checkpointIntervalMs ?? 5_000,
    sessionTimeoutMs: raw.sessionTimeoutMs ?? 10_000,
    heartbeatIntervalMs: raw.heartbeatIntervalMs ?? 1_000,
    rebalanceTimeoutMs: raw.rebalanceTimeoutMs ?? 20_000,
    transactionTimeoutMs: raw.transactionTimeoutMs ?? 30_000,
    stallWarnMs: raw.stallWarnMs ?? 30_000,
    stallTimeoutMs: raw.stallTimeoutMs ?? 900_000,
    progressWarnMs: raw.progressWarnMs ?? 600_000,
    progressTimeoutMs: raw.progressTimeoutMs ?? 1_200_000,
    backlogCheckMs: raw.backlogCheckMs ?? 30_000,
    hangingTxnSweepMs: raw.hangingTxnSweepMs ?? 30_000,
    ...(raw.testFreezeInputFile ? { testFreezeInputFile: raw.testFreezeInputFile } : {}),
    livezStallMs: raw.livezStallMs ?? atMost(600_000, raw.stallTimeoutMs ?? 900_000),
    livezProgressMs: raw.livezProgressMs ?? atMost(900_000, raw.progressTimeoutMs ?? 1_200_000),
    httpPort: raw.httpPort ?? 9464,
    httpHost: raw.httpHost ?? '127.0.0.1',
  };
  const p: string[] = [];
  const int = (name: string, v: number, min: number) => { if (!(Number.isInteger(v) && v >= min)) p.push(`${name}: expected an integer >= ${min}, got ${v}`); };
  if (o.brokers.length === 0) p.push('brokers: at least one broker (host:port) is required');
  for (const b of o.brokers) if (!/^[^\s:]+:\d+$/.test(b)) p.push(`brokers: "${b}" is not host:port`);
  for (const [k, v] of Object.entries(o.topics)) if (typeof v !== 'string' || v.trim() === '') p.push(`topics.${k}: must be a topic name`);
  const names = Object.values(o.topics);
  if (new Set(names).size !== names.length) p.push(`topics: every topic must be different, got ${names.join(', ')}`);
  if (!['avro', 'json', 'auto'].includes(o.inputFormat)) p.push(`inputFormat: avro | json | auto, got "${o.inputFormat}"`);
  if (!['avro', 'json'].includes(o.outputFormat)) p.push(`outputFormat: avro | json, got "${o.outputFormat}"`);
  int('batchMaxMessages', o.batchMaxMessages, 1);
  int('commitIntervalMs', o.commitIntervalMs, 1);
  int('windowMaxMessages', o.windowMaxMessages, 1);
  if (typeof o.closeWhenDrained !== 'boolean') p.push(`closeWhenDrained: expected true or false, got ${String(o.closeWhenDrained)}`);
  int('minWindowGapMs', o.minWindowGapMs, 0);
  if (o.minWindowGapMs > o.commitIntervalMs) p.push(`minWindowGapMs: at most commitIntervalMs (${o.commitIntervalMs}), got ${o.minWindowGapMs}`);
  if (!OFFSET_COMMIT_MODES.includes(o.offsetCommit)) p.push(`offsetCommit: ${OFFSET_COMMIT_MODES.join(' | ')}, got "${String(o.offsetCommit)}"`);
  if (o.instanceId && !INSTANCE_NAME.test(o.instanceId)) p.push(`instanceId: letters, digits, . _ - (at most 100), got "${o.instanceId}"`);
  // The hanging-transaction sweep must know the id this instance makes for its group's (transactional-id.ts): a name
  // ending in "-<uuid>" reads as another group's random instance (<group>-canary-<uuid>) and would never be swept.
  else if (o.instanceId && !isGroupTransactionalId(o.transactionalIdPrefix, transactionalIdOf(o.transactionalIdPrefix, o.instanceId))) {
    p.push(`instanceId: must not end in "-<uuid>" (read as another group's random instance by the hanging-transaction sweep; a bare UUID is fine), got "${o.instanceId}"`);
  }
  int('batchMaxWaitMs', o.batchMaxWaitMs, 0);
  int('maxBytesPerPartition', o.maxBytesPerPartition, 1024);
  int('engineThreads', o.engineThreads, 0);
  int('maxScoringChars', o.maxScoringChars, 1);
  int('readAheadRecords', o.readAheadRecords, 1);
  int('readAheadBytes', o.readAheadBytes, 65_536);
  int('maxStoredTextBytes', o.maxStoredTextBytes, 1);
  int('maxDeadLetterBytes', o.maxDeadLetterBytes, 1);
  int('stateChunkBytes', o.stateChunkBytes, 1024);
  if (!STATE_COMPRESSIONS.includes(o.stateCompression)) p.push(`stateCompression: ${STATE_COMPRESSIONS.join(' | ')}, got "${String(o.stateCompression)}"`);
  int('checkpointIntervalMs', o.checkpointIntervalMs, 0);
  int('sessionTimeoutMs', o.sessionTimeoutMs, 1000);
  int('heartbeatIntervalMs', o.heartbeatIntervalMs, 100);
  int('rebalanceTimeoutMs', o.rebalanceTimeoutMs, 1000);
  int('transactionTimeoutMs', o.transactionTimeoutMs, 1000);
  int('stallWarnMs', o.stallWarnMs, 1000);
  int('stallTimeoutMs', o.stallTimeoutMs, 0);
  if (o.stallTimeoutMs > 0 && o.stallTimeoutMs < o.stallWarnMs) p.push(`stallTimeoutMs (${o.stallTimeoutMs}) must be 0 or at least stallWarnMs (${o.stallWarnMs})`);
  int('progressWarnMs', o.progressWarnMs, 1000);
  int('progressTimeoutMs', o.progressTimeoutMs, 0);
  if (o.progressTimeoutMs > 0 && o.progressTimeoutMs < o.progressWarnMs) p.push(`progressTimeoutMs (${o.progressTimeoutMs}) must be 0 or at least progressWarnMs (${o.progressWarnMs})`);
  int('backlogCheckMs', o.backlogCheckMs, 0);
  if (o.backlogCheckMs > 0 && o.backlogCheckMs < 1000) p.push(`backlogCheckMs: 0 (never) or at least 1000, got ${o.backlogCheckMs}`);
  int('hangingTxnSweepMs', o.hangingTxnSweepMs, 0);
  if (o.hangingTxnSweepMs > 0 && o.hangingTxnSweepMs < 1000) p.push(`hangingTxnSweepMs: 0 (never) or at least 1000, got ${o.hangingTxnSweepMs}`);
  int('livezStallMs', o.livezStallMs, 1000);
  if (o.stallTimeoutMs > 0 && o.livezStallMs > o.stallTimeoutMs) p.push(`livezStallMs (${o.livezStallMs}) must be at most stallTimeoutMs (${o.stallTimeoutMs}): the orchestrator's liveness probe should act before the worker's own exit`);
  int('livezProgressMs', o.livezProgressMs, 1000);
  if (o.progressTimeoutMs > 0 && o.livezProgressMs > o.progressTimeoutMs) p.push(`livezProgressMs (${o.livezProgressMs}) must be at most progressTimeoutMs (${o.progressTimeoutMs}): the orchestrator's liveness probe should act before the worker's own exit`);
  if (!(Number.isInteger(o.httpPort) && o.httpPort >= -1 && o.httpPort <= 65535)) p.push(`httpPort: -1 (off), 0 (random) or a port, got ${o.httpPort}`);
  if (o.heartbeatIntervalMs * 3 > o.sessionTimeoutMs) p.push(`heartbeatIntervalMs (${o.heartbeatIntervalMs}) must be at most a third of sessionTimeoutMs (${o.sessionTimeoutMs})`);
  if (p.length) throw new ConfigError(p);
  return o;
}
