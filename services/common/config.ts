import { appendFileSync, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../contracts/errors.js';
import { KAFKA_3_VERSION, KAFKA_VERSION } from '../kafka/version.js';
import { LISTEN_HOST_EXPECTED, parseListenHost } from './listen-host.js';
import { recordingProxy } from './config-reads.js';

/**
 * Vigie's typed configuration, compiled from environment variables and an optional JSON file named by
 * VIGIE_CONFIG (environment wins over file, file over defaults). Every problem is collected and
 * reported at once, each naming the variable (and file key), the bad value and what is expected.
 *
 * To add a setting: add one `v(...)` entry to a section below (or a new section to SECTIONS); its type,
 * default, --help line and docs/configuration.md row follow from that entry.
 */

const INVALID = Symbol('invalid');
type Parsed<T> = T | typeof INVALID;

export interface VarSpec<T> {
  /** Environment variable name. */
  env: string;
  /**
   * A secret: also read from the file named by `<env>_FILE` (or file key `<key>File`), trailing newline
   * dropped, and wrapped in a Secret so that logging the configuration never prints it.
   */
  secret?: boolean;
  default: T;
  /** How the default reads in tables (when it is computed or a path). */
  defaultText?: string;
  meaning: string;
  /** What a valid value looks like, for error messages. */
  expected: string;
  parse(raw: unknown): Parsed<T>;
}

function v<T>(spec: VarSpec<T>): VarSpec<T> { return spec; }

/**
 * A secret value (password, private key). JSON, string conversion and util.inspect all print
 * "[secret]", so a configuration object can be logged whole; only `reveal()` gives the value, at the
 * place that hands it to a client library.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) { this.#value = value; }
  reveal(): string { return this.#value; }
  toJSON(): string { return '[secret]'; }
  toString(): string { return '[secret]'; }
  [inspect.custom](): string { return '[secret]'; }
}

// ---- parsers (accept env strings and typed JSON values) ----
const text = (raw: unknown): Parsed<string> => (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : INVALID);
const int = (min: number, max: number) => (raw: unknown): Parsed<number> => {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : INVALID;
};
const fraction = (raw: unknown): Parsed<number> => {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(?:\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return n >= 0 && n <= 1 ? n : INVALID;
};
const bool = (raw: unknown): Parsed<boolean> => {
  if (typeof raw === 'boolean') return raw;
  const s = String(raw).trim().toLowerCase();
  return ['true', '1', 'yes', 'on'].includes(s) ? true : ['false', '0', 'no', 'off'].includes(s) ? false : INVALID;
};
const oneOf = <T extends string>(...choices: T[]) => (raw: unknown): Parsed<T> =>
  (typeof raw === 'string' && (choices as string[]).includes(raw.trim()) ? (raw.trim() as T) : INVALID);
const path = (raw: unknown): Parsed<string> => (typeof raw === 'string' && raw.trim() !== '' ? resolve(raw.trim()) : INVALID);
const listenHost = (raw: unknown): Parsed<string> => (typeof raw === 'string' ? parseListenHost(raw) ?? INVALID : INVALID);
const nullableText = (raw: unknown): Parsed<string | null> => (raw === null ? null : text(raw));
const nullablePath = (raw: unknown): Parsed<string | null> => (raw === null ? null : path(raw));
const brokerList = (raw: unknown): Parsed<string[] | null> => {
  if (raw === null) return null;
  const items = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : [];
  const list = items.map((s) => s.trim()).filter(Boolean);
  return list.length > 0 && list.every((b) => /^[^\s:,]+:\d{1,5}$/.test(b)) ? list : INVALID;
};
const positive = (raw: unknown): Parsed<number> => {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
  return Number.isFinite(n) && n > 0 ? n : INVALID;
};
const nullableInt = (min: number, max: number) => (raw: unknown): Parsed<number | null> => (raw === null ? null : int(min, max)(raw));
const secret = (raw: unknown): Parsed<Secret | null> => (raw === null ? null : raw instanceof Secret ? raw : typeof raw === 'string' && raw !== '' ? new Secret(raw) : INVALID);
const validTopic = (raw: unknown): Parsed<string> =>
  (typeof raw === 'string' && /^[a-zA-Z0-9._-]{1,200}$/.test(raw.trim()) ? raw.trim() : INVALID);
const TOPIC_EXPECTED = 'a Kafka topic name: letters, digits, . _ - (1 to 200 characters)';

/** The repository root: defaults for shipped files (models, rules, policies) point inside it. */
const REPO = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, here.split(/[\\/]/).includes('dist') ? '../../..' : '../..');
})();

const DAY = 86_400_000;

// ---- sections ----
const kafka = {
  brokers: v<string[] | null>({
    env: 'KAFKA_BROKERS',
    default: null,
    defaultText: '(unset: testcontainers if Docker answers, else the local broker)',
    meaning: 'bootstrap brokers, comma-separated host:port',
    expected: 'comma-separated host:port entries, e.g. 127.0.0.1:9092',
    parse: brokerList
  }),
  clientId: v({ env: 'VIGIE_KAFKA_CLIENT_ID', default: 'vigie', meaning: 'Kafka client id prefix', expected: 'a non-empty string', parse: text }),
  topicPrefix: v({
    env: 'VIGIE_TOPIC_PREFIX',
    default: '',
    defaultText: '(none)',
    meaning: 'prefix added to every topic name below (isolates test runs or tenants)',
    expected: TOPIC_EXPECTED,
    parse: (r: unknown) => (r === '' ? '' : validTopic(r))
  }),
  partitions: v({ env: 'VIGIE_TOPIC_PARTITIONS', default: 6, meaning: 'partitions of each topic Vigie creates', expected: 'an integer from 1 to 1000', parse: int(1, 1000) }),
  replication: v({ env: 'VIGIE_TOPIC_REPLICATION', default: 1, meaning: 'replication factor of each topic Vigie creates', expected: 'an integer from 1 to 10', parse: int(1, 10) }),
  retentionMs: v({
    env: 'VIGIE_TOPIC_RETENTION_MS',
    default: 7 * DAY,
    meaning: 'retention.ms of message topics (messages, verdicts, actions, escalations, audit, feedback)',
    expected: 'an integer of milliseconds from 60000, or -1 for unlimited',
    parse: (r: unknown) => { const n = int(-1, Number.MAX_SAFE_INTEGER)(r); return n === -1 || (typeof n === 'number' && n >= 60_000) ? n : INVALID; }
  }),
  dlqRetentionMs: v({
    env: 'VIGIE_TOPIC_DLQ_RETENTION_MS',
    default: 30 * DAY,
    meaning: 'retention.ms of the dead-letter topic (time to inspect and replay)',
    expected: 'an integer of milliseconds from 60000, or -1 for unlimited',
    parse: (r: unknown) => { const n = int(-1, Number.MAX_SAFE_INTEGER)(r); return n === -1 || (typeof n === 'number' && n >= 60_000) ? n : INVALID; }
  }),
};

const topics = {
  chatMessages: v({ env: 'VIGIE_TOPIC_MESSAGES', default: 'chat.messages', meaning: 'input chat messages', expected: TOPIC_EXPECTED, parse: validTopic }),
  chatMessagesDlq: v({ env: 'VIGIE_TOPIC_DLQ', default: 'chat.messages.dlq', meaning: 'dead letters (undecodable input)', expected: TOPIC_EXPECTED, parse: validTopic }),
  verdicts: v({ env: 'VIGIE_TOPIC_VERDICTS', default: 'chat.verdicts', meaning: 'one Verdict per input message', expected: TOPIC_EXPECTED, parse: validTopic }),
  verdictsShadow: v({
    env: 'VIGIE_TOPIC_VERDICTS_SHADOW',
    default: 'chat.verdicts.shadow',
    meaning: 'verdicts of a candidate model/policy run in shadow',
    expected: TOPIC_EXPECTED,
    parse: validTopic
  }),
  actions: v({ env: 'VIGIE_TOPIC_ACTIONS', default: 'moderation.actions', meaning: 'moderation actions (block, hold, mute, ...)', expected: TOPIC_EXPECTED, parse: validTopic }),
  escalations: v({ env: 'VIGIE_TOPIC_ESCALATIONS', default: 'moderation.escalations', meaning: 'escalations to human moderators', expected: TOPIC_EXPECTED, parse: validTopic }),
  audit: v({ env: 'VIGIE_TOPIC_AUDIT', default: 'moderation.audit', meaning: 'audit records (to the audit store)', expected: TOPIC_EXPECTED, parse: validTopic }),
  feedback: v({ env: 'VIGIE_TOPIC_FEEDBACK', default: 'moderation.feedback', meaning: 'moderator decisions on cases', expected: TOPIC_EXPECTED, parse: validTopic }),
  blocklist: v({ env: 'VIGIE_TOPIC_BLOCKLIST', default: 'moderation.blocklist', meaning: 'current enforcement per user (compacted)', expected: TOPIC_EXPECTED, parse: validTopic }),
  classifierState: v({
    env: 'VIGIE_TOPIC_CLASSIFIER_STATE',
    default: 'vigie.classifier.state',
    meaning: 'classifier context state changelog (compacted)',
    expected: TOPIC_EXPECTED,
    parse: validTopic
  }),
};

