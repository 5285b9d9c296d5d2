import { parseArgs, UsageError, type Command } from '../command.js';
import { ConfigError, VigieError } from '../../contracts/errors.js';
import { envHelp, kafkaSecurityHelp, loadConfig, type VigieConfig } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { createCodecs } from '../../contracts/index.js';
import { resolveBrokersFromEnv } from '../../kafka/brokers.js';
import { compileEngineOptions, createEngine, createState, encodeState, restoreState, type EngineOptions, type EngineState } from '../../engine/engine.js';
import { EngineHolder, type EngineFactory } from '../../classifier-worker/engine-holder.js';
import { EngineThreadPool } from '../../classifier-worker/engine-pool.js';
import { loadDeadline } from '../../classifier-worker/load-deadline.js';
import { InProcessEngines, type PartitionEngines } from '../../classifier-worker/partition-engines.js';
import { startHttpServer, type Probe } from '../../classifier-worker/http-server.js';
import { KafkaClient } from '../../kafka/client.js';
import { explainSecurityError } from '../../kafka/security-errors.js';
import { WorkerMetrics } from '../../classifier-worker/metrics.js';
import { compileWorkerOptions, DEFAULT_TOPICS, readAheadWarning, type RawWorkerOptions } from '../../classifier-worker/options.js';
import { ClassifierWorker } from '../../classifier-worker/worker.js';
import { Shadow, shadowOptionsFromConfig, SHADOW_ENV_HELP } from '../../classifier-worker/shadow.js';
import { EVENTS } from '../../common/events.js';
import { handleHangup } from '../../common/hangup.js';
import { CLASSIFIER_NODE_FLAGS, ensureClassifierNodeFlags, NODE_FLAGS_ENV } from '../../classifier-worker/node-flags.js';
import { stopWithin } from '../../classifier-worker/stall.js';
import { loadLiveness } from '../../classifier-worker/liveness.js';

