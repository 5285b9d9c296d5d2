/**
 * The `vigie up` steps that run the pipeline: the classifier worker (a child process running
 * `vigie run classifier`, so the ONNX model never blocks this process), an optional traffic simulator
 * (scripted FR/EN conversations from the scenario generator at a fixed rate, sentAt = now), and a live
 * progress line read from the worker's /metrics.
 */
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { prettyLogStream, resolveLogFormat } from '../common/log-format.js';
import { fileURLToPath } from 'node:url';
import { createCodecs } from '../contracts/index.js';
import { generateConversations } from '../training/scenario-generator.js';
import { interleave } from '../training/interleave.js';
import type { UpContext, UpStep } from './up-step.js';
import { KafkaClient } from '../kafka/client.js';
import { CLASSIFIER_ENV, CLASSIFIER_NODE_FLAGS } from '../classifier-worker/node-flags.js';
import { createLogger } from '../common/logger.js';
import { CHILD_STOP_GRACE_MS, ChildSupervisor, stopChild, supervised, type SupervisedChild } from './up-supervisor.js';
import { beforeDeadline, waitReady } from './ready-wait.js';
import { announced } from './child-announce.js';

/** How long the first worker may take to answer /readyz (engine load included) before `vigie up` fails. */
const FIRST_READY_MS = 120_000;
/** How long a restarted worker may take before it is stopped (SIGTERM: its exit counts as a quick failure). */
const RESTART_READY_MS = 600_000;

const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));

/** Parsed metric families we show: name{labels} value. */
function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

function byLabel(m: Map<string, number>, name: string, label: string): Record<string, number> {
  const r: Record<string, number> = {};
  const re = new RegExp(`^${name}\\{.*${label}="([^"]+)".*\\}$`);
  for (const [k, v] of m) { const x = re.exec(k); if (x) r[x[1]!] = (r[x[1]!] ?? 0) + v; }
  return r;
}

/**
 * How `vigie up` starts a classifier child, every time (the first and each restart): one instance name for every worker
 * this `vigie up` starts (unless configured), drawn when the spawner is made, so a restarted worker fences the
 * transaction its predecessor left open at once, instead of read_committed readers and its own restore waiting up to
 * the 30 s transaction timeout. Drawn once per `vigie up` process (upInstanceSuffix), so two `vigie up` never share it,
 * even as containers' PID 1 with one hostname; restarts never overlap. `spawnChild` is for tests.
 */
export function workerSpawner(ctx: UpContext, mode: 'pretty' | 'json', spawnChild: typeof spawn = spawn): () => SupervisedChild {
  const instance = childInstance(ctx.cfg.worker.instance, hostname(), upInstanceSuffix());
  return () => {
    const child = spawnChild(process.execPath, [...CLASSIFIER_NODE_FLAGS, MAIN, 'run', 'classifier'], {
      env: { ...CLASSIFIER_ENV, ...process.env, KAFKA_BROKERS: ctx.brokers.join(','), VIGIE_CLASSIFIER_HTTP_PORT: process.env.VIGIE_CLASSIFIER_HTTP_PORT ?? '0', VIGIE_LOG_FORMAT: 'json',
        VIGIE_CLASSIFIER_INSTANCE: instance },
      stdio: ['ignore', 'pipe', mode === 'pretty' ? 'pipe' : 'inherit'],
    });
    if (mode === 'pretty') {
      // Warnings and errors as readable lines; each clears the progress line first, which the next tick redraws.
      child.stderr!.pipe(prettyLogStream({ colour: true, minLevel: 40 })).on('data', (d: Buffer) => process.stdout.write(`\r\x1b[2K${d.toString()}`));
    }
    return supervised(child);
  };
}