const logging = {
  level: v({
    env: 'VIGIE_LOG_LEVEL',
    default: 'info' as const,
    meaning: 'log level',
    expected: 'one of trace, debug, info, warn, error, fatal, silent',
    parse: oneOf('trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent')
  }),
  redact: v({ env: 'VIGIE_LOG_REDACT', default: true, meaning: 'redact chat text and IP addresses in logs', expected: 'true or false', parse: bool }),
  file: v<string | null>({
    env: 'VIGIE_LOG_FILE', default: null, defaultText: '(stderr)', meaning: 'append the JSON log lines to this file instead of stderr (always JSON, whatever VIGIE_LOG_FORMAT says)',
    expected: 'a file path', parse: nullablePath,
  }),
  format: v({
    env: 'VIGIE_LOG_FORMAT', default: 'auto' as 'auto' | 'json' | 'pretty',
    meaning: 'log lines of every service (vigie run ..., vigie console, vigie up): pretty = readable lines (local time, level, service, event, message, fields), json = pino JSON lines, auto = pretty on a terminal; a VIGIE_LOG_FILE always gets JSON',
    expected: 'one of auto, json, pretty', parse: oneOf('auto', 'json', 'pretty'),
  }),
};

const paths = {
  dataDir: v({ env: 'VIGIE_DATA_DIR', default: resolve('.data'), defaultText: '.data', meaning: 'data folder (SQLite audit store, local state)', expected: 'a folder path', parse: path }),
  modelDir: v<string | null>({
    env: 'VIGIE_MODEL_DIR',
    default: join(REPO, 'models', 'vigie-fasttext-v1'),
    defaultText: '<repo>/models/vigie-fasttext-v1',
    meaning: "ONNX model folder (model.onnx + manifest.json), or 'none'",
    expected: "a folder path or 'none'",
    parse: (r: unknown) => (r === 'none' ? null : nullablePath(r))
  }),
  windowModelDir: v<string | null>({
    env: 'VIGIE_WINDOW_MODEL_DIR',
    default: join(REPO, 'models', 'vigie-window-v1'),
    defaultText: '<repo>/models/vigie-window-v1',
    meaning: "conversation-window model folder (input kind window-hashed-bag), or 'none' to turn it off",
    expected: "a folder path or 'none'",
    parse: (r: unknown) => (r === 'none' ? null : nullablePath(r)),
  }),
  rulesDir: v({ env: 'VIGIE_RULES_DIR', default: join(REPO, 'rules'), defaultText: '<repo>/rules', meaning: 'rule files folder', expected: 'a folder path', parse: path }),
  policyFile: v({
    env: 'VIGIE_POLICY_FILE',
    default: join(REPO, 'policies', 'default.json'),
    defaultText: '<repo>/policies/default.json',
    meaning: 'policy file',
    expected: 'a file path',
    parse: path
  }),
};

const formats = {
  input: v({
    env: 'VIGIE_INPUT_FORMAT',
    default: 'auto' as 'avro' | 'json' | 'auto',
    meaning: 'chat message format read: avro (Confluent wire format), json, or auto (by first byte)',
    expected: 'one of avro, json, auto',
    parse: oneOf('avro', 'json', 'auto')
  }),
  output: v({ env: 'VIGIE_OUTPUT_FORMAT', default: 'avro' as 'avro' | 'json', meaning: 'format of records Vigie writes', expected: 'one of avro, json', parse: oneOf('avro', 'json') }),
};

