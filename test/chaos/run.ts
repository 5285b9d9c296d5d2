/**
 * The chaos run (issue 12, item 6): a fresh broker (services/kafka/local-broker.ts, KAFKA_VERSION honoured)
 * and PostgreSQL server of its own, two classifier workers and the audit sink started at once before the
 * topics exist, generated traffic with poison, seeded faults (SIGKILL of a random service every few seconds
 * and its restart, one broker restart, PostgreSQL stopped for a while), then the checks of checks.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { compileLocalBrokerOptions, localBrokerRawFromEnv, type LocalBrokerOptions } from '../../services/kafka/local-broker-options.js';
import { ensureLocalBroker, stopLocalBroker } from '../../services/kafka/local-broker.js';
import { loadConfig } from '../../services/common/config.js';
import { createLogger } from '../../services/common/logger.js';
import { createCodecs } from '../../services/contracts/index.js';
import { storeOptionsFromConfig } from '../../services/audit/env.js';
import { AuditStore } from '../../services/audit/store.js';
import { currentEnforcement, pendingEnforcement } from '../../services/audit/store-cases.js';
import { Rng } from '../../services/training/rng.js';
import { freePort } from '../support/net.js';
import type { ChaosOptions } from './options.js';
import { ResilientProducer, readTopic } from './kcat.js';
import { OwnPostgres } from './postgres.js';
import { Service, type ExitRecord } from './services.js';
import { buildTraffic } from './traffic.js';
import { runChecks, type Check, type Observed } from './checks.js';
import { excerpt } from './log-excerpt.js';

export interface ChaosResult {
  ok: boolean;
  seed: number;
  kafkaVersion: string;
  messages: number;
  poison: number;
  durationS: number;
  totalS: number;
  drainS: number | null;
  faults: { kills: Record<string, number>; brokerRestarts: number; pgStopS: number };
  /** The traffic producer's own trouble (not a fault of the services): kcat restarts, records sent again. */
  producer: { kcatRestarts: number; resent: number };
  /** Services that exited without being killed by the run (each restarted by the run). */
  selfExits: ExitRecord[];
  /** How each service answered SIGTERM at the end. */
  stops: { service: string; code: number | null; signal: string | null; ms: number; killed: boolean }[];
  checks: { name: string; ok: boolean; detail: string }[];
  runDir: string | null;
}

type Say = (line: string) => void;
const SERVICES = ['classifier-1', 'classifier-2', 'audit-sink'] as const;

interface Fault { atMs: number; kind: 'kill' | 'broker-restart' | 'pg-stop'; service?: string; restartAfterMs?: number }

/** The seeded fault schedule over the window. */
export function faultSchedule(o: ChaosOptions): Fault[] {
  const rng = new Rng(o.seed ^ 0xc4a05);
  const faults: Fault[] = [];
  if (o.killMaxMs > 0) {
    for (let t = rng.int(o.killMinMs, o.killMaxMs); t < o.durationMs; t += rng.int(o.killMinMs, o.killMaxMs)) {
      faults.push({ atMs: t, kind: 'kill', service: rng.pick(SERVICES), restartAfterMs: rng.int(200, 3000) });
    }
  }
  if (o.brokerRestart) faults.push({ atMs: Math.round(o.durationMs * (0.25 + 0.15 * rng.next())), kind: 'broker-restart' });
  if (o.pgStopMs > 0) {
    const latest = Math.max(0, o.durationMs - o.pgStopMs);
    faults.push({ atMs: Math.round(Math.min(latest, o.durationMs * (0.5 + 0.2 * rng.next()))), kind: 'pg-stop' });
  }
  return faults.sort((a, b) => a.atMs - b.atMs);
}

