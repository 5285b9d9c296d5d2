/**
 * Integration-test helpers on the one Kafka client factory (services/kafka/client.ts): a client on
 * the test broker (resolveBrokersFromEnv), random topics and groups deleted at cleanup, plain
 * production, and reading a whole topic under read_committed or read_uncommitted.
 */
import { MessagesStreamModes, type Admin, type Producer } from '@platformatic/kafka';
import { createLogger } from '../../services/common/logger.js';
import { committedOffsets, createTopic, deleteGroups, deleteTopics, partitionOffsets } from '../../services/kafka/admin.js';
import { resolveBrokersFromEnv } from '../../services/kafka/brokers.js';
import { KafkaClient } from '../../services/kafka/client.js';
import { randomName } from './kafka.js';

export interface ReadRecord {
  partition: number;
  offset: bigint;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** A plain producer for tests: `send` answers the partition of each record, keys are partitioned as the Java client does. */
export interface TestProducer {
  send(args: { topic: string; messages: { key?: string | Buffer | null; value: Buffer | string | null; headers?: Record<string, string> }[] }): Promise<{ partition: number }[]>;
}

/** Messages gathered by a running group member (ClientTestContext.collect). */
export interface Collector {
  messages: ReadRecord[];
  assigned(): number[];
  /** The group generation of the member's current assignment (-1 before its first join). */
  generation(): number;
}

/** Waits until the collector holds at least n messages; rejects after timeoutMs saying how many came. */
export async function waitForMessages(collector: Collector, n: number, timeoutMs = 20_000): Promise<ReadRecord[]> {
  const deadline = Date.now() + timeoutMs;
  while (collector.messages.length < n) {
    if (Date.now() > deadline) throw new Error(`waitForMessages: ${collector.messages.length} of ${n} messages after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return collector.messages.slice();
}

function toReadRecord(m: { partition: number; offset: bigint; key?: Buffer | null; value?: Buffer | null; headers: Map<Buffer, Buffer> }): ReadRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of m.headers) headers[k.toString()] = v.toString();
  return { partition: m.partition, offset: m.offset, key: m.key ? m.key.toString() : null, value: m.value ?? null, headers };
}

export class ClientTestContext {
  readonly #topics: string[] = [];
  readonly #groups: string[] = [];
  #producer: Producer | null = null;
  readonly #closers: (() => Promise<void>)[] = [];

  private constructor(readonly client: KafkaClient, readonly admin: Admin, readonly brokers: string[]) {}

  static async create(name = 'test'): Promise<ClientTestContext> {
    const { brokers } = await resolveBrokersFromEnv(process.env, (m) => process.stderr.write(`kafka: ${m}\n`));
    const client = new KafkaClient({ brokers, clientId: randomName(`vigie-${name}`) }, createLogger({ level: process.env.VIGIE_TEST_LOG_LEVEL ?? 'warn' }));
    return new ClientTestContext(client, client.admin(), brokers);
  }

  /** The same over a client made elsewhere (e.g. for a TLS/SASL broker of the test's own). */
  static over(client: KafkaClient, brokers: string[]): ClientTestContext {
    return new ClientTestContext(client, client.admin(), brokers);
  }

  async topic(prefix: string, partitions = 1, config: Record<string, string> = {}): Promise<string> {
    const t = randomName(prefix);
    await createTopic(this.admin, t, partitions, 1, config);
    this.#topics.push(t);
    return t;
  }

  /** Registers topics created by other code (e.g. the worker's state topic) for deletion at cleanup. */
  own(...topics: string[]): void {
    this.#topics.push(...topics);
  }

  /** Committed offset of a group on each partition of a topic ('-1' when none), as strings. */
  async committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    const c = await committedOffsets(this.admin, groupId, topic, { stable: false });
    return new Map([...c].map(([p, o]) => [p, String(o)]));
  }

  /** High watermark of each partition. */
  endOffsets(topic: string): Promise<Map<number, bigint>> {
    return partitionOffsets(this.admin, topic, 'latest');
  }

  /** A new idempotent producer (a fresh one after a broker restart). */
  async producer(): Promise<TestProducer> {
    const producer = this.client.producer();
    return {
      send: async ({ topic, messages }) => {
        const toBuf = (v: string | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(v));
        const res = await producer.send({ messages: messages.map((m) => ({
          topic, ...(m.key != null ? { key: toBuf(m.key) } : {}), ...(m.value !== null ? { value: toBuf(m.value) } : {}),
          ...(m.headers ? { headers: new Map(Object.entries(m.headers).map(([k, v]) => [Buffer.from(k), Buffer.from(v)])) } : {}),
        })) });
        return (res.offsets ?? []).map((o) => ({ partition: o.partition }));
      },
    };
  }

  /**
   * A group member reading `topics` from the earliest offset (read_committed, no commits) into
   * `collector.messages`; `collector.assigned()` lists the partitions the group gave it.
   */
  async collect(topics: string[], groupId = this.groupId('collect')): Promise<Collector> {
    const consumer = this.client.consumer({ groupId, maxWaitTimeMs: 100 });
    const collector: Collector = {
      messages: [], assigned: () => (consumer.assignments ?? []).flatMap((a) => a.partitions).sort((x, y) => x - y), generation: () => consumer.generationId ?? -1,
    };
    const stream = await consumer.consume({ topics, mode: MessagesStreamModes.EARLIEST, autocommit: false });
    stream.on('data', (m) => { collector.messages.push(toReadRecord(m)); });
    this.#closers.push(async () => { await stream.close().catch(() => undefined); await consumer.close(true).catch(() => undefined); });
    return collector;
  }

  groupId(prefix = 'group'): string {
    const g = randomName(prefix);
    this.#groups.push(g);
    return g;
  }

  /** Produces `values` (key = `k<i % keys>`), non-transactionally, acks all. */
  async produce(topic: string, values: string[], keys = 16): Promise<void> {
    this.#producer ??= this.client.producer();
    for (let i = 0; i < values.length; i += 2000) {
      await this.#producer.send({ messages: values.slice(i, i + 2000).map((v, j) => ({ topic, key: Buffer.from(`k${(i + j) % keys}`), value: Buffer.from(v) })) });
    }
  }

  /** Every record of a topic up to its current end, partition/offset order. read_committed by default. */
  async readAll(topic: string, opts: { readCommitted?: boolean; timeoutMs?: number } = {}): Promise<ReadRecord[]> {
    const readCommitted = opts.readCommitted ?? true;
    const ends = await partitionOffsets(this.admin, topic, 'latest', readCommitted);
    const out: ReadRecord[] = [];
    const behind = (next: Map<number, bigint>) => [...ends].filter(([p, e]) => (next.get(p) ?? 0n) < e);
    const next = new Map<number, bigint>();
    if (behind(next).length === 0) return out;
    const groupId = this.groupId('read-all');
    const consumer = this.client.consumer({ groupId, maxWaitTimeMs: 100, readUncommitted: !readCommitted });
    const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.EARLIEST, autocommit: false, isolationLevel: readCommitted ? 1 : 0 });
    let lastData = Date.now();
    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          // Control records (transaction markers) are never delivered: the end may lie past the last record.
          void partitionOffsets(this.admin, topic, 'latest', readCommitted).then((e) => {
            // The fetch position moves when a response arrives, before its records are emitted: wait for a quiet spell too.
            const fetched = stream.offsetsToFetch;
            if ([...e].every(([p, end]) => (fetched.get(`${topic}:${p}`) ?? 0n) >= end) && Date.now() - lastData > 500) { clearInterval(timer); resolve(); }
          }).catch(() => undefined);
          if (Date.now() > deadline) { clearInterval(timer); reject(new Error(`readAll(${topic}): not at the end within the timeout; read ${out.length}`)); }
        }, 200);
        stream.on('data', (m) => {
          lastData = Date.now();
          out.push(toReadRecord(m));
          next.set(m.partition, m.offset + 1n);
        });
        stream.on('error', (err) => { clearInterval(timer); reject(err); });
      });
    } finally {
      await stream.close().catch(() => undefined);
      await consumer.close(true).catch(() => undefined);
    }
    return out.sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset));
  }

  async cleanup(): Promise<void> {
    // Group members leave together (one by one, each leave rebalances the others mid-close); none may hold cleanup up.
    await Promise.all(this.#closers.splice(0).map((close) => Promise.race([close(), new Promise<void>((r) => setTimeout(r, 15_000).unref())])));
    await this.#producer?.close().catch(() => undefined);
    await deleteGroups(this.admin, this.#groups.splice(0)).catch(() => undefined);
    await deleteTopics(this.admin, this.#topics.splice(0)).catch(() => undefined);
    await this.client.close();
  }
}