const worker = {
  groupId: v({ env: 'VIGIE_CLASSIFIER_GROUP', default: 'vigie-classifier', meaning: 'classifier consumer group (also transactional id prefix)', expected: 'a non-empty string', parse: text }),
  batchSize: v({ env: 'VIGIE_CLASSIFIER_BATCH_MAX', default: 64, meaning: 'messages per engine call (bounds event-loop blocking)', expected: 'an integer from 1 to 10000', parse: int(1, 10_000) }),
  batchMaxWaitMs: v({ env: 'VIGIE_CLASSIFIER_BATCH_WAIT_MS', default: 100, meaning: 'longest wait to fill a batch (ms)', expected: 'an integer from 0 to 60000', parse: int(0, 60_000) }),
  httpPort: v({ env: 'VIGIE_CLASSIFIER_HTTP_PORT', default: 9464, meaning: 'health and metrics port; 0 = random, -1 = off', expected: 'an integer from -1 to 65535', parse: int(-1, 65_535) }),
  httpHost: v({
    env: 'VIGIE_CLASSIFIER_HTTP_HOST', default: '127.0.0.1',
    meaning: 'address of the health and metrics port (no authentication: e.g. 0.0.0.0 inside a container network for a Prometheus on another host)',
    expected: LISTEN_HOST_EXPECTED, parse: listenHost,
  }),
  commitMs: v({
    env: 'VIGIE_CLASSIFIER_COMMIT_MS', default: 100,
    meaning: 'longest a commit window (one transaction over every owned partition) stays open after its first record (ms); with CLOSE_WHEN_DRAINED a window that is not full closes sooner, when the input has nothing more buffered',
    expected: 'an integer from 1 to 60000', parse: int(1, 60_000),
  }),
  closeWhenDrained: v({
    env: 'VIGIE_CLASSIFIER_CLOSE_WHEN_DRAINED', default: true,
    meaning: 'close a commit window as soon as the input has nothing more buffered (latency) instead of at COMMIT_MS or WINDOW_MAX',
    expected: 'true or false', parse: bool,
  }),
  windowGapMs: v<number | null>({
    env: 'VIGIE_CLASSIFIER_WINDOW_GAP_MS', default: null, defaultText: '50 (at most COMMIT_MS)',
    meaning: 'least time between two commit window closes with CLOSE_WHEN_DRAINED (ms): caps the transaction rate at 1000 / gap per process under a trickle',
    expected: 'an integer from 0 to 60000, at most COMMIT_MS', parse: nullableInt(0, 60_000),
  }),
  offsetCommit: v({
    env: 'VIGIE_CLASSIFIER_OFFSET_COMMIT', default: 'batched' as 'batched' | 'per-partition',
    meaning: "how a window's input offsets join its transaction: batched = one TxnOffsetCommit request for all partitions; per-partition = the client library's call, one request per partition one after the other (the earlier behaviour)",
    expected: 'one of batched, per-partition', parse: oneOf('batched', 'per-partition'),
  }),
  stallWarnMs: v({
    env: 'VIGIE_CLASSIFIER_STALL_WARN_MS', default: 30_000,
    meaning: 'the exactly-once loop waiting this long on one step (a commit, a rewind, a batch) is logged with what each part awaits (ms)',
    expected: 'an integer from 1000 to 86400000', parse: int(1000, 86_400_000),
  }),
  stallTimeoutMs: v({
    env: 'VIGIE_CLASSIFIER_STALL_TIMEOUT_MS', default: 900_000,
    meaning: 'the loop waiting this long on one step stops the worker with exit 1, for its supervisor to restart it (its partitions would stay unprocessed: the group still counts it); 0 = never; at least STALL_WARN_MS',
    expected: 'an integer from 0 to 86400000', parse: int(0, 86_400_000),
  }),
  progressWarnMs: v({
    env: 'VIGIE_CLASSIFIER_PROGRESS_WARN_MS', default: 600_000,
    meaning: 'input taken and not committed for this long (a loop that fetches, fails its commit, aborts and rewinds without end) is logged with the assignment and the aborts (a log, not /livez: see LIVEZ_PROGRESS_MS) (ms)',
    expected: 'an integer from 1000 to 86400000', parse: int(1000, 86_400_000),
  }),
  progressTimeoutMs: v({
    env: 'VIGIE_CLASSIFIER_PROGRESS_TIMEOUT_MS', default: 1_200_000,
    meaning: '... and this long stops the worker with exit 1, for its supervisor to restart it; 0 = never; at least PROGRESS_WARN_MS. An idle worker (no input) never trips it',
    expected: 'an integer from 0 to 86400000', parse: int(0, 86_400_000),
  }),
  backlogCheckMs: v({
    env: 'VIGIE_CLASSIFIER_BACKLOG_CHECK_MS', default: 30_000,
    meaning: 'how often the progress check asks the broker for the end (last stable offset) of the assigned input partitions (one ListOffsets request): records available there that the input neither fetches nor commits count as pending input, so a stream that stopped fetching after a clean commit trips PROGRESS_WARN_MS / LIVEZ_PROGRESS_MS / PROGRESS_TIMEOUT_MS like a loop that fails its commits; 0 = never (only input taken counts) (ms)',
    expected: 'an integer from 0 to 3600000 (0, or at least 1000)', parse: int(0, 3_600_000),
  }),
  hangingTxnSweepMs: v({
    env: 'VIGIE_CLASSIFIER_HANGING_TXN_SWEEP_MS', default: 30_000,
    meaning: "how often the worker looks for hanging transactions of the classifiers' own transactional ids on its output partitions and its group's offsets partition: a transaction its coordinator ended without writing one partition's marker (Kafka does so when that partition has no leader at the time, e.g. a single-node broker ending a transaction while it stops), which holds read_committed readers of that partition and the group's offsets (UNSTABLE_OFFSET_COMMIT) for ever; each one is ended with the marker its coordinator decided (WriteTxnMarkers, as `kafka-transactions.sh abort` does; ClusterAction under an authorizer); 0 = never (ms)",
    expected: 'an integer from 0 to 3600000 (0, or at least 1000)', parse: int(0, 3_600_000),
  }),
  livezStallMs: v<number | null>({
    env: 'VIGIE_CLASSIFIER_LIVEZ_STALL_MS', default: null, defaultText: '600000 (at most STALL_TIMEOUT_MS)',
    meaning: '/livez answers 503 (not live) once the loop has waited this long on one step: above the ~560 s a healthy commit plus its abort can take against a broker that drops packets, below the 900 s self-exit, so an orchestrator restarts a stuck worker first and does not restart healthy workers during a broker outage; the STALL_WARN_MS warning is only a log (ms)',
    expected: 'an integer from 1000 to 86400000, at most STALL_TIMEOUT_MS', parse: nullableInt(1000, 86_400_000),
  }),
  livezProgressMs: v<number | null>({
    env: 'VIGIE_CLASSIFIER_LIVEZ_PROGRESS_MS', default: null, defaultText: '900000 (at most PROGRESS_TIMEOUT_MS)',
    meaning: '/livez answers 503 (not live) once input has been taken and not committed this long: above the ~860 s a healthy worker can go without a commit (300 s outage, a commit and its abort, a rewind), below the 1200 s self-exit; the PROGRESS_WARN_MS warning is only a log (ms)',
    expected: 'an integer from 1000 to 86400000, at most PROGRESS_TIMEOUT_MS', parse: nullableInt(1000, 86_400_000),
  }),
  loadTimeoutMs: v({
    env: 'VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS', default: 120_000,
    meaning: '/livez answers 503 (not live), with a log line, once the engine load at start (rules, policy, models) has lasted this long: a load that hangs (a model directory on a stuck mount) was live for ever; a load that ends later logs engine.load_late and /livez is 200 again. A hot reload (a rule, policy or model change, SIGHUP) gets the same deadline: past it the previous engine is kept (engine.reload_timeout) and what loads later is applied then (one that fails keeps the previous engine; a change or SIGHUP made meanwhile is loaded after it); measured 1-5 s with one engine thread on 2 cores and up to ~23 s with 4 on 2 busy cores, so the default leaves ~5x; 0 = never (ms)',
    expected: 'an integer from 0 to 3600000 (0, or at least 1000)', parse: (r: unknown) => { const n = int(0, 3_600_000)(r); return n === 0 || (typeof n === 'number' && n >= 1000) ? n : INVALID; },
  }),
  shutdownTimeoutMs: v({
    env: 'VIGIE_CLASSIFIER_SHUTDOWN_TIMEOUT_MS', default: 12_000,
    meaning: 'longest orderly stop after SIGTERM/SIGINT or a fatal error (finish the window, leave the group, close); past it the worker logs what it awaited and exits 1',
    expected: 'an integer from 1000 to 600000', parse: int(1000, 600_000),
  }),
  windowMax: v({ env: 'VIGIE_CLASSIFIER_WINDOW_MAX', default: 5000, meaning: 'most input records in one commit window', expected: 'an integer from 1 to 100000', parse: int(1, 100_000) }),
  instance: v<string | null>({
    env: 'VIGIE_CLASSIFIER_INSTANCE', default: null, defaultText: '(random)', meaning: 'stable instance name (pod name): a restart fences its predecessor at once',
    expected: 'letters, digits, . _ - (1 to 100 characters)', parse: (r: unknown) => (r === null ? null : typeof r === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(r.trim()) ? r.trim() : INVALID),
  }),
  checkpointMs: v({
    env: 'VIGIE_CLASSIFIER_CHECKPOINT_MS', default: 5000, meaning: 'least time between state checkpoints (restore replays the rest); 0 = every batch',
    expected: 'an integer from 0 to 3600000', parse: int(0, 3_600_000),
  }),
  sessionTimeoutMs: v({
    env: 'VIGIE_CLASSIFIER_SESSION_TIMEOUT_MS', default: 10_000, meaning: 'classifier group session timeout (ms)', expected: 'an integer from 1000 to 3600000', parse: int(1000, 3_600_000),
  }),
  heartbeatMs: v({ env: 'VIGIE_CLASSIFIER_HEARTBEAT_MS', default: 1000, meaning: 'classifier heartbeat interval (ms)', expected: 'an integer from 100 to 600000', parse: int(100, 600_000) }),
  windowGate: v({
    env: 'VIGIE_CLASSIFIER_WINDOW_GATE', default: 0,
    meaning: 'the window model reads only messages whose conversation already shows evidence at or above this score; 0 = every message (finds more, costs ~10 % more engine CPU)',
    expected: 'a number from 0 to 1', parse: fraction,
  }),
  engineThreads: v<number | null>({
    env: 'VIGIE_ENGINE_THREADS', default: null, defaultText: '(cores − 1, at most 4, at least 1)',
    meaning: 'engine threads of the classifier (detection off the event loop, one onnxruntime thread each); 0 = the engine on the event loop',
    expected: 'an integer from 0 to 64', parse: nullableInt(0, 64),
  }),
  maxScoringChars: v({
    env: 'VIGIE_CLASSIFIER_MAX_SCORING_CHARS', default: 20_000, meaning: 'longer text is cut for scoring (textTruncated)', expected: 'an integer from 1', parse: int(1, 10_000_000),
  }),
  readAheadRecords: v<number | null>({
    env: 'VIGIE_CLASSIFIER_READ_AHEAD_RECORDS', default: null, defaultText: '(2 × VIGIE_CLASSIFIER_WINDOW_MAX, at least 10000)',
    meaning: 'input records buffered ahead of processing before fetching pauses (memory bound); below VIGIE_CLASSIFIER_WINDOW_MAX windows close on time (warned at start-up)',
    expected: 'an integer number of records from 1 to 1000000', parse: nullableInt(1, 1_000_000),
  }),
  stateCoolAfter: v({
    env: 'VIGIE_CLASSIFIER_STATE_COOL_AFTER', default: 2000,
    meaning: 'conversations and senders of the engine state not touched within this many touches (two per message, per partition) are kept encoded in memory until read again: less memory for more engine CPU, verdicts unchanged; 0 = off (default 2000 since round 37: docs/scaling.md "Memory")',
    expected: 'an integer from 0 to 1000000000', parse: int(0, 1_000_000_000),
  }),
  stateCoolMinEntries: v({
    env: 'VIGIE_CLASSIFIER_STATE_COOL_MIN_ENTRIES', default: 4000,
    meaning: 'idle entries are kept encoded only in a partition state holding at least this many conversations + senders',
    expected: 'an integer from 0 to 1000000000', parse: int(0, 1_000_000_000),
  }),
  readAheadBytes: v({
    env: 'VIGIE_CLASSIFIER_READ_AHEAD_BYTES', default: 8 * 1024 * 1024, meaning: 'input bytes (keys, values, headers) buffered ahead of processing before fetching pauses (memory bound)',
    expected: 'an integer number of bytes from 65536 (64 KiB) to 1073741824 (1 GiB)', parse: int(65_536, 1_073_741_824),
  }),
  stateCompression: v<'zstd' | 'gzip'>({
    env: 'VIGIE_STATE_COMPRESSION', default: 'gzip',
    meaning: 'compression of the state checkpoints written (both are always read): zstd costs ~4 × less CPU than gzip; gzip is what a release before round 39 can restore (see "State checkpoint format")',
    expected: 'zstd or gzip', parse: (r: unknown) => (r === 'zstd' || r === 'gzip' ? r : INVALID),
  }),
  stateFormat: v<3 | 4>({
    env: 'VIGIE_STATE_FORMAT', default: 3,
    meaning: 'format of the conversation state checkpoints written (3 and 4 are always read): 4 is ~5 % smaller but a worker of a release before round 21 cannot restore it (see "State checkpoint format")',
    expected: '3 or 4', parse: (r: unknown) => { const n = int(3, 4)(r); return n === INVALID ? INVALID : (n as 3 | 4); },
  }),
};