/** Environment variable → option (flags win over the environment). */
const ENV: { env: string; flag: string; def: string; meaning: string }[] = [
  { env: 'KAFKA_BROKERS', flag: 'brokers', def: '(local broker)', meaning: 'comma-separated host:port; unset = the local broker (started if needed)' },
  { env: 'VIGIE_CLASSIFIER_GROUP', flag: 'group', def: 'vigie-classifier', meaning: 'consumer group; also the transactional id prefix' },
  { env: 'VIGIE_TOPIC_MESSAGES', flag: 'input-topic', def: DEFAULT_TOPICS.input, meaning: 'input chat messages' },
  { env: 'VIGIE_TOPIC_VERDICTS', flag: 'verdicts-topic', def: DEFAULT_TOPICS.verdicts, meaning: 'one Verdict per input message' },
  { env: 'VIGIE_TOPIC_ACTIONS', flag: 'actions-topic', def: DEFAULT_TOPICS.actions, meaning: 'ModerationAction records' },
  { env: 'VIGIE_TOPIC_ESCALATIONS', flag: 'escalations-topic', def: DEFAULT_TOPICS.escalations, meaning: 'Escalation records' },
  { env: 'VIGIE_TOPIC_AUDIT', flag: 'audit-topic', def: DEFAULT_TOPICS.audit, meaning: 'one AuditRecord per input message' },
  { env: 'VIGIE_TOPIC_DLQ', flag: 'dlq-topic', def: DEFAULT_TOPICS.dlq, meaning: 'DeadLetter records for bad input' },
  { env: 'VIGIE_TOPIC_CLASSIFIER_STATE', flag: 'state-topic', def: DEFAULT_TOPICS.state, meaning: 'compacted state changelog (created if missing)' },
  { env: 'VIGIE_INPUT_FORMAT', flag: 'input-format', def: 'auto', meaning: 'avro | json | auto (by first byte)' },
  { env: 'VIGIE_OUTPUT_FORMAT', flag: 'output-format', def: 'avro', meaning: 'avro (Confluent wire format) | json' },
  { env: 'VIGIE_CLASSIFIER_BATCH_MAX', flag: 'batch-max', def: '64', meaning: 'messages per engine call (bounds event-loop blocking)' },
  { env: 'VIGIE_CLASSIFIER_COMMIT_MS', flag: 'commit-ms', def: '100', meaning: 'longest a commit window (one transaction) stays open after its first record' },
  { env: 'VIGIE_CLASSIFIER_CLOSE_WHEN_DRAINED', flag: 'close-when-drained', def: 'true', meaning: 'close a window as soon as the input has nothing more buffered' },
  { env: 'VIGIE_CLASSIFIER_WINDOW_GAP_MS', flag: 'window-gap-ms', def: '50 (at most commit-ms)', meaning: 'least time between two window closes (caps the transaction rate)' },
  { env: 'VIGIE_CLASSIFIER_OFFSET_COMMIT', flag: 'offset-commit', def: 'batched', meaning: "batched (one TxnOffsetCommit for a window's partitions) | per-partition (one each)" },
  { env: 'VIGIE_CLASSIFIER_STALL_WARN_MS', flag: 'stall-warn-ms', def: '30000', meaning: 'the exactly-once loop waiting this long on one step is logged with what it awaits' },
  { env: 'VIGIE_CLASSIFIER_STALL_TIMEOUT_MS', flag: 'stall-timeout-ms', def: '900000', meaning: '... and this long: exit 1 for the supervisor to restart it (0 = never)' },
  { env: 'VIGIE_CLASSIFIER_PROGRESS_WARN_MS', flag: 'progress-warn-ms', def: '600000', meaning: 'input pending this long without a commit (commits failing in a loop, or a stream that stopped fetching with a backlog) is logged' },
  { env: 'VIGIE_CLASSIFIER_PROGRESS_TIMEOUT_MS', flag: 'progress-timeout-ms', def: '1200000', meaning: '... and this long: exit 1 for the supervisor to restart it (0 = never; no input never trips it)' },
  { env: 'VIGIE_CLASSIFIER_BACKLOG_CHECK_MS', flag: 'backlog-check-ms', def: '30000', meaning: 'how often the end offsets of the assigned input partitions are read (one request): records there not fetched count as pending input (0 = never)' },
  { env: 'VIGIE_CLASSIFIER_HANGING_TXN_SWEEP_MS', flag: 'hanging-txn-sweep-ms', def: '30000', meaning: "how often hanging transactions of the classifiers' ids (a marker Kafka skipped, e.g. a single-node broker stopping) are looked for and ended as their coordinator decided (0 = never)" },
  { env: 'VIGIE_CLASSIFIER_LIVEZ_STALL_MS', flag: 'livez-stall-ms', def: '600000', meaning: '/livez 503 once one step lasts this long (at most the stall timeout; above a healthy commit + abort)' },
  { env: 'VIGIE_CLASSIFIER_LIVEZ_PROGRESS_MS', flag: 'livez-progress-ms', def: '900000', meaning: '/livez 503 once input is pending without a commit this long (at most the progress timeout)' },
  { env: 'VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS', flag: 'load-timeout-ms', def: '120000', meaning: '/livez 503 (and an error line) once the engine load at start lasts this long: a model directory on a stuck mount; a hot reload past it keeps the previous engine until it ends, and is applied then if it loaded (0 = never)' },
  { env: 'VIGIE_CLASSIFIER_SHUTDOWN_TIMEOUT_MS', flag: 'shutdown-timeout-ms', def: '12000', meaning: 'longest orderly stop; past it: what it awaited is logged, exit 1' },
  { env: 'VIGIE_CLASSIFIER_WINDOW_MAX', flag: 'window-max', def: '5000', meaning: 'most input records in one commit window' },
  { env: 'VIGIE_CLASSIFIER_INSTANCE', flag: 'instance', def: '(random)', meaning: 'stable instance name (pod name): a restart fences its predecessor at once' },
  { env: 'VIGIE_CLASSIFIER_CHECKPOINT_MS', flag: 'checkpoint-ms', def: '5000', meaning: 'least time between state checkpoints (restore replays the rest); 0 = every batch' },
  { env: 'VIGIE_CLASSIFIER_BATCH_WAIT_MS', flag: 'batch-wait-ms', def: '100', meaning: 'longest fetch wait (micro-batch time bound)' },
  { env: 'VIGIE_CLASSIFIER_SESSION_TIMEOUT_MS', flag: 'session-timeout-ms', def: '10000', meaning: 'group session timeout' },
  { env: 'VIGIE_CLASSIFIER_HEARTBEAT_MS', flag: 'heartbeat-ms', def: '1000', meaning: 'heartbeat interval' },
  { env: 'VIGIE_CLASSIFIER_HTTP_PORT', flag: 'http-port', def: '9464', meaning: '/livez /readyz /metrics; 0 = random (printed), -1 = off' },
  { env: 'VIGIE_CLASSIFIER_HTTP_HOST', flag: 'http-host', def: '127.0.0.1', meaning: 'address of that port (no authentication; IPv6 with or without brackets)' },
  { env: 'VIGIE_ENGINE_THREADS', flag: 'engine-threads', def: '(cores − 1, at most 4, at least 1)', meaning: 'engine threads (detection off the event loop); 0 = engine on the event loop' },
  { env: 'VIGIE_CLASSIFIER_MAX_SCORING_CHARS', flag: 'max-scoring-chars', def: '20000', meaning: 'longer text is cut for scoring (textTruncated)' },
  { env: 'VIGIE_CLASSIFIER_READ_AHEAD_RECORDS', flag: 'read-ahead-records', def: '(2 × window-max, at least 10000)', meaning: 'input records buffered ahead of processing (memory bound)' },
  { env: 'VIGIE_CLASSIFIER_READ_AHEAD_BYTES', flag: 'read-ahead-bytes', def: '8388608', meaning: 'input bytes buffered ahead of processing (memory bound)' },
  { env: 'VIGIE_STATE_FORMAT', flag: 'state-format', def: '3', meaning: 'state checkpoint format written: 3 | 4 (both always read; 4 is smaller, not read by releases before round 21)' },
  { env: 'VIGIE_STATE_COMPRESSION', flag: 'state-compression', def: 'gzip', meaning: 'state checkpoint compression: gzip | zstd (both always read; releases before round 39 read only gzip; zstd costs ~4 × less CPU)' },
  { env: 'VIGIE_CLASSIFIER_STATE_COOL_AFTER', flag: 'state-cool-after', def: '2000', meaning: 'state entries idle this many touches kept encoded in memory (less memory, more CPU); 0 = off' },
  { env: 'VIGIE_CLASSIFIER_STATE_COOL_MIN_ENTRIES', flag: 'state-cool-min-entries', def: '4000', meaning: '... only in partition states of at least this many entries' },
  { env: 'VIGIE_RULES_DIR', flag: 'rules', def: '<repo>/rules', meaning: 'rule directory (hot reloaded)' },
  { env: 'VIGIE_POLICY_FILE', flag: 'policy', def: '<repo>/policies/default.json', meaning: 'policy file (hot reloaded)' },
  { env: 'VIGIE_MODEL_DIR', flag: 'model', def: '<repo>/models/vigie-fasttext-v1', meaning: "model directory, or 'none' (hot reloaded)" },
  { env: 'VIGIE_WINDOW_MODEL_DIR', flag: 'window-model', def: '<repo>/models/vigie-window-v1', meaning: "conversation-window model directory, or 'none' to turn it off (hot reloaded)" },
  { env: 'VIGIE_CLASSIFIER_WINDOW_GATE', flag: 'window-gate', def: '0', meaning: 'window model only where evidence ≥ this score shows; 0 = every message (finds more, ~10 % more CPU)' },
  { env: 'VIGIE_LOG_LEVEL', flag: 'log-level', def: 'info', meaning: 'pino level' },
  { env: 'VIGIE_LOG_FORMAT', flag: 'log-format', def: 'auto', meaning: 'auto = readable lines on a terminal, JSON otherwise | json | pretty' },
];