export const classifierStep: UpStep = {
  name: 'classifier',
  async run(ctx: UpContext) {
    // How `vigie up` shows the worker's logs: readable warnings on a terminal, the JSON lines unchanged when stdout is
    // not a terminal (a pipe, a CI log) or when they go to a file (VIGIE_LOG_FILE). The worker itself writes JSON either way.
    const mode = resolveLogFormat(ctx.cfg.logging.format, process.stdout.isTTY === true, ctx.cfg.logging.file);
    const start = workerSpawner(ctx, mode);
    const first = start();
    const { child } = first;
    // After start-up, an exit of its own (a stall or no-progress exit 1, a crash) restarts it with back-off (up-supervisor.ts).
    const supervisor = new ChildSupervisor({
      service: 'classifier worker', spawn: start, say: ctx.say, onGiveUp: ctx.fail, stopGraceMs: CHILD_STOP_GRACE_MS,
      onRestart: (c) => { void httpPort(c).then((p) => { port.current = p; }, () => undefined); },
      // A restarted worker's run counts from its /readyz: one that fails after a long engine load backs off.
      ready: (c) => workerReady(c, ctx.say),
    });
    ctx.halts.push(() => supervisor.halt());
    let adopted = false;
    // Registered at once: `vigie up` stopped by a signal while the worker is still starting must stop it too.
    ctx.cleanups.push(async () => {
      ctx.say('vigie up: stopping the classifier worker (finishing its batch, leaving the group)...');
      ctx.say(`vigie up: classifier worker ${await (adopted ? supervisor.stop() : stopChild(child, first.exited, CHILD_STOP_GRACE_MS))}`);
    });
    // A clock deadline, its HTTP port included: each /readyz request may take its 3 s timeout.
    const deadline = performance.now() + FIRST_READY_MS;
    const notReady = () => new Error(`the classifier worker did not become ready within ${FIRST_READY_MS / 1000} s`);
    const firstPort = await beforeDeadline(httpPort(first), deadline);
    if (firstPort === 'timeout') throw notReady();
    const port = { current: firstPort };
    const outcome = await waitReady(() => readyz(port.current), () => child.exitCode === null && child.signalCode === null, { deadline, intervalMs: 200 });
    if (outcome === 'exited') throw new Error('the classifier worker exited during start-up');
    if (outcome === 'timeout') throw notReady();
    supervisor.adopt(first);
    adopted = true;
    startProgress(ctx, () => port.current);
    const logs = ctx.cfg.logging.file ? `logs (JSON) in ${ctx.cfg.logging.file}` : mode === 'pretty' ? 'warnings shown here' : 'JSON logs on stderr';
    return { summary: `pid ${child.pid}, http://127.0.0.1:${port.current}/metrics (/livez, /readyz); ${logs}; restarted if it exits`, keepRunning: true };
  },
};

/**
 * A GET on a child's local HTTP port, given up after 3 s: a port that accepts and never answers (a worker that hangs,
 * another process on a port the worker could not take) must not leave requests pending, which would keep `vigie up`
 * alive after its clean-up and pile up at one per second.
 */
function local(port: number, path: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(3000) });
}

/** `up-<host>-<suffix>`, within the instance name's characters (letters, digits, . _ -; at most 100). */
export function upInstance(host: string, suffix: string): string {
  return `up-${host.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 80) || 'host'}-${suffix}`;
}

/** The children's instance: the configured `worker.instance` (VIGIE_CLASSIFIER_INSTANCE or the config file) if set. */
export function childInstance(configured: string | null, host: string, suffix: string): string {
  return configured || upInstance(host, suffix);
}

let suffix: string | undefined;
/**
 * 8 random hex digits drawn once per process: the same for every restart of this `vigie up`'s worker, different for
 * another `vigie up` even with the same hostname and pid (containers with `network_mode: host` or a fixed `hostname:`,
 * each `vigie up` PID 1), which would otherwise share one transactional id and fence each other on every start.
 */
export function upInstanceSuffix(): string {
  return (suffix ??= randomBytes(4).toString('hex'));
}

function readyz(port: number): Promise<boolean> {
  return local(port, '/readyz').then((r) => r.status === 200, () => false);
}

/**
 * Resolves once a restarted classifier child answers /readyz 200; rejects if it exits first. One not ready within
 * RESTART_READY_MS (hung in its start-up) is stopped, so its exit counts as a quick failure: restarted with back-off,
 * then given up on, instead of waited for as long as it lives.
 */
async function workerReady(c: SupervisedChild, say: (line: string) => void): Promise<void> {
  const deadline = performance.now() + RESTART_READY_MS;
  const alive = () => c.child.exitCode === null && c.child.signalCode === null;
  const port = await beforeDeadline(httpPort(c), deadline);
  const outcome = port === 'timeout' ? 'timeout' : await waitReady(() => readyz(port), alive, { deadline, intervalMs: 500 });
  if (outcome === 'ready') return;
  if (outcome === 'timeout' && alive()) {
    say(`vigie up: the restarted classifier worker did not become ready within ${RESTART_READY_MS / 1000} s: stopping it`);
    void stopChild(c.child, c.exited, CHILD_STOP_GRACE_MS);
  }
  throw new Error(outcome === 'timeout' ? 'the classifier worker did not become ready in time' : 'the classifier worker exited during start-up');
}

/** The HTTP port a classifier child prints once its server listens; rejects if it exits first. */
async function httpPort(c: SupervisedChild): Promise<number> {
  const m = await announced(c, /vigie-classifier http (\d+)/, (code) => `the classifier worker exited (${code}) during start-up`);
  return Number(m[1]);
}