const database = {
  url: v<string | null>({
    env: 'DATABASE_URL',
    default: null,
    defaultText: '(unset: SQLite in the data folder)',
    meaning: 'PostgreSQL URL of the audit store',
    expected: 'a postgres:// or postgresql:// URL',
    parse: (r: unknown) => {
      const s = nullableText(r);
      return s === null || (s !== INVALID && /^postgres(ql)?:\/\//.test(s)) ? s : INVALID;
    },
  }),
  password: v<Secret | null>({
    env: 'DATABASE_PASSWORD', secret: true, default: null, defaultText: '(from the URL, if any)',
    meaning: 'PostgreSQL password (secret; or DATABASE_PASSWORD_FILE names a file holding it), so the URL need not carry it; refused without DATABASE_URL',
    expected: 'a non-empty string', parse: secret,
  }),
  sslMode: v<'disable' | 'require' | 'verify-ca' | 'verify-full' | null>({
    env: 'DATABASE_SSLMODE', default: null, defaultText: '(as the URL says; none = no TLS)',
    meaning: 'PostgreSQL TLS, as libpq: disable, require (encrypt, no check), verify-ca, verify-full (CA and host name); refused without DATABASE_URL, or with a URL carrying its own sslmode/ssl/sslrootcert/sslcert/sslkey/sslnegotiation',
    expected: 'one of disable, require, verify-ca, verify-full', parse: (r: unknown) => (r === null ? null : oneOf('disable', 'require', 'verify-ca', 'verify-full')(r)),
  }),
  sslCaFile: v<string | null>({
    env: 'DATABASE_SSL_CA_FILE', default: null, defaultText: '(system CAs)', meaning: 'PEM file of the CA that signs the PostgreSQL server certificate (with DATABASE_SSLMODE verify-ca or verify-full, or unset: then verify-full)',
    expected: 'a readable file path', parse: nullablePath,
  }),
  sqlitePath: v<string | null>({
    env: 'VIGIE_AUDIT_SQLITE',
    default: null,
    defaultText: '<VIGIE_DATA_DIR>/audit.sqlite',
    meaning: 'SQLite file of the audit store when DATABASE_URL is unset',
    expected: 'a file path',
    parse: nullablePath
  }),
};


const audit = {
  groupId: v({ env: 'VIGIE_AUDIT_GROUP', default: 'vigie-audit-sink', meaning: 'audit sink consumer group', expected: 'a non-empty string', parse: text }),
  consumeEscalations: v({
    env: 'VIGIE_AUDIT_ESCALATIONS', default: true, meaning: 'the audit sink stores escalations (from kafka.topics.escalations)', expected: 'true or false', parse: bool,
  }),
  consumeActions: v({
    env: 'VIGIE_AUDIT_ACTIONS', default: true, meaning: 'the audit sink stores moderation actions and publishes the blocklist', expected: 'true or false', parse: bool,
  }),
  pgSchema: v({
    env: 'VIGIE_AUDIT_PG_SCHEMA', default: 'public', meaning: 'PostgreSQL schema of the audit store (created if missing)',
    expected: 'a lower-case SQL identifier', parse: (r: unknown) => { const s = text(r); return s !== INVALID && /^[a-z_][a-z0-9_]{0,62}$/.test(s) ? s : INVALID; },
  }),
  retentionDays: v({ env: 'VIGIE_AUDIT_RETENTION_DAYS', default: 365, meaning: 'days technical data are kept', expected: 'a positive number of days', parse: positive }),
  textRetentionDays: v({
    env: 'VIGIE_AUDIT_TEXT_RETENTION_DAYS', default: 180, meaning: 'days the text of flagged messages is kept', expected: 'a positive number of days', parse: positive,
  }),
  retryMaxMs: v({ env: 'VIGIE_AUDIT_RETRY_MAX_MS', default: 10_000, meaning: 'longest wait between audit store retries (ms)', expected: 'a positive number', parse: positive }),
  blocklistIntervalMs: v({
    env: 'VIGIE_BLOCKLIST_INTERVAL_MS', default: 15_000, meaning: 'enforcement expiry check period (ms)', expected: 'a positive number', parse: positive,
  }),
  sessionTimeoutMs: v({
    env: 'VIGIE_AUDIT_SESSION_TIMEOUT_MS', default: 30_000, meaning: 'audit sink session timeout: how long a dead sink holds its partitions (ms)',
    expected: 'an integer from 6000 to 3600000', parse: int(6000, 3_600_000),
  }),
  httpPort: v({
    env: 'VIGIE_AUDIT_HTTP_PORT', default: 9465, meaning: 'audit sink health and metrics port (/livez, /readyz, /metrics); 0 = random, -1 = off',
    expected: 'an integer from -1 to 65535', parse: int(-1, 65_535),
  }),
  httpHost: v({
    env: 'VIGIE_AUDIT_HTTP_HOST', default: '127.0.0.1',
    meaning: 'address of the audit sink health and metrics port (no authentication: e.g. 0.0.0.0 inside a container network for a Prometheus on another host)',
    expected: LISTEN_HOST_EXPECTED, parse: listenHost,
  }),
  crashAfterWrites: v({
    env: 'VIGIE_AUDIT_FAULT_CRASH_AFTER_WRITES', default: 0, meaning: 'tests only: exit right after the N-th store write, before its offset commit (0 = off)',
    expected: 'an integer from 0', parse: int(0, Number.MAX_SAFE_INTEGER),
  }),
};

const shadow = {
  modelDir: v<string | null>({
    env: 'VIGIE_SHADOW_MODEL_DIR', default: null, defaultText: '(unset)', meaning: "shadow mode: candidate model folder, or 'none'",
    expected: "a folder path or 'none'", parse: (r: unknown) => (r === 'none' ? 'none' : nullablePath(r)),
  }),
  rulesDir: v<string | null>({
    env: 'VIGIE_SHADOW_RULES_DIR', default: null, defaultText: '(unset)', meaning: 'shadow mode: candidate rules folder', expected: 'a folder path', parse: nullablePath,
  }),
  policyFile: v<string | null>({
    env: 'VIGIE_SHADOW_POLICY_FILE', default: null, defaultText: '(unset)', meaning: 'shadow mode: candidate policy file', expected: 'a file path', parse: nullablePath,
  }),
};

const localBroker = {
  version: v<string | null>({
    env: 'KAFKA_VERSION', default: null, defaultText: `${KAFKA_VERSION}`,
    meaning: `Apache Kafka version of the local broker (3.x or 4.x, e.g. ${KAFKA_3_VERSION})`, expected: 'a release such as 3.9.2 or 4.4.0', parse: nullableText,
  }),
  port: v({ env: 'KAFKA_PORT', default: 9092, meaning: 'client port of the local broker (127.0.0.1)', expected: 'an integer from 1 to 65535', parse: int(1, 65_535) }),
  controllerPort: v<number | null>({
    env: 'KAFKA_CONTROLLER_PORT', default: null, defaultText: 'KAFKA_PORT + 1', meaning: 'KRaft controller port of the local broker',
    expected: 'an integer from 1 to 65535', parse: nullableInt(1, 65_535),
  }),
  dataDir: v<string | null>({
    env: 'VIGIE_KAFKA_DATA_DIR', default: null, defaultText: '<repo>/.data/kafka', meaning: 'local broker data: KRaft storage, pid file, logs',
    expected: 'a folder path', parse: nullablePath,
  }),
  cacheDir: v<string | null>({
    env: 'VIGIE_KAFKA_CACHE_DIR', default: null, defaultText: '<repo>/.cache/kafka', meaning: 'cache of the Kafka jars fetched from Maven Central',
    expected: 'a folder path', parse: nullablePath,
  }),
  heapOpts: v<string | null>({
    env: 'KAFKA_HEAP_OPTS', default: null, defaultText: '-Xms256m -Xmx1g', meaning: 'JVM heap flags of the local broker',
    expected: 'JVM flags such as "-Xms256m -Xmx1g"', parse: (r: unknown) => { const s = nullableText(r); return s === INVALID || (s !== null && s.split(/\s+/).some((f) => !f.startsWith('-'))) ? INVALID : s; },
  }),
  javaHome: v<string | null>({ env: 'JAVA_HOME', default: null, defaultText: '(java on PATH)', meaning: 'Java 17+ used to run the broker', expected: 'a folder path', parse: nullablePath }),
  mvn: v({ env: 'VIGIE_MVN', default: 'mvn', meaning: 'Maven executable used to fetch the jars once', expected: 'a non-empty string', parse: text }),
};

/** Kafka TLS and SASL, compiled into KafkaSecurityConfig (see below) with their cross-checks. */
const kafkaSecurity = {
  tls: v({ env: 'VIGIE_KAFKA_TLS', default: false, meaning: 'connect to Kafka over TLS (on by itself when a CA, certificate or key file is set)', expected: 'true or false', parse: bool }),
  caFile: v<string | null>({
    env: 'VIGIE_KAFKA_TLS_CA_FILE', default: null, defaultText: '(system CAs)', meaning: 'PEM file of the CA(s) that sign the brokers\' certificates',
    expected: 'a readable file path', parse: nullablePath,
  }),
  certFile: v<string | null>({
    env: 'VIGIE_KAFKA_TLS_CERT_FILE', default: null, defaultText: '(none)', meaning: 'PEM client certificate (mutual TLS; needs the key file)',
    expected: 'a readable file path', parse: nullablePath,
  }),
  keyFile: v<string | null>({
    env: 'VIGIE_KAFKA_TLS_KEY_FILE', default: null, defaultText: '(none)', meaning: 'PEM private key of the client certificate', expected: 'a readable file path', parse: nullablePath,
  }),
  saslMechanism: v<'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | null>({
    env: 'VIGIE_KAFKA_SASL_MECHANISM', default: null, defaultText: '(no SASL)', meaning: 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512',
    expected: 'one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512', parse: (r: unknown) => (r === null ? null : oneOf('PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512')(r)),
  }),
  saslUsername: v<string | null>({
    env: 'VIGIE_KAFKA_SASL_USERNAME', default: null, defaultText: '(none)', meaning: 'SASL user name', expected: 'a non-empty string', parse: nullableText,
  }),
  saslPassword: v<Secret | null>({
    env: 'VIGIE_KAFKA_SASL_PASSWORD', secret: true, default: null, defaultText: '(none)',
    meaning: 'SASL password (secret; or VIGIE_KAFKA_SASL_PASSWORD_FILE names a file holding it)', expected: 'a non-empty string', parse: secret,
  }),
  saslPlaintext: v({
    env: 'VIGIE_KAFKA_SASL_PLAINTEXT', default: false,
    meaning: 'accept SASL PLAIN without TLS (the password crosses the network in clear; refused at start-up unless true, and warned in the log when used)',
    expected: 'true or false', parse: bool,
  }),
};