const help = `usage: vigie run classifier [options]

Runs the streaming classifier worker: a Kafka consumer-group member that reads chat messages, runs the
detection engine and writes, in one Kafka transaction per micro-batch, a Verdict for every message,
ModerationAction / Escalation records where the verdict calls for them, an AuditRecord for every
message, DeadLetter records for bad input, the consumed offsets and a checkpoint of the conversation
state. Start one per input partition or fewer; kill any at any time: read_committed consumers see
each input's outputs exactly once. SIGTERM/SIGINT: finish the batch in flight, commit, leave the
group, exit 0 (exit 1 when that takes longer than VIGIE_CLASSIFIER_SHUTDOWN_TIMEOUT_MS). SIGHUP or a change of the rule/policy/model files: reload the engine between batches.
/livez answers 503 once one step lasts VIGIE_CLASSIFIER_LIVEZ_STALL_MS (600 s) or input is pending without a commit
for VIGIE_CLASSIFIER_LIVEZ_PROGRESS_MS (900 s), not at the STALL/PROGRESS warnings (logs only): a broker outage the
worker rides out must not restart it. While the engine loads at start, /livez answers 200 until the load has lasted
VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS (120 s; a load takes seconds, up to ~25 s with 4 engine threads on 2 busy cores), then 503 with the reason. Under Kubernetes, add a startupProbe (on /readyz, e.g. period 10 s x 60) that
covers the engine load and the state restore, so the liveness probe only starts once the worker is running.

options (flag, environment variable, default):
${ENV.map((e) => `  --${e.flag.padEnd(20)} ${e.env.padEnd(36)} ${e.def}\n  ${' '.repeat(22)}${e.meaning}`).join('\n')}
  --exit-after-ms N       stop cleanly after N ms (tests, demos)

Node flags: the worker runs with ${CLASSIFIER_NODE_FLAGS.join(' ')} (a bounded young generation: ~140 MB
less RSS than V8's default; docs/configuration.md). Started without it, it re-executes itself once in place
(same PID); a value given on node's command line or in NODE_OPTIONS wins. ${NODE_FLAGS_ENV}=none turns the re-exec off.

Settings may also come from the JSON file named by VIGIE_CONFIG; flags win over the environment and the
file. VIGIE_TOPIC_PREFIX prefixes every topic name, those given by flags too (see docs/configuration.md).

Prints one line "vigie-classifier http <port>" on stdout once the HTTP server listens.

environment (logs, besides the level and format above):
${envHelp(['VIGIE_LOG_FILE', 'VIGIE_LOG_REDACT'])}

${kafkaSecurityHelp()}

${SHADOW_ENV_HELP}`;