function serviceEnv(base: NodeJS.ProcessEnv, extra: Record<string, string>): NodeJS.ProcessEnv {
  // Only this run's settings: nothing from the caller's Vigie configuration may leak in (topics, database, config file).
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!/^(VIGIE_|DATABASE_|KAFKA_BROKERS$|PG)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

export async function runChaos(o: ChaosOptions, say: Say, signal?: AbortSignal): Promise<ChaosResult> {
  const t0 = Date.now();
  // An interrupted run (Ctrl-C) still stops its services, broker and database: the loops below throw, `finally` cleans up.
  const sleep = async (ms: number) => { signal?.throwIfAborted(); await new Promise<void>((r) => setTimeout(r, ms)); signal?.throwIfAborted(); };
  const el = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const log = (m: string) => say(`[${el()}] ${m}`);
  const runDir = resolve('.data', 'chaos', `seed${o.seed}-${Date.now().toString(36)}`);
  mkdirSync(runDir, { recursive: true });
  const [kafkaPort, controllerPort, pgPort] = [await freePort(), await freePort(), await freePort()];
  const broker: LocalBrokerOptions = compileLocalBrokerOptions({
    ...localBrokerRawFromEnv(process.env), port: kafkaPort, controllerPort, dataDir: join(runDir, 'kafka'), heapOpts: ['-Xms256m', '-Xmx768m'],
  });
  const bootstrap = `127.0.0.1:${kafkaPort}`;
  const db = new OwnPostgres(join(runDir, 'pg'), pgPort);
  const services: Service[] = [];
  const selfExits: ExitRecord[] = [];
  let pgDown = false;
  let producer: ResilientProducer | null = null;
  // A run where a service exited on its own or a check failed keeps its folder (service logs) for diagnosis.
  let keep = o.keep;
  try {
    log(`run folder ${runDir}; starting Apache Kafka ${broker.version} on ${bootstrap}`);
    await ensureLocalBroker(broker, (m) => log(`kafka: ${m}`));
    log(`starting PostgreSQL on 127.0.0.1:${pgPort}`);
    db.init();
    db.start();

    const prefix = `chaos${o.seed}.`;
    const env = serviceEnv(process.env, {
      KAFKA_BROKERS: bootstrap, VIGIE_TESTCONTAINERS: 'false', VIGIE_TOPIC_PREFIX: prefix, VIGIE_TOPIC_PARTITIONS: String(o.partitions),
      DATABASE_URL: db.url, VIGIE_DATA_DIR: runDir, VIGIE_CLASSIFIER_GROUP: `chaos${o.seed}-classifier`, VIGIE_AUDIT_GROUP: `chaos${o.seed}-audit-sink`,
      VIGIE_CLASSIFIER_HTTP_PORT: '0', VIGIE_CLASSIFIER_SESSION_TIMEOUT_MS: '6000', VIGIE_CLASSIFIER_HEARTBEAT_MS: '500',
      VIGIE_BLOCKLIST_INTERVAL_MS: '2000', VIGIE_AUDIT_RETRY_MAX_MS: '2000',
      // Random health ports: a fixed default can be taken by anything else on the machine (EADDRINUSE, exit 1).
      VIGIE_AUDIT_HTTP_PORT: '0', VIGIE_LOG_LEVEL: 'info',
      ...o.serviceEnv,
    });
    const cfg = loadConfig(env);
    const topics = cfg.kafka.topics;
    const onExit = (e: ExitRecord) => {
      if (!e.byUs) { selfExits.push(e); log(`FAULT: ${e.service} exited on its own (code ${e.code}, signal ${e.signal}) after ${e.upS}s; restarting it`); }
    };
    for (const name of SERVICES) {
      const args = name === 'audit-sink' ? ['run', 'audit-sink'] : ['run', 'classifier'];
      services.push(new Service(name, args, env, join(runDir, `${name}.log`), t0, onExit));
    }
    const byName = new Map(services.map((s) => [s.name, s]));
    log('starting classifier-1, classifier-2 and audit-sink at once, before the topics exist');
    for (const s of services) s.start();
    await sleep(8000);
    log(`creating the topics (vigie topics create, prefix ${prefix})`);
    const created = spawnSync(process.execPath, [resolve('dist/services/cli/main.js'), 'topics', 'create', '--json'], { env, encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`vigie topics create failed (${created.status}): ${created.stderr}`);

    const traffic = buildTraffic(o.seed, o.messages, o.poison, Date.now() - 3_600_000);
    const sentIds = traffic.records.filter((r) => r.messageId !== null).map((r) => r.messageId!);
    log(`streaming ${traffic.records.length} records (${o.messages} messages, ${o.poison} poison) over ${o.durationMs / 1000}s into ${topics.chatMessages}`);
    producer = new ResilientProducer(bootstrap, topics.chatMessages);
    const p = producer;
    const windowStart = Date.now();
    const produceSpan = o.durationMs * 0.8;
    const produced = (async () => {
      let i = 0;
      while (i < traffic.records.length) {
        const due = Math.min(traffic.records.length, Math.ceil(traffic.records.length * Math.min(1, (Date.now() - windowStart) / produceSpan)));
        for (; i < due; i++) await p.write(traffic.records[i]!.key, traffic.records[i]!.value);
        await sleep(50);
      }
    })();
    produced.catch(() => undefined); // awaited after the window; an interruption must not surface as an unhandled rejection

    const pool = new pg.Pool({ connectionString: db.url, max: 1, connectionTimeoutMillis: 2000, idleTimeoutMillis: 1000 });
    pool.on('error', () => undefined);
    const auditRows = async (): Promise<number | null> => {
      try { return Number((await pool.query('SELECT count(*) AS n FROM audit_rows')).rows[0].n); } catch { return null; }
    };
    let lastProgress = 0;
    let lastLine = '';
    let lastPrinted = 0;
    // Every 10 s, but a line that says nothing new only once a minute: a stalled drain must not push the
    // diagnosis out of the tail of the log the CI keeps.
    const progress = async (what: string) => {
      if (Date.now() - lastProgress < 10_000) return;
      lastProgress = Date.now();
      const rows = pgDown ? 'db down' : await auditRows();
      const line = `${what}: audit rows ${rows ?? '?'} / ${o.messages}; kills ${services.map((s) => `${s.name} ${s.kills}`).join(', ')}; self-exits ${selfExits.length}`;
      if (line === lastLine && Date.now() - lastPrinted < 60_000) return;
      lastLine = line;
      lastPrinted = Date.now();
      log(line);
    };

    let brokerRestarts = 0;
    const pending: Promise<void>[] = [];
    for (const f of faultSchedule(o)) {
      while (Date.now() - windowStart < f.atMs) { await progress('chaos'); await sleep(200); }
      if (f.kind === 'kill') {
        const s = byName.get(f.service!)!;
        if (!s.running) { log(`kill ${s.name}: not running (skipped)`); continue; }
        log(`SIGKILL ${s.name} (pid ${s.pid}); restart in ${f.restartAfterMs} ms`);
        await s.kill();
        pending.push(sleep(f.restartAfterMs!).then(() => s.start(), () => undefined));
      } else if (f.kind === 'broker-restart') {
        log('restarting the broker (stop, then start)');
        await stopLocalBroker(broker, {}, (m) => log(`kafka: ${m}`));
        await ensureLocalBroker(broker, (m) => log(`kafka: ${m}`));
        brokerRestarts++;
        log('broker back');
      } else {
        log(`stopping PostgreSQL for ${o.pgStopMs / 1000}s`);
        db.stop();
        pgDown = true;
        pending.push(sleep(o.pgStopMs).then(() => { db.start(); pgDown = false; log('PostgreSQL back'); }, () => undefined));
      }
    }
    while (Date.now() - windowStart < o.durationMs) { await progress('chaos'); await sleep(200); }
    await Promise.all(pending);
    await produced;
    const delivery = await producer.close();
    writeFileSync(join(runDir, 'producer.log'), producer.stderr);
    producer = null;
    log(`fault window over; producer done (exit ${delivery.code}, ${delivery.deliveryFailures} delivery failures, ${delivery.restarts} kcat restarts)`);
    // Whatever a dying kcat lost is sent again, so the input holds every record once (checked at the end).
    let resent = 0;
    for (let round = 1; round <= 3; round++) {
      const present = new Set((await readTopic(bootstrap, topics.chatMessages)).map((r) => r.value?.toString('base64')));
      const lost = traffic.records.filter((r) => !present.has(r.value.toString('base64')));
      if (!lost.length) break;
      log(`input lacks ${lost.length} records (lost by the producer): sending them again (round ${round})`);
      const again = new ResilientProducer(bootstrap, topics.chatMessages);
      for (const r of lost) await again.write(r.key, r.value);
      await again.close();
      resent += lost.length;
    }
    for (const s of services) s.start();

    // Drain: every message's audit row in the store and every enforcement state published.
    const drainStart = Date.now();
    let drainS: number | null = null;
    while (Date.now() - drainStart < o.drainTimeoutMs) {
      const rows = await auditRows();
      if (rows !== null && rows >= o.messages) {
        const pendingStates = Number((await pool.query('SELECT count(*) AS n FROM enforcement WHERE version <> published_version')).rows[0].n);
        if (pendingStates === 0) { drainS = Math.round((Date.now() - drainStart) / 100) / 10; break; }
      }
      await progress('draining');
      await sleep(1000);
    }
    log(drainS === null ? `NOT drained within ${o.drainTimeoutMs / 1000}s` : `drained in ${drainS}s`);
    await pool.end();

    log('stopping the services (SIGTERM, SIGKILL after 30 s)');
    const stops = (await Promise.all(services.map((s) => s.stop(30_000)))).filter((x): x is NonNullable<typeof x> => x !== null);
    for (const s of stops) log(`${s.service}: exit ${s.code ?? s.signal} in ${s.ms} ms${s.killed ? ' (had to be SIGKILLed)' : ''}`);

    log('reading the topics back (kcat, read_committed) and the audit store');
    const codecs = createCodecs();
    const poisonSet = new Set(traffic.poisonValues.map((b) => b.toString('base64')));
    const input = await readTopic(bootstrap, topics.chatMessages);
    const inputIds: string[] = [];
    let inputPoison = 0;
    for (const r of input) {
      if (r.value && poisonSet.has(r.value.toString('base64'))) inputPoison++;
      else inputIds.push((JSON.parse(r.value!.toString('utf8')) as { messageId: string }).messageId);
    }
    const verdictIds = (await readTopic(bootstrap, topics.verdicts)).map((r) => codecs.Verdict.decodeAvro(r.value!).messageId);
    const auditTopicIds = (await readTopic(bootstrap, topics.audit)).map((r) => codecs.AuditRecord.decodeAvro(r.value!).messageId);
    const dlqValues = (await readTopic(bootstrap, topics.chatMessagesDlq)).map((r) => Buffer.from(codecs.DeadLetter.decodeAvro(r.value!).originalValue ?? Buffer.alloc(0)));
    const latest = new Map<string, string | null>();
    for (const r of await readTopic(bootstrap, topics.blocklist)) {
      const user = r.key?.toString('utf8') ?? '';
      if (r.value === null) { latest.set(user, null); continue; }
      const e = codecs.BlocklistEntry.decodeAvro(r.value);
      latest.set(user, `${e.userId} ${e.action} ${e.until ?? 'none'}`);
    }
    const store = await AuditStore.open(storeOptionsFromConfig(cfg), createLogger({ level: 'silent' }));
    let observed: Observed;
    try {
      const report = await store.verify();
      const now = Date.now();
      observed = {
        sentIds, poisonValues: traffic.poisonValues, inputIds, inputPoison, verdictIds, auditTopicIds,
        auditRowIds: (await store.db.query<{ message_id: string }>('SELECT message_id FROM audit_rows')).map((r) => r.message_id),
        dlqValues,
        chain: { ok: report.ok, rows: report.rows, detail: report.ok ? `${report.rows} rows, head seq ${report.head.seq}` : `broken at seq ${report.firstBreak?.seq}: ${report.firstBreak?.kind} ${report.firstBreak?.detail}` },
        blocklistTopic: [...latest.values()].filter((v): v is string => v !== null).sort(),
        storeEnforcement: (await currentEnforcement(store.db, now)).map((s) => `${s.userId} ${s.action} ${s.until ?? 'none'}`).sort(),
        blocklistPending: (await pendingEnforcement(store.db, 1_000_000)).length,
      };
    } finally {
      await store.close();
    }
    const checks: Check[] = runChecks(observed);
    for (const c of checks) log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    const kills = Object.fromEntries(services.map((s) => [s.name, s.kills]));
    const ok = checks.every((c) => c.ok);
    keep ||= !ok || selfExits.length > 0;
    if (!ok || selfExits.length > 0) {
      for (const s of services) {
        let text = '';
        try { text = readFileSync(join(runDir, `${s.name}.log`), 'utf8'); } catch { /* no log yet */ }
        log(`${s.name}: last warnings and lifecycle events of its log`);
        for (const l of excerpt(text, t0)) say(`  ${s.name}| ${l}`);
      }
    }
    if (keep && !o.keep) log(`keeping the run folder for diagnosis (service logs): ${runDir}`);
    return {
      ok, seed: o.seed, kafkaVersion: broker.version, messages: o.messages, poison: o.poison,
      durationS: o.durationMs / 1000, totalS: Math.round((Date.now() - t0) / 1000), drainS,
      faults: { kills, brokerRestarts, pgStopS: o.pgStopMs / 1000 }, producer: { kcatRestarts: delivery.restarts, resent }, selfExits, stops, checks, runDir: keep ? runDir : null,
    };
  } finally {
    if (producer) await producer.close().catch(() => undefined);
    await Promise.all(services.map((s) => s.stop(5000).catch(() => null)));
    for (const s of services) s.close();
    await stopLocalBroker(broker, {}, () => undefined).catch((err: unknown) => say(`kafka stop failed: ${String(err)}`));
    db.stopQuietly();
    if (!keep) rmSync(runDir, { recursive: true, force: true });
  }
}