/** Every section, in the order tables list them. `kafka.topics` is nested under kafka. */
export const SECTIONS = { kafka, topics, kafkaSecurity, logging, paths, formats, worker, database, audit, shadow, localBroker };
type SectionName = keyof typeof SECTIONS;
type Compiled<S> = { -readonly [K in keyof S]: S[K] extends VarSpec<infer T> ? T : never };

/**
 * Kafka TLS and SASL settings, validated, with the PEM files already read (a missing or unreadable file
 * is a configuration problem reported with the others, not a connection error later). The Kafka client
 * factory takes this object; `tls: null` means plaintext, `sasl: null` no authentication.
 */
export interface KafkaSecurityConfig {
  tls: null | {
    /** PEM text of the CA file; null = the system CAs. */
    ca: string | null;
    /** PEM client certificate and its key (mutual TLS), both or neither. */
    cert: string | null;
    key: Secret | null;
    /** The files they were read from, for messages. */
    files: { ca: string | null; cert: string | null; key: string | null };
  };
  sasl: null | { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: Secret };
}

/** PostgreSQL settings beyond the URL: the password and TLS, in the shape node-postgres takes (`password`, `ssl`). */
export interface PgConnectionConfig {
  password: Secret | null;
  /** false = no TLS; an object = TLS options for node-postgres; null = as the URL says. */
  ssl: null | false | { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined };
}

export type KafkaConfig = Compiled<typeof kafka> & { topics: Compiled<typeof topics>; security: KafkaSecurityConfig };
export interface VigieConfig {
  kafka: KafkaConfig;
  logging: Compiled<typeof logging>;
  paths: Compiled<typeof paths>;
  formats: Compiled<typeof formats>;
  worker: Compiled<typeof worker>;
  database: Omit<Compiled<typeof database>, 'sqlitePath' | 'sslCaFile'> & { sqlitePath: string; sslCaFile: string | null; pg: PgConnectionConfig };
  audit: Compiled<typeof audit>;
  shadow: Compiled<typeof shadow>;
  localBroker: Compiled<typeof localBroker>;
}

/** Where a section lives in the config file (and in VigieConfig). */
const FILE_PATH: Record<SectionName, string[]> = {
  kafka: ['kafka'], topics: ['kafka', 'topics'], kafkaSecurity: ['kafka', 'security'], logging: ['logging'], paths: ['paths'], formats: ['formats'],
  worker: ['worker'], database: ['database'], audit: ['audit'], shadow: ['shadow'], localBroker: ['localBroker'],
};

export interface ConfigVariable { name: string; fileKey: string; default: string; meaning: string; secret?: boolean }

/** Machine-readable table of every variable: name, file key, default, meaning. */
export const CONFIG_VARIABLES: ConfigVariable[] = (Object.keys(SECTIONS) as SectionName[]).flatMap((s) =>
  Object.entries(SECTIONS[s] as Record<string, VarSpec<unknown>>).map(([key, spec]) => ({
    name: spec.env,
    fileKey: [...FILE_PATH[s], key].join('.'),
    default: spec.defaultText ?? (Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default)),
    meaning: spec.meaning,
    ...(spec.secret ? { secret: true } : {}),
  })));

/** The --help block of every command that logs through common/logger.ts (level, format, file, redaction). */
export function loggingHelp(): string {
  return `environment (logs):\n${envHelp(['logging'])}`;
}

/** The --help block of the commands that connect to the local broker when KAFKA_BROKERS is unset (topics, replay). */
export function localBrokerHelp(): string {
  return `environment (the local broker, used when KAFKA_BROKERS is unset):\n${envHelp(['localBroker'])}`;
}