function int(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ConfigError([`${name}: expected an integer, got "${v}"`]);
  return n;
}

/**
 * The engine as the configuration says: the options each engine thread loads with (`loadOptions`, sent to the threads),
 * the in-process engine's factory (VIGIE_ENGINE_THREADS=0) and the paths watched for reloads. The state settings
 * (VIGIE_STATE_FORMAT, VIGIE_CLASSIFIER_STATE_COOL_*) reach both ways through here (tested).
 */
export function engineSetup(cfg: VigieConfig): { loadOptions: EngineOptions; factory: EngineFactory<EngineState>; watchPaths: string[] } {
  const w = cfg.worker;
  const engineOpts = compileEngineOptions({
    rulesDir: cfg.paths.rulesDir, policyFile: cfg.paths.policyFile, modelDir: cfg.paths.modelDir ?? 'none',
    windowModelDir: cfg.paths.windowModelDir ?? 'none', windowGateFloor: w.windowGate, stateFormat: w.stateFormat,
    bounds: { coolAfterTouches: w.stateCoolAfter, coolMinEntries: w.stateCoolMinEntries },
  });
  const loadOptions: EngineOptions = {
    rulesDir: engineOpts.rulesDir, policyFile: engineOpts.policyFile, modelDir: engineOpts.modelDir ?? 'none', windowModelDir: engineOpts.windowModelDir ?? 'none',
    windowGateFloor: engineOpts.windowGateFloor, stateFormat: engineOpts.stateFormat,
    bounds: { coolAfterTouches: engineOpts.bounds.coolAfterTouches, coolMinEntries: engineOpts.bounds.coolMinEntries },
  };
  const watchPaths = [engineOpts.rulesDir, engineOpts.policyFile, ...(engineOpts.modelDir ? [engineOpts.modelDir] : []), ...(engineOpts.windowModelDir ? [engineOpts.windowModelDir] : [])];
  const factory: EngineFactory<EngineState> = {
    load: () => createEngine(loadOptions), newState: createState, restoreState: (s) => restoreState(s as Uint8Array | object),
    encodeState: (s) => encodeState(s, engineOpts.stateFormat), watchPaths,
  };
  return { loadOptions, factory, watchPaths };
}

