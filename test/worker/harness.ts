/**
 * Integration-test harness for the classifier worker: random topics per test, workers as child
 * processes (`node dist/services/cli/main.js run classifier`), input production, read_committed reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCodecs } from '../../services/contracts/index.js';
import type { ChatMessage, Verdict } from '../../services/contracts/types.js';
import { randomName } from '../support/kafka.js';
import { ClientTestContext, type TestProducer } from '../support/kafka-client.js';
import type { WorkerTopics } from '../../services/classifier-worker/options.js';
import { wellFormed } from '../../services/classifier-worker/text-limits.js';

export const codecs = createCodecs();
const MAIN = resolve('dist/services/cli/main.js');
export const LOG_DIR = resolve('.data/test-logs/worker');

export interface WorkerSetup {
  ctx: ClientTestContext;
  topics: WorkerTopics;
  group: string;
  brokers: string[];
}

/** Creates input (and output) topics with `partitions` input partitions; the input accepts 8 MB records. */
export async function setup(name: string, partitions: number, ctx?: ClientTestContext): Promise<WorkerSetup> {
  ctx ??= await ClientTestContext.create(name);
  const big = { 'max.message.bytes': String(8 * 1024 * 1024) };
  const topics: WorkerTopics = {
    input: await ctx.topic(`${name}-in`, partitions, big),
    verdicts: await ctx.topic(`${name}-verdicts`, 2),
    actions: await ctx.topic(`${name}-actions`, 1),
    escalations: await ctx.topic(`${name}-esc`, 1),
    audit: await ctx.topic(`${name}-audit`, 2),
    dlq: await ctx.topic(`${name}-dlq`, 1, big),
    state: randomName(`${name}-state`),
  };
  ctx.own(topics.state);
  return { ctx, topics, group: randomName(`${name}-group`), brokers: ctx.brokers };
}

export interface WorkerProc {
  child: ChildProcess;
  /** Resolves with the HTTP port once printed. */
  port: Promise<number>;
  exited: Promise<number | null>;
  logFile: string;
}

export function startWorker(s: WorkerSetup, tag: string, extraEnv: Record<string, string> = {}): WorkerProc {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = resolve(LOG_DIR, `${s.group}-${tag}.log`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_BROKERS: s.brokers.join(','),
    VIGIE_CLASSIFIER_GROUP: s.group,
    VIGIE_TOPIC_MESSAGES: s.topics.input, VIGIE_TOPIC_VERDICTS: s.topics.verdicts, VIGIE_TOPIC_ACTIONS: s.topics.actions,
    VIGIE_TOPIC_ESCALATIONS: s.topics.escalations, VIGIE_TOPIC_AUDIT: s.topics.audit, VIGIE_TOPIC_DLQ: s.topics.dlq,
    VIGIE_TOPIC_CLASSIFIER_STATE: s.topics.state,
    VIGIE_CLASSIFIER_HTTP_PORT: '0', VIGIE_CLASSIFIER_SESSION_TIMEOUT_MS: '6000', VIGIE_CLASSIFIER_HEARTBEAT_MS: '500',
    ...extraEnv,
  };
  const child = spawn(process.execPath, [MAIN, 'run', 'classifier'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stderr!.pipe(log);
  let out = '';
  const port = new Promise<number>((res, rej) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /vigie-classifier http (\d+)/.exec(out);
      if (m) res(Number(m[1]));
    });
    child.once('exit', (code) => rej(new Error(`worker exited (${code}) before printing its port; log: ${logFile}`)));
  });
  port.catch(() => undefined);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, port, exited, logFile };
}

export async function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text() };
}

/**
 * Polls /livez every 100 ms until it answers other than 200 (returned), the worker exits or `polls` polls passed
 * (undefined); a refused connection counts as no answer.
 */
export async function untilNotLive(w: WorkerProc, port: number, polls: number): Promise<{ status: number; body: string } | undefined> {
  for (let i = 0; i < polls && w.child.exitCode === null; i++) {
    const r = await httpGet(port, '/livez').catch(() => null);
    if (r && r.status !== 200) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  return undefined;
}

/** Waits until /readyz answers 200. */
export async function waitReady(w: WorkerProc, timeoutMs = 60_000): Promise<number> {
  const port = await w.port;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await httpGet(port, '/readyz')).status === 200) return port;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`worker not ready within ${timeoutMs} ms; log: ${w.logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Reads a counter's value from /metrics text (sum over label sets). */
export function metricSum(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(name) && (line[name.length] === ' ' || line[name.length] === '{')) sum += Number(line.split(' ').pop());
  return sum;
}

/** Sends `signal` and waits for the exit code; a worker still running after `timeoutMs` is killed and reported. */
export async function stopWorker(w: WorkerProc, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<number | null | 'hung'> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill(signal);
  const t = sleep(timeoutMs).then(() => 'hung' as const);
  const r = await Promise.race([w.exited, t]);
  if (r === 'hung') { w.child.kill('SIGKILL'); await w.exited; }
  return r;
}

export async function produceMessages(producer: TestProducer, topic: string, messages: ChatMessage[], format: 'avro' | 'json' = 'avro', chunk = 2000): Promise<void> {
  for (let i = 0; i < messages.length; i += chunk) {
    // The generator's noise can cut an emoji in half; a lone surrogate has no UTF-8 form (avsc would write invalid bytes).
    await producer.send({ topic, messages: messages.slice(i, i + chunk).map((x) => ({ ...x, text: wellFormed(x.text) })).map((m) => ({
      key: m.conversationId, value: format === 'avro' ? codecs.ChatMessage.encodeAvro(m) : codecs.ChatMessage.encodeJson(m),
    })) });
  }
}

export async function plainProducer(s: WorkerSetup): Promise<TestProducer> {
  return s.ctx.producer();
}

export async function readVerdicts(s: WorkerSetup, timeoutMs = 30_000): Promise<Verdict[]> {
  return (await s.ctx.readAll(s.topics.verdicts, { timeoutMs })).map((r) => codecs.Verdict.decodeAvro(r.value!));
}

/** Counts per messageId: duplicates and losses against the expected ids. */
export function exactlyOnce(expected: Iterable<string>, got: Iterable<string>): { missing: string[]; duplicates: string[]; unexpected: string[] } {
  const counts = new Map<string, number>();
  for (const id of got) counts.set(id, (counts.get(id) ?? 0) + 1);
  const exp = new Set(expected);
  return {
    missing: [...exp].filter((id) => !counts.has(id)),
    duplicates: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    unexpected: [...counts.keys()].filter((id) => !exp.has(id)),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