/** The --help block of every command that connects to Kafka: its TLS and SASL settings. */
export function kafkaSecurityHelp(): string {
  return `environment (Kafka TLS and SASL, docs/security.md):\n${envHelp(['kafkaSecurity'])}`;
}

/**
 * Lines for a command's --help: the variables it reads (by name, or every variable of a section).
 * Unknown names throw, so help text cannot drift from the table.
 */
export function envHelp(names: (string | SectionName)[]): string {
  const rows = names.flatMap((n) => {
    if (n in SECTIONS) return CONFIG_VARIABLES.filter((r) => r.fileKey.startsWith(`${FILE_PATH[n as SectionName].join('.')}.`)
      && r.fileKey.split('.').length === FILE_PATH[n as SectionName].length + 1);
    const row = CONFIG_VARIABLES.find((r) => r.name === n);
    if (!row) throw new Error(`envHelp: unknown variable ${n}`);
    return [row];
  });
  return rows.map((r) => `  ${r.name.padEnd(30)} ${r.meaning} (default ${r.default})`).join('\n');
}

export interface ConfigSources {
  env: Record<string, string | undefined>;
  /** Parsed VIGIE_CONFIG file, if any. */
  file?: unknown;
  /** Its path, for messages. */
  fileName?: string;
  /**
   * Command-line flags, keyed by the environment variable they stand for (a flag wins over the
   * environment and the file); `flagNames` gives the flag as typed, for messages.
   */
  flags?: Record<string, string | undefined>;
  flagNames?: Record<string, string>;
  /** Reads a file named by a setting (secrets `*_FILE`, CA/cert/key files). Default: none may be read. */
  readFile?: (path: string) => string;
}

/** Compiles and validates; throws ConfigError listing every problem. Pure (files are read through `src.readFile`). */
export function compileConfig(src: ConfigSources): VigieConfig {
  const problems: string[] = [];
  const file = src.file ?? {};
  const where = src.fileName ? ` in ${src.fileName}` : '';
  const readFile = src.readFile ?? ((p: string) => { throw new Error(`cannot read ${p} here`); });
  const tryRead = (label: string, p: string): string | null => {
    try { return readFile(p); } catch (err) {
      problems.push(`${label} = ${JSON.stringify(p)}: cannot read it (${(err as Error).message})`);
      return null;
    }
  };
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new ConfigError([`VIGIE_CONFIG file${where}: expected a JSON object with sections ${Object.keys(FILE_PATH).filter((k) => k !== 'topics').join(', ')}`]);
  }
  checkUnknownKeys(file as Record<string, unknown>, problems, where);
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of Object.keys(SECTIONS) as SectionName[]) {
    const fromFile = dig(file, FILE_PATH[s]);
    const section: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(SECTIONS[s] as Record<string, VarSpec<unknown>>)) {
      const fileKey = [...FILE_PATH[s], key].join('.');
      // Sources in order of precedence: flag, environment, environment *_FILE, file key, file key *File.
      const candidates: { label: string; raw: () => unknown; shown: unknown }[] = [];
      const flagRaw = src.flags?.[spec.env];
      if (flagRaw !== undefined && flagRaw !== '') candidates.push({ label: src.flagNames?.[spec.env] ?? `flag for ${spec.env}`, raw: () => flagRaw, shown: flagRaw });
      const envRaw = src.env[spec.env];
      if (envRaw !== undefined && envRaw !== '') candidates.push({ label: spec.env, raw: () => envRaw, shown: envRaw });
      const envFile = spec.secret ? src.env[`${spec.env}_FILE`] : undefined;
      if (envFile) candidates.push({ label: `${spec.env}_FILE`, raw: () => secretFrom(tryRead(`${spec.env}_FILE`, envFile)), shown: null });
      if (fromFile?.[key] !== undefined) candidates.push({ label: `${fileKey}${where} (or ${spec.env})`, raw: () => fromFile[key], shown: fromFile[key] });
      const fileKeyFile = spec.secret ? fromFile?.[`${key}File`] : undefined;
      if (typeof fileKeyFile === 'string') candidates.push({ label: `${fileKey}File${where}`, raw: () => secretFrom(tryRead(`${fileKey}File${where}`, fileKeyFile)), shown: null });
      let value: unknown = spec.default;
      const first = candidates[0];
      if (first) {
        const raw = first.raw();
        const p = raw === INVALID ? INVALID : spec.parse(raw);
        // A secret's value is never repeated in a message; an unreadable file was reported by tryRead.
        if (p === INVALID && raw !== INVALID) problems.push(`${first.label} = ${spec.secret ? '(secret)' : JSON.stringify(first.shown)}: expected ${spec.expected}`);
        else if (p !== INVALID) value = p;
      }
      section[key] = value;
    }
    out[s] = section;
  }
  const security = out.kafkaSecurity as Compiled<typeof kafkaSecurity>;
  const db = out.database as Compiled<typeof database>;
  const kafkaSec = compileKafkaSecurity(security, problems, tryRead);
  const pgConn = compilePgConnection(db, problems, tryRead);
  if (problems.length) throw new ConfigError(problems);
  const { topics: t, kafkaSecurity: _security, ...rest } = out;
  // The prefix is applied here, once, so every reader of cfg.kafka.topics gets the real names.
  const prefix = String(out.kafka!.topicPrefix);
  const prefixed = Object.fromEntries(Object.entries(t!).map(([k, name]) => [k, `${prefix}${String(name)}`]));
  const cfg = { ...rest, kafka: { ...out.kafka, topics: prefixed, security: kafkaSec }, database: { ...db, pg: pgConn } } as unknown as VigieConfig;
  cfg.database.sqlitePath ??= join(cfg.paths.dataDir, 'audit.sqlite');
  return cfg;
}

/** A secret read from a file: one trailing newline (as `echo` writes) is not part of it. */
function secretFrom(content: string | null): unknown {
  return content === null ? INVALID : content.replace(/\r?\n$/, '');
}

function compileKafkaSecurity(s: Compiled<typeof kafkaSecurity>, problems: string[], read: (label: string, p: string) => string | null): KafkaSecurityConfig {
  const ca = s.caFile ? read('VIGIE_KAFKA_TLS_CA_FILE', s.caFile) : null;
  const cert = s.certFile ? read('VIGIE_KAFKA_TLS_CERT_FILE', s.certFile) : null;
  const key = s.keyFile ? read('VIGIE_KAFKA_TLS_KEY_FILE', s.keyFile) : null;
  if (ca !== null && !ca.includes('-----BEGIN CERTIFICATE-----')) problems.push(`VIGIE_KAFKA_TLS_CA_FILE = ${JSON.stringify(s.caFile)}: expected PEM certificates`);
  if (cert !== null && !cert.includes('-----BEGIN CERTIFICATE-----')) problems.push(`VIGIE_KAFKA_TLS_CERT_FILE = ${JSON.stringify(s.certFile)}: expected a PEM certificate`);
  if (key !== null && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) problems.push(`VIGIE_KAFKA_TLS_KEY_FILE = ${JSON.stringify(s.keyFile)}: expected a PEM private key`);
  if (Boolean(s.certFile) !== Boolean(s.keyFile)) problems.push('VIGIE_KAFKA_TLS_CERT_FILE and VIGIE_KAFKA_TLS_KEY_FILE: set both (mutual TLS) or neither');
  const tlsOn = s.tls || Boolean(s.caFile || s.certFile || s.keyFile);
  let sasl: KafkaSecurityConfig['sasl'] = null;
  if (s.saslMechanism) {
    if (!s.saslUsername) problems.push(`VIGIE_KAFKA_SASL_USERNAME: required with VIGIE_KAFKA_SASL_MECHANISM = ${s.saslMechanism}`);
    if (!s.saslPassword) problems.push(`VIGIE_KAFKA_SASL_PASSWORD or VIGIE_KAFKA_SASL_PASSWORD_FILE: required with VIGIE_KAFKA_SASL_MECHANISM = ${s.saslMechanism}`);
    if (s.saslUsername && s.saslPassword) sasl = { mechanism: s.saslMechanism, username: s.saslUsername, password: s.saslPassword };
    // PLAIN sends the password itself: over a plaintext connection anyone on the path reads it.
    if (s.saslMechanism === 'PLAIN' && !tlsOn && !s.saslPlaintext) {
      problems.push('VIGIE_KAFKA_SASL_MECHANISM = PLAIN without VIGIE_KAFKA_TLS (or a VIGIE_KAFKA_TLS_* file) would send the Kafka password in clear: '
        + 'set VIGIE_KAFKA_TLS=true, use SCRAM-SHA-256 / SCRAM-SHA-512, or set VIGIE_KAFKA_SASL_PLAINTEXT=true to accept it');
    }
  } else if (s.saslUsername || s.saslPassword) {
    problems.push('VIGIE_KAFKA_SASL_USERNAME / VIGIE_KAFKA_SASL_PASSWORD set without VIGIE_KAFKA_SASL_MECHANISM (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)');
  }
  return {
    tls: tlsOn ? { ca, cert, key: key === null ? null : new Secret(key), files: { ca: s.caFile, cert: s.certFile, key: s.keyFile } } : null,
    sasl,
  };
}