const command: Command = {
  help,
  async run(argv) {
    // First of all: without the flags, re-execute in place (does not return then); node-flags.ts says why.
    const nodeFlags = ensureClassifierNodeFlags();
    const { opts, positionals } = parseArgs(argv, { strings: [...ENV.map((e) => e.flag), 'exit-after-ms'] });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    // One read of the configuration: flags (keyed by the variable they stand for) win over env and VIGIE_CONFIG file.
    const flags = Object.fromEntries(ENV.map((e) => [e.env, typeof opts[e.flag] === 'string' ? opts[e.flag] as string : undefined]));
    const cfg = loadConfig(process.env, { flags, flagNames: Object.fromEntries(ENV.map((e) => [e.env, `--${e.flag}`])) });
    const t = cfg.kafka.topics, w = cfg.worker;
    const log = createLogger({ name: 'classifier', level: cfg.logging.level, redact: cfg.logging.redact, file: cfg.logging.file, format: cfg.logging.format });
    // Signals are handled from here on, before the slow part (brokers, engine, shadow): a SIGTERM while loading
    // is an orderly stop (exit 0), not a death by signal (143) that a supervisor would count as a crash.
    let fatal: unknown;
    let stopRequested = false;
    let wake: () => void = () => undefined;
    const stopped = new Promise<void>((r) => { wake = r; });
    let cancelStart: () => void = () => undefined;
    const onSignal = (sig: string) => { log.info({ event: EVENTS.SIGNAL, signal: sig }, 'signal received'); stopRequested = true; cancelStart(); wake(); };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
    // SIGHUP reopens the log file at any phase (the default would kill a loading worker); once the engine runs it also reloads it.
    let reloadOnHangup: () => void = () => undefined;
    handleHangup(log, 'the classifier', () => reloadOnHangup());
    log.info({ event: EVENTS.WORKER_LOADING, pid: process.pid, nodeFlags, execArgv: process.execArgv }, 'classifier loading (brokers, engine)');
    if (nodeFlags === 'unsupported' || nodeFlags === 'loop') {
      log.warn({ event: EVENTS.WORKER_LOADING, nodeFlags, missing: CLASSIFIER_NODE_FLAGS },
        `running without ${CLASSIFIER_NODE_FLAGS.join(' ')} (~100 MB more RSS): start it as node ${CLASSIFIER_NODE_FLAGS.join(' ')} dist/services/cli/main.js run classifier`);
    }
    // The HTTP port first, before the brokers and the engine (seconds): a taken port fails at once, in one line naming
    // the variable to change (stop 51: it failed only after the engine had loaded). Until the worker exists, /livez
    // answers 200 (loading is progress; past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS of engine load, 503) and /readyz 503 with `state: loading`.
    const metrics = new WorkerMetrics();
    let probe: Probe = { live: () => true, ready: () => ({ ready: false, detail: { state: 'loading' } }) };
    let http: Awaited<ReturnType<typeof startHttpServer>> | undefined;
    if (w.httpPort >= 0) {
      http = await startHttpServer(w.httpHost, w.httpPort, { live: () => probe.live(), ready: () => probe.ready() }, metrics.registry,
        { host: 'VIGIE_CLASSIFIER_HTTP_HOST', port: 'VIGIE_CLASSIFIER_HTTP_PORT' });
      process.stdout.write(`vigie-classifier http ${http.port}\n`);
    }
    const loaded = await loadEngines().catch((err: unknown) => { http?.server.close(); throw err; });
    async function loadEngines() {
      const brokersList = cfg.kafka.brokers?.join(',') ?? process.env.KAFKA_BROKERS;
      const brokers = (await resolveBrokersFromEnv({ ...process.env, KAFKA_BROKERS: brokersList }, (m) => log.info(m))).brokers;
      const raw: RawWorkerOptions = {
        brokers,
        groupId: w.groupId,
        topics: {
          input: t.chatMessages, verdicts: t.verdicts, actions: t.actions, escalations: t.escalations, audit: t.audit, dlq: t.chatMessagesDlq, state: t.classifierState,
        },
        inputFormat: cfg.formats.input,
        outputFormat: cfg.formats.output,
        batchMaxMessages: w.batchSize,
        batchMaxWaitMs: w.batchMaxWaitMs,
        sessionTimeoutMs: w.sessionTimeoutMs,
        heartbeatIntervalMs: w.heartbeatMs,
        httpPort: w.httpPort,
        httpHost: w.httpHost,
        maxScoringChars: w.maxScoringChars,
        ...(w.readAheadRecords === null ? {} : { readAheadRecords: w.readAheadRecords }),
        readAheadBytes: w.readAheadBytes,
        ...(w.engineThreads === null ? {} : { engineThreads: w.engineThreads }),
        checkpointIntervalMs: w.checkpointMs,
        stateCompression: w.stateCompression,
        commitIntervalMs: w.commitMs,
        windowMaxMessages: w.windowMax,
        closeWhenDrained: w.closeWhenDrained,
        ...(w.windowGapMs === null ? {} : { minWindowGapMs: w.windowGapMs }),
        offsetCommit: w.offsetCommit,
        stallWarnMs: w.stallWarnMs,
        stallTimeoutMs: w.stallTimeoutMs,
        progressWarnMs: w.progressWarnMs,
        progressTimeoutMs: w.progressTimeoutMs,
        backlogCheckMs: w.backlogCheckMs,
        hangingTxnSweepMs: w.hangingTxnSweepMs,
        // Test only (options.ts): a test stops the input's fetching to check that the progress check sees the backlog.
        ...(process.env.VIGIE_TEST_FREEZE_INPUT_FILE ? { testFreezeInputFile: process.env.VIGIE_TEST_FREEZE_INPUT_FILE } : {}),
        ...(w.livezStallMs === null ? {} : { livezStallMs: w.livezStallMs }),
        ...(w.livezProgressMs === null ? {} : { livezProgressMs: w.livezProgressMs }),
        ...(w.instance ? { instanceId: w.instance } : {}),
      };
      for (const k of Object.keys(raw) as (keyof RawWorkerOptions)[]) if (raw[k] === undefined) delete raw[k];
      const wo = compileWorkerOptions(raw);
      const small = readAheadWarning(wo);
      if (small) log.warn({ event: EVENTS.WORKER_LOADING, readAheadRecords: wo.readAheadRecords, windowMaxMessages: wo.windowMaxMessages }, small);
      const { loadOptions, factory, watchPaths } = engineSetup(cfg);
      const onReload = (outcome: 'ok' | 'error') => metrics.engineReloads.inc({ outcome });
      // The load has a deadline (stop 52): past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS, /livez answers 503 with the reason and
      // an error line says so. A load that hangs (a file on a mount that does not answer) was live for ever.
      const loadStart = performance.now();
      const loadMs = () => Math.round(performance.now() - loadStart);
      probe = { live: () => loadLiveness(loadStart, performance.now(), w.loadTimeoutMs), ready: probe.ready };
      const deadline = loadDeadline(w.loadTimeoutMs, () => {
        log.error({ event: EVENTS.ENGINE_LOAD_TIMEOUT, loadTimeoutMs: w.loadTimeoutMs, loadMs: loadMs(), watchPaths },
          `the engine load has lasted ${Math.round(loadMs() / 1000)} s, past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS: /livez answers 503 from now on (are the rule, policy and model files on a mount that does not answer?)`);
      });
      let engines: PartitionEngines;
      let late = false;
      try {
        if (wo.engineThreads > 0) {
          // Reloads get the same deadline (stop 53): past it the previous engine is kept, and a line says so.
          const pool = await EngineThreadPool.create({ threads: wo.engineThreads, engine: loadOptions, watchPaths, log, onReload, loadTimeoutMs: w.loadTimeoutMs, onFatal: (err) => { fatal = err; wake(); } });
          log.info({ event: EVENTS.ENGINE_LOADED, versions: pool.versions, engineThreads: pool.threads, loadMs: loadMs() }, 'engine loaded in engine threads');
          engines = pool;
        } else {
          const holder = await EngineHolder.create(factory, log, onReload, w.loadTimeoutMs);
          log.info({ event: EVENTS.ENGINE_LOADED, versions: holder.current.versions, engineThreads: 0, loadMs: loadMs() }, 'engine loaded');
          engines = new InProcessEngines(holder);
        }
      } finally {
        late = deadline.done();
      }
      // A load that ended past its deadline: /livez, 503 since then, answers 200 again (stop 53: it did so without a word).
      if (late) {
        log.warn({ event: EVENTS.ENGINE_LOAD_LATE, loadTimeoutMs: w.loadTimeoutMs, loadMs: loadMs() },
          `the engine load ended after ${Math.round(loadMs() / 1000)} s, past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS: /livez answers 200 again (a slow mount, or a deadline too short for this host)`);
      }
      return { wo, engines };
    }
    const { wo, engines } = loaded;
    const kafka = new KafkaClient({ brokers: wo.brokers, clientId: wo.clientId, security: cfg.kafka.security }, log);
    const worker = new ClassifierWorker(kafka, wo, createCodecs(), engines, metrics, log, (err) => { fatal = err; wake(); });
    probe = { live: () => (fatal === undefined ? worker.liveness() : false), ready: () => worker.readiness() };
    // A start-up failure from here on (shadow topic missing) closes the engine threads and the HTTP server, or they keep the process up.
    try {
      engines.watch();
      const shadowOpts = shadowOptionsFromConfig(cfg);
      if (shadowOpts) {
        const admin = kafka.admin();
        try {
          worker.shadow = await Shadow.create(shadowOpts, admin, createCodecs(), wo, metrics.registry, log);
        } finally {
          await admin.close();
        }
      }
    } catch (err) {
      http?.server.close();
      await worker.shadow?.close();
      await engines.close();
      await kafka.close();
      throw err;
    }
    reloadOnHangup = () => void engines.reload('SIGHUP');
    const exitAfter = int(typeof opts['exit-after-ms'] === 'string' ? opts['exit-after-ms'] : undefined, 'exit-after-ms');
    if (exitAfter !== undefined) setTimeout(wake, exitAfter).unref();
    try {
      if (stopRequested) {
        log.info({ event: EVENTS.WORKER_STOPPED }, 'stopped while loading: nothing consumed');
        return 0;
      }
      // Waits for the broker and the topics (a deployment may start the worker first); a signal ends the wait.
      cancelStart = () => worker.cancelStart();
      const started = await worker.start().catch((err: unknown) => { throw explainSecurityError(err, 'the classifier could not start', cfg.kafka.security); });
      if (started) {
        // A signal during the last start step: not "running", the finally below stops it.
        if (!stopRequested) log.info({ event: EVENTS.WORKER_STARTED, brokers: wo.brokers, topics: wo.topics, groupId: wo.groupId }, 'classifier worker running');
        await stopped;
      } else {
        log.info({ event: EVENTS.WORKER_STOPPED }, 'stopped while waiting for Kafka: nothing consumed');
      }
    } finally {
      // Whatever the stop awaits (a commit or a rewind stuck on a promise that never settles), the process ends within
      // the shutdown timeout: past it, what each part awaited is logged and the process exits 1 (no orderly stop).
      await stopWithin(async () => {
        const at = (what: string, p: Promise<unknown> | undefined) => worker.stopSteps.at(what, Promise.resolve(p));
        await worker.stop();
        await at('shadow close', worker.shadow?.close());
        await at('engine threads close', engines.close());
        await at('Kafka client close', kafka.close());
        worker.stopSteps.done();
        http?.server.close();
      }, w.shutdownTimeoutMs, () => {
        log.error({ event: EVENTS.WORKER_STOP_TIMEOUT, shutdownTimeoutMs: w.shutdownTimeoutMs, ...worker.stages() },
          'the orderly stop did not finish within the shutdown timeout: exiting without it (the open transaction is aborted by the coordinator or fenced at the next start)');
        process.exit(1);
      });
    }
    // Everything is committed and closed; do not let a stray client-library timer keep the process up.
    setTimeout(() => process.exit(fatal === undefined ? 0 : 1), 3000).unref();
    if (fatal !== undefined) throw explainSecurityError(new VigieError(`consumer stopped: ${(fatal as Error)?.message ?? String(fatal)}`, { cause: fatal }), 'the classifier stopped', cfg.kafka.security);
    return 0;
  },
};

export default command;