function startProgress(ctx: UpContext, port: () => number): void {
  let last: { t: number; consumed: number } | undefined;
  const tty = process.stdout.isTTY;
  let lastPrint = 0;
  const timer = setInterval(async () => {
    const text = await local(port(), '/metrics').then((r) => r.text()).catch(() => null);
    if (!text) return;
    const metrics = parseMetrics(text);
    const consumed = [...metrics].filter(([k]) => k.startsWith('vigie_classifier_consumed_total')).reduce((a, [, v]) => a + v, 0);
    const now = Date.now();
    const rate = last ? ((consumed - last.consumed) * 1000) / (now - last.t) : 0;
    last = { t: now, consumed };
    const actions = byLabel(metrics, 'vigie_classifier_action_total', 'action');
    const cats = byLabel(metrics, 'vigie_classifier_category_total', 'category');
    const dlq = metrics.get('vigie_classifier_dlq_total') ?? 0;
    const fmt = (r: Record<string, number>) => Object.entries(r).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || '-';
    const line = `${rate.toFixed(0)} msg/s | ${consumed} messages | actions: ${fmt(actions)} | categories: ${fmt(cats)} | dlq ${dlq}`;
    if (tty) process.stdout.write(`\r\x1b[2K${line}`);
    else if (now - lastPrint >= 5000) { lastPrint = now; ctx.say(line); }
  }, 1000);
  ctx.cleanups.push(async () => { clearInterval(timer); if (tty) process.stdout.write('\n'); });
}

/** `--simulate [rate]`: generated conversations at `rate` messages/s into the input topic. */
export const simulatorStep: UpStep = {
  name: 'simulator',
  async run(ctx: UpContext) {
    const raw = ctx.argv.simulate;
    if (raw === undefined) return { summary: 'off (start with --simulate [messages/s])' };
    const rate = raw === true || raw === '' ? 50 : Number(raw);
    if (!(rate > 0 && rate <= 100_000)) throw new Error(`--simulate: expected a rate in messages/s (1..100000), got "${String(raw)}"`);
    const codecs = createCodecs();
    const log = createLogger({ name: 'simulator', level: 'warn' });
    const kafka = new KafkaClient({ brokers: ctx.brokers, clientId: `${ctx.cfg.kafka.clientId}-simulator`, security: ctx.cfg.kafka.security }, log);
    const producer = kafka.producer();
    const topic = ctx.cfg.kafka.topics.chatMessages;
    const format = ctx.cfg.formats.output;
    let stream = interleave(generateConversations({ count: 1_000_000, seed: Date.now() % 100_000, idPrefix: `sim${Date.now().toString(36)}` }));
    let stopped = false;
    let sent = 0;
    const tick = 100;
    let carry = 0;
    const loop = (async () => {
      while (!stopped) {
        const t0 = Date.now();
        carry += (rate * tick) / 1000;
        const n = Math.floor(carry);
        carry -= n;
        const messages = [];
        for (let i = 0; i < n; i++) {
          let x = stream.next();
          if (x.done) { stream = interleave(generateConversations({ count: 1_000_000, seed: Date.now() % 100_000, idPrefix: `sim${Date.now().toString(36)}` })); x = stream.next(); }
          const msg = { ...x.value!.message, sentAt: Date.now() };
          const value = format === 'json' ? Buffer.from(codecs.ChatMessage.encodeJson(msg)) : codecs.ChatMessage.encodeAvro(msg);
          messages.push({ topic, key: Buffer.from(msg.conversationId), value });
        }
        if (messages.length) await producer.send({ messages }).then(() => { sent += messages.length; }, (err: unknown) => log.warn({ err }, 'simulator send failed'));
        await new Promise((r) => setTimeout(r, Math.max(0, tick - (Date.now() - t0))));
      }
    })();
    ctx.cleanups.push(async () => {
      stopped = true;
      await loop;
      await kafka.close();
      ctx.say(`vigie up: simulator stopped after ${sent} messages`);
    });
    return { summary: `${rate} messages/s of generated FR/EN conversations into ${topic} (${format})`, keepRunning: true };
  },
};

/** The review console (`vigie console`, a child process) on VIGIE_CONSOLE_PORT over the audit store. */
export const consoleStep: UpStep = {
  name: 'console',
  async run(ctx: UpContext) {
    const env = { ...process.env, KAFKA_BROKERS: ctx.brokers.join(',') };
    const start = () => supervised(spawn(process.execPath, [MAIN, 'console'], { env, stdio: ['ignore', 'pipe', 'inherit'] }));
    const first = start();
    const supervisor = new ChildSupervisor({
      service: 'console', spawn: start, say: ctx.say, onGiveUp: ctx.fail, stopGraceMs: CHILD_STOP_GRACE_MS, ready: (c) => consoleUrl(c),
    });
    ctx.halts.push(() => supervisor.halt());
    let adopted = false;
    ctx.cleanups.push(async () => { ctx.say(`vigie up: console ${await (adopted ? supervisor.stop() : stopChild(first.child, first.exited, CHILD_STOP_GRACE_MS))}`); });
    const url = await consoleUrl(first);
    supervisor.adopt(first);
    adopted = true;
    return { summary: `${url} (accounts: vigie console user add NAME --role moderator)`, keepRunning: true };
  },
};

/** The address a console child prints once it listens; rejects if it exits first. */
async function consoleUrl(c: SupervisedChild): Promise<string> {
  const m = await announced(c, /vigie-console (\S+)/, (code) => `the console exited (${code}) during start-up`);
  return m[1]!;
}