function compilePgConnection(d: Compiled<typeof database>, problems: string[], read: (label: string, p: string) => string | null): PgConnectionConfig {
  const ca = d.sslCaFile ? read('DATABASE_SSL_CA_FILE', d.sslCaFile) : null;
  if (ca !== null && !ca.includes('-----BEGIN CERTIFICATE-----')) problems.push(`DATABASE_SSL_CA_FILE = ${JSON.stringify(d.sslCaFile)}: expected PEM certificates`);
  if (d.sslCaFile && (d.sslMode === 'disable' || d.sslMode === 'require')) {
    problems.push(`DATABASE_SSL_CA_FILE is set but DATABASE_SSLMODE = ${d.sslMode} does not check the server: use verify-ca or verify-full`);
  }
  const withCa = ca !== null ? { ca } : {};
  const ssl: PgConnectionConfig['ssl'] = d.sslMode === null ? (ca !== null ? { rejectUnauthorized: true, ...withCa } : null)
    : d.sslMode === 'disable' ? false
      : d.sslMode === 'require' ? { rejectUnauthorized: false }
        // verify-ca checks the chain but not the host name, as libpq does.
        : d.sslMode === 'verify-ca' ? { rejectUnauthorized: true, ...withCa, checkServerIdentity: () => undefined }
          : { rejectUnauthorized: true, ...withCa };
  return { password: d.password, ssl };
}

export interface LoadOptions {
  /** Flags keyed by the environment variable they stand for; see ConfigSources.flags. */
  flags?: Record<string, string | undefined>;
  flagNames?: Record<string, string>;
}

/** Reads VIGIE_CONFIG (if set), the environment and the given flags. For main-level code only. */
export function loadConfig(env: Record<string, string | undefined> = process.env, opts: LoadOptions = {}): VigieConfig {
  const fileName = env.VIGIE_CONFIG;
  const readFile = (p: string) => readFileSync(p, 'utf8');
  const base = { env, readFile, ...(opts.flags ? { flags: opts.flags } : {}), ...(opts.flagNames ? { flagNames: opts.flagNames } : {}) };
  if (!fileName) return recorded(compileConfig(base), env);
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(fileName, 'utf8'));
  } catch (err) {
    throw new ConfigError([`VIGIE_CONFIG = ${JSON.stringify(fileName)}: cannot read it as JSON (${(err as Error).message})`]);
  }
  return recorded(compileConfig({ ...base, file, fileName }), env);
}

/**
 * The variables behind a configuration path, as `--help` names them: a section's key is its variable; `kafka.security`
 * and `database.pg` are built from several. Empty for a path that is a section itself.
 */
export function variablesAt(path: string[]): string[] {
  const key = path.join('.');
  if (key === 'kafka.security' || key.startsWith('kafka.security.')) return envNames('kafkaSecurity');
  if (key === 'database.pg' || key.startsWith('database.pg.')) return ['DATABASE_PASSWORD', 'DATABASE_SSLMODE', 'DATABASE_SSL_CA_FILE'];
  if (key === 'database.sqlitePath') return ['VIGIE_AUDIT_SQLITE', 'VIGIE_DATA_DIR']; // defaults to <VIGIE_DATA_DIR>/audit.sqlite
  const row = CONFIG_VARIABLES.find((r) => r.fileKey === key);
  return row ? [row.name] : [];
}

function envNames(section: SectionName): string[] {
  return Object.values(SECTIONS[section] as Record<string, VarSpec<unknown>>).map((spec) => spec.env);
}

/**
 * With VIGIE_TEST_CONFIG_READS=FILE (tests only), every variable the command reads out of its configuration is appended
 * to FILE as `<command>\t<name>` lines, when first read (help-settings.test.ts). Without it, the configuration as it is.
 */
function recorded(cfg: VigieConfig, env: Record<string, string | undefined>): VigieConfig {
  const file = env.VIGIE_TEST_CONFIG_READS;
  if (!file) return cfg;
  const seen = new Set<string>();
  // The command that reads (`up` runs `run classifier` and `console` as children with the same environment).
  const command = process.argv.slice(2).filter((a) => !a.startsWith('-')).join(' ');
  return recordingProxy(cfg, (path) => {
    for (const name of variablesAt(path)) if (!seen.has(name)) { seen.add(name); appendFileSync(file, `${command}\t${name}\n`); }
  });
}

function dig(obj: unknown, keys: string[]): Record<string, unknown> | undefined {
  let cur: unknown = obj;
  for (const k of keys) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>) : undefined;
}

/** A misspelt key in the file would otherwise be ignored silently. */
function checkUnknownKeys(file: Record<string, unknown>, problems: string[], where: string): void {
  const known = new Set(CONFIG_VARIABLES.flatMap((r) => (r.secret ? [r.fileKey, `${r.fileKey}File`] : [r.fileKey])));
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, val] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (known.has(key)) continue;
      if (val && typeof val === 'object' && !Array.isArray(val) && [...known].some((n) => n.startsWith(`${key}.`))) walk(val as Record<string, unknown>, key);
      else problems.push(`${key}${where}: unknown setting (known: ${[...known].filter((n) => n.startsWith(prefix)).slice(0, 12).join(', ')}${known.size > 12 ? ', ...' : ''})`);
    }
  };
  walk(file, '');
}

/**
 * VIGIE_ variables read outside the configuration table: the console's own settings, the operator name of the
 * commands, the classifier's node-flags switch and re-exec marker, docker-compose's PostgreSQL password, test
 * and bench switches. With CONFIG_VARIABLES (and `<secret>_FILE`) they are every VIGIE_ name Vigie reads
 * (config.test.ts checks the sources against this list).
 */
export const OTHER_VIGIE_VARIABLES = [
  'VIGIE_CONFIG', 'VIGIE_OPERATOR', 'VIGIE_CLASSIFIER_NODE_FLAGS', 'VIGIE_CLASSIFIER_REEXECUTED', 'VIGIE_PG_PASSWORD',
  'VIGIE_CONSOLE_PORT', 'VIGIE_CONSOLE_HOST', 'VIGIE_CONSOLE_TLS_CERT', 'VIGIE_CONSOLE_TLS_KEY', 'VIGIE_CONSOLE_TLS_PROXY',
  'VIGIE_CONSOLE_TRUSTED_PROXIES', 'VIGIE_CONSOLE_TARGET_P0_MIN', 'VIGIE_CONSOLE_TARGET_P1_MIN', 'VIGIE_CONSOLE_TARGET_P2_MIN',
  'VIGIE_CONSOLE_PAGE_SIZE', 'VIGIE_CONSOLE_LOGIN_MAX_FAILURES', 'VIGIE_TEST_DATABASE_URL', 'VIGIE_TESTCONTAINERS', 'VIGIE_BENCH_DEBUG',
  'VIGIE_TEST_FREEZE_INPUT_FILE', 'VIGIE_TEST_CONFIG_READS',
];

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Names other tools give the broker list: a Vigie service given one of these alone would use its default broker. */
const BROKER_LIST_ALIASES = new Set(['KAFKA_BOOTSTRAP_SERVERS', 'BOOTSTRAP_SERVERS', 'KAFKA_BOOTSTRAP_SERVER', 'KAFKA_BROKER_LIST', 'KAFKA_URL']);
/**
 * Other names for a TLS file setting, ignored without a word until stop 54: libpq's name for the server CA
 * (sslrootcert), a certificate file (Vigie reads no PostgreSQL client certificate: the CA is the file it takes).
 */
