/**
 * Kafka I/O of the chaos run through kcat (librdkafka): the traffic producer and the final reads do not
 * share a client library with the services under test, so a client bug cannot hide itself.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';

export interface RawRecord { partition: number; offset: number; key: Buffer | null; value: Buffer | null }

/**
 * Every record of `topic` under read_committed, from the beginning to the end offsets (last stable offsets)
 * at the time of the read. Framing: "<partition> <offset> <key length> <value length>\n<key><value>", lengths
 * are -1 for null, so binary values (Avro) come out intact.
 */
export async function readTopic(brokers: string, topic: string): Promise<RawRecord[]> {
  const child = spawn('kcat', ['-C', '-b', brokers, '-t', topic, '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_committed',
    '-f', '%p %o %K %S\n%k%s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`kcat read of ${topic} failed (${code}): ${err.trim().slice(0, 500)}`);
  return parseFramed(Buffer.concat(chunks));
}

export function parseFramed(buf: Buffer): RawRecord[] {
  const out: RawRecord[] = [];
  let i = 0;
  while (i < buf.length) {
    const nl = buf.indexOf(0x0a, i);
    if (nl < 0) throw new Error(`kcat output cut at byte ${i}`);
    const [p, o, k, s] = buf.subarray(i, nl).toString('latin1').split(' ').map(Number) as [number, number, number, number];
    i = nl + 1;
    const key = k < 0 ? null : buf.subarray(i, i + k);
    i += Math.max(k, 0);
    const value = s < 0 ? null : buf.subarray(i, i + s);
    i += Math.max(s, 0);
    out.push({ partition: p, offset: o, key, value });
  }
  return out;
}

/**
 * A kcat producer fed line by line: "<key>\t<value>\n" (values must hold no tab or newline: JSON lines and
 * the poison bytes qualify). Idempotent, and patient enough (message.timeout.ms) to ride out a broker restart.
 */
export class LineProducer {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #closed: Promise<number | null>;
  stderr = '';

  constructor(brokers: string, topic: string) {
    this.#child = spawn('kcat', ['-P', '-E', '-b', brokers, '-t', topic, '-K', '\t', '-X', 'enable.idempotence=true', '-X', 'message.timeout.ms=900000',
      '-X', 'partitioner=murmur2_random', '-X', 'linger.ms=20', '-X', 'reconnect.backoff.max.ms=2000'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stderr.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.#child.stdout.resume();
    this.#child.stdin.on('error', () => undefined); // an early exit shows in write() and close()
    this.#closed = once(this.#child, 'close').then(([c]) => c as number | null);
  }

  async write(key: string, value: Buffer): Promise<void> {
    if (value.includes(0x0a) || value.includes(0x09) || key.includes('\t') || key.includes('\n')) throw new Error(`record ${key} holds a tab or newline`);
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) throw new Error(`kcat producer exited (${this.#child.exitCode ?? this.#child.signalCode}): ${this.stderr.trim().slice(-500)}`);
    if (!this.#child.stdin.write(Buffer.concat([Buffer.from(`${key}\t`), value, Buffer.from('\n')]))) await once(this.#child.stdin, 'drain');
  }

  /** Ends the input and waits until every record is delivered (or failed); returns kcat's exit code. */
  async close(): Promise<{ code: number | null; deliveryFailures: number }> {
    this.#child.stdin.end();
    const code = await this.#closed;
    return { code, deliveryFailures: (this.stderr.match(/Delivery failed/g) ?? []).length };
  }
}

/**
 * A LineProducer that outlives its kcat: librdkafka's idempotent producer can stop on a fatal error after a
 * broker restart ("out of order sequence number"); the next write then starts a new kcat. Records the dead
 * one had in flight may be lost: the run re-sends whatever the input topic lacks afterwards (topUp in run.ts).
 */
export class ResilientProducer {
  #current: LineProducer;
  restarts = 0;
  stderr = '';

  constructor(private readonly brokers: string, private readonly topic: string) {
    this.#current = new LineProducer(brokers, topic);
  }

  async write(key: string, value: Buffer): Promise<void> {
    try {
      await this.#current.write(key, value);
    } catch {
      await this.#current.close();
      this.stderr += this.#current.stderr;
      this.restarts++;
      this.#current = new LineProducer(this.brokers, this.topic);
      await this.#current.write(key, value);
    }
  }

  async close(): Promise<{ code: number | null; deliveryFailures: number; restarts: number }> {
    const r = await this.#current.close();
    this.stderr += this.#current.stderr;
    return { ...r, restarts: this.restarts };
  }
}