const TLS_FILE_ALIASES = new Map([
  ['DATABASE_SSLROOTCERT', 'DATABASE_SSL_CA_FILE'], ['DATABASE_SSL_ROOT_CERT', 'DATABASE_SSL_CA_FILE'], ['DATABASE_SSLROOTCERT_FILE', 'DATABASE_SSL_CA_FILE'],
  ['DATABASE_SSL_CERT_FILE', 'DATABASE_SSL_CA_FILE'], ['DATABASE_SSL_CERT', 'DATABASE_SSL_CA_FILE'],
]);
/** The unprefixed settings whose misspelling matters most (the broker, the audit database): their near misses are named too. */
const UNPREFIXED_CHECKED = ['KAFKA_BROKERS', 'DATABASE_URL', 'DATABASE_PASSWORD', 'DATABASE_SSLMODE', 'DATABASE_SSL_CA_FILE'];

/**
 * The checked unprefixed setting a name not known stands for, or null: another tool's name for the broker list
 * (KAFKA_BOOTSTRAP_SERVERS), a shortened name (DATABASE_SSL, DATABASE_PASS: at least 3 letters of its last word), or a
 * typo changing at most a third of the setting's last word (KAFKA_BROKER, DATABASE_URI; stop 51: DATABASE_SSL was
 * "DATABASE_URL?", two letters of three changed, although it is not a typo of it). The nearest wins.
 */
function unprefixedSuggestion(upper: string): string | null {
  if (BROKER_LIST_ALIASES.has(upper)) return 'KAFKA_BROKERS';
  const cut = upper.lastIndexOf('_');
  const shortened = UNPREFIXED_CHECKED.find((k) => k.startsWith(upper) && k.lastIndexOf('_') === cut && upper.length - cut - 1 >= 3);
  if (shortened) return shortened;
  let best: string | null = null, bestD = Infinity;
  for (const k of UNPREFIXED_CHECKED) {
    const lastWord = k.length - k.lastIndexOf('_') - 1;
    const d = editDistance(upper, k);
    if (d <= Math.max(1, Math.floor(lastWord / 3)) && d < bestD) { best = k; bestD = d; }
  }
  return best;
}

/**
 * Variables of the environment meant for Vigie that it does not read, each with the known name meant when one is
 * near: a VIGIE_ name it does not know (a misspelt retention-days variable would otherwise leave the 365-day default in
 * force without a word); a VIGIE_ name in the wrong case (`vigie_topic_prefix`: names are case-sensitive, and a service
 * without its prefix reads and writes another tenant's topics); VIGIE_ before an unprefixed setting or a near miss of one
 * (VIGIE_ and DATABASE_URL, VIGIE_ and KAFKA_BROKER); a near miss of KAFKA_BROKERS or DATABASE_URL (`KAFKA_BROKER`, `kafka_brokers`,
 * `KAFKA_BOOTSTRAP_SERVERS`: without KAFKA_BROKERS a service uses a local or test broker, not the deployment's).
 * Kubernetes service-link variables (`<SERVICE>_SERVICE_HOST`, `_SERVICE_PORT…`, `_PORT_<n>_TCP…`) are skipped.
 */
export function unknownVigieVariables(env: Record<string, string | undefined>): { name: string; suggestion: string | null }[] {
  const known = new Set([...CONFIG_VARIABLES.flatMap((r) => (r.secret ? [r.name, `${r.name}_FILE`] : [r.name])), ...OTHER_VIGIE_VARIABLES]);
  const closest = (name: string): { best: string | null; d: number } => {
    let best: string | null = null, d = Infinity;
    for (const k of known) { const e = editDistance(name, k); if (e < d) { d = e; best = k; } }
    return { best, d };
  };
  // A near miss of a secret's `_FILE` form is named with that form (DATABASE_PASS_FILE: DATABASE_PASSWORD_FILE): the setting
  // alone would take the file's path for the password.
  const fileForm = (s: string | null): string | null => (s !== null && known.has(`${s}_FILE`) ? `${s}_FILE` : s);
  // `<setting>_FILE` is read for secrets only (DATABASE_PASSWORD_FILE): DATABASE_URL_FILE (a Docker secret) was
  // ignored without a word, and the audit trail went to a SQLite file in the container (review of ops50). The stem
  // is the setting meant, checked as a name of its own, with VIGIE_ before it or not (stop 52: KAFKA_BROKERS_FILE with
  // VIGIE_ before it, two mistakes at once, was 7 edits from every known name and got no suggestion; _FILE after
  // VIGIE_RULES_DIR neither). A stem whose `<stem>_CA_FILE` is a setting meant that CA file first (the TLS CA settings
  // are named so: DATABASE_SSL_FILE is DATABASE_SSL_CA_FILE, not DATABASE_SSLMODE; the Kafka TLS switch's name with
  // _FILE is its CA file, not the switch).
  const fromStem = (upper: string): string | null => {
    if (!upper.endsWith('_FILE')) return null;
    const stem = upper.slice(0, -5);
    for (const s of stem.startsWith('VIGIE_') ? [stem, stem.slice(6)] : [stem]) {
      if (known.has(`${s}_CA_FILE`)) return `${s}_CA_FILE`;
      if (known.has(s)) return s;
    }
    return null;
  };
  // A near miss of an unprefixed setting (KAFKA_BROKER, DATABASE_SSL), with or without _FILE.
  const nearUnprefixed = (rest: string): string | null =>
    unprefixedSuggestion(rest) ?? (rest.endsWith('_FILE') ? fileForm(unprefixedSuggestion(rest.slice(0, -5))) : null);
  const out: { name: string; suggestion: string | null }[] = [];
  for (const name of Object.keys(env).sort()) {
    if (env[name] === undefined || known.has(name)) continue;
    if (/_SERVICE_(HOST|PORT)(_|$)|_PORT_\d+_(TCP|UDP|SCTP)(_|$)/i.test(name) || (/_PORT$/i.test(name) && /^(tcp|udp|sctp):\/\//.test(env[name] ?? ''))) continue;
    const upper = name.toUpperCase();
    if (upper !== name && known.has(upper)) { out.push({ name, suggestion: upper }); continue; }
    if (upper.startsWith('VIGIE_') && known.has(upper.slice(6))) { out.push({ name, suggestion: upper.slice(6) }); continue; }
    const stemmed = fromStem(upper);
    if (stemmed !== null) { out.push({ name, suggestion: stemmed }); continue; }
    const alias = TLS_FILE_ALIASES.get(upper.startsWith('VIGIE_') ? upper.slice(6) : upper);
    if (alias) { out.push({ name, suggestion: alias }); continue; }
    // A Kafka setting with VIGIE_ left out (KAFKA_TLS_CA_FILE, KAFKA_SASL_PASSWORD: KAFKA_BROKERS has no prefix, these have; review of ops54).
    if (upper.startsWith('KAFKA_') && known.has(`VIGIE_${upper}`)) { out.push({ name, suggestion: `VIGIE_${upper}` }); continue; }
    // A Kafka TLS file named without TLS_ (KAFKA_CA_FILE, with the VIGIE_ prefix or not: 4 edits from the CA setting, no suggestion until stop 54).
    const withTls = upper.replace(/^(VIGIE_)?KAFKA_/, 'VIGIE_KAFKA_TLS_');
    if (withTls !== upper && /_FILE$/.test(upper) && known.has(withTls)) { out.push({ name, suggestion: withTls }); continue; }
    if (upper.startsWith('VIGIE_')) {
      const { best, d } = closest(upper);
      // A near VIGIE_ setting first; else VIGIE_ before a near miss of an unprefixed one (VIGIE_ and KAFKA_BROKER: no
      // suggestion before stop 51, and the service used the local broker).
      out.push({ name, suggestion: d <= Math.min(3, (name.length - 6) / 3) ? best : nearUnprefixed(upper.slice(6)) });
      continue;
    }
    const near = nearUnprefixed(upper);
    if (near) out.push({ name, suggestion: near });
  }
  return out;
}
