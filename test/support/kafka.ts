import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer, type ProducerConfig, type ConsumerConfig, type IHeaders, type ITopicConfig } from 'kafkajs';
import { resolveBrokersFromEnv } from '../../services/kafka/brokers.js';

/**
 * Helpers for integration tests against a real broker (after kafkajs's own testHelpers): random
 * names so each test owns its topics and group, topic creation that waits for leaders, message
 * collection with a deadline, reading a whole topic under read_committed, and cleanup.
 * Brokers come from resolveBrokersFromEnv(): KAFKA_BROKERS, else testcontainers, else the local broker.
 */

export interface TestRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** A random, valid topic or group name: `<prefix>-<time>-<random>`. */
export function randomName(prefix = 'test'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export async function testKafka(clientId = randomName('vigie-test')): Promise<{ kafka: Kafka; brokers: string[] }> {
  const { brokers } = await resolveBrokersFromEnv(process.env, (m) => process.stderr.write(`kafka: ${m}\n`));
  return { kafka: new Kafka({ clientId, brokers, logLevel: logLevel.ERROR, retry: { retries: 5, initialRetryTime: 100 } }), brokers };
}

export interface TopicSpec {
  topic: string;
  numPartitions?: number;
  configEntries?: { name: string; value: string }[];
}

/** Creates topics (replication 1 on a single broker) and waits until every partition has a leader. */
export async function createTopics(admin: Admin, specs: (TopicSpec | string)[]): Promise<string[]> {
  const topics: ITopicConfig[] = specs.map((s) => (typeof s === 'string' ? { topic: s, numPartitions: 1 } : { numPartitions: 1, ...s }));
  await admin.createTopics({ topics, waitForLeaders: true, timeout: 30_000 });
  return topics.map((t) => t.topic);
}

export async function createTopic(admin: Admin, spec: TopicSpec | string): Promise<string> {
  return (await createTopics(admin, [spec]))[0]!;
}

export function toTestRecord(topic: string, partition: number, m: { offset: string; key: Buffer | null; value: Buffer | null; headers?: IHeaders }): TestRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
  return { topic, partition, offset: m.offset, key: m.key ? m.key.toString('utf8') : null, value: m.value, headers };
}

/** Messages gathered by a running consumer. */
export interface Collector {
  messages: TestRecord[];
}

/** Subscribes a connected consumer and gathers every message into `collector.messages`. */
export async function collectMessages(consumer: Consumer, topics: string[], fromBeginning = true): Promise<Collector> {
  const collector: Collector = { messages: [] };
  await consumer.subscribe({ topics, fromBeginning });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => { collector.messages.push(toTestRecord(topic, partition, message)); },
  });
  return collector;
}

/** Waits until the collector holds at least n messages; rejects after timeoutMs saying how many came. */
export async function waitForMessages(collector: Collector, n: number, timeoutMs = 20_000): Promise<TestRecord[]> {
  const deadline = Date.now() + timeoutMs;
  while (collector.messages.length < n) {
    if (Date.now() > deadline) throw new Error(`waitForMessages: ${collector.messages.length} of ${n} messages after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return collector.messages.slice();
}

/**
 * Reads a topic from the start to its current end with a throw-away consumer group and returns every
 * message in partition/offset order. With readCommitted (default true) aborted and still-open
 * transactional records are not returned. Ends when each partition's consumed position reaches the
 * end offset (control records count), so it does not wait for idleness.
 *
 * kafkajs's admin reports the last stable offset (ListOffsets READ_COMMITTED), and a transaction's
 * commit markers are written just AFTER commit() returns; so once the ends are reached they are asked
 * again, and reading goes on until two successive answers agree.
 */
export async function readAllMessages(kafka: Kafka, topic: string, opts: { readCommitted?: boolean; timeoutMs?: number } = {}): Promise<TestRecord[]> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  const admin = kafka.admin();
  const groupId = randomName('read-all');
  const consumer = kafka.consumer({ groupId, readUncommitted: opts.readCommitted === false, maxWaitTimeInMs: 200 });
  const out: TestRecord[] = [];
  const reached = new Map<number, bigint>(); // partition -> next offset to read
  let wake: () => void = () => undefined;
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
    if (e.payload.topic !== topic) return;
    const next = BigInt(e.payload.lastOffset) + 1n;
    if (next > (reached.get(e.payload.partition) ?? 0n)) reached.set(e.payload.partition, next);
    wake();
  });
  await admin.connect();
  await consumer.connect();
  let running = false;
  try {
    let ends = await endOffsets(admin, topic);
    for (;;) {
      const behind = () => [...ends].filter(([p, end]) => (reached.get(p) ?? 0n) < end).map(([p]) => p);
      if (behind().length > 0 && !running) {
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await consumer.run({ eachMessage: async ({ partition, message }) => { out.push(toTestRecord(topic, partition, message)); } });
        running = true;
      }
      while (behind().length > 0) {
        if (Date.now() > deadline) throw new Error(`readAllMessages(${topic}): partitions ${behind().join(',')} not read to their end within ${timeoutMs} ms (an open transaction?)`);
        await new Promise<void>((r) => { wake = r; setTimeout(r, 100); });
      }
      await new Promise((r) => setTimeout(r, 100));
      const again = await endOffsets(admin, topic);
      if ([...again].every(([p, end]) => end === ends.get(p))) break;
      ends = again;
    }
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return out.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

async function endOffsets(admin: Admin, topic: string): Promise<Map<number, bigint>> {
  return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
}

/**
 * Everything one test needs, tracked for cleanup: `await ctx.cleanup()` disconnects every client it
 * made and deletes the topics and groups it created.
 */
export class KafkaTestContext {
  private readonly topics: string[] = [];
  private readonly groups: string[] = [];
  private readonly clients: { disconnect(): Promise<void> }[] = [];

  private constructor(readonly kafka: Kafka, readonly brokers: string[], readonly admin: Admin) {}

  static async create(name = 'test'): Promise<KafkaTestContext> {
    const { kafka, brokers } = await testKafka(randomName(`vigie-${name}`));
    const admin = kafka.admin();
    await admin.connect();
    return new KafkaTestContext(kafka, brokers, admin);
  }

  /** A random topic name, created with the given partitions and config, and deleted at cleanup. */
  async topic(prefix = 'topic', numPartitions = 1, configEntries: { name: string; value: string }[] = []): Promise<string> {
    const topic = randomName(prefix);
    await createTopic(this.admin, { topic, numPartitions, configEntries });
    this.topics.push(topic);
    return topic;
  }

  /** Registers topics created by other code (e.g. `vigie topics create`) for deletion at cleanup. */
  own(...topics: string[]): void {
    this.topics.push(...topics);
  }

  groupId(prefix = 'group'): string {
    const g = randomName(prefix);
    this.groups.push(g);
    return g;
  }

  async producer(config: ProducerConfig = {}): Promise<Producer> {
    const p = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...config });
    await p.connect();
    this.clients.push(p);
    return p;
  }

  /** A connected consumer; read_committed unless `readUncommitted: true` is passed. */
  async consumer(config: Partial<ConsumerConfig> = {}): Promise<Consumer> {
    const groupId = config.groupId ?? this.groupId();
    if (!this.groups.includes(groupId)) this.groups.push(groupId);
    const c = this.kafka.consumer({ maxWaitTimeInMs: 200, ...config, groupId });
    await c.connect();
    this.clients.push(c);
    return c;
  }

  readAll(topic: string, opts: { readCommitted?: boolean; timeoutMs?: number } = {}): Promise<TestRecord[]> {
    return readAllMessages(this.kafka, topic, opts);
  }

  /** Committed offset of a group on each partition of a topic (-1 when none). */
  async committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    const r = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((r[0]?.partitions ?? []).map((p) => [p.partition, p.offset]));
  }

  async cleanup(): Promise<void> {
    for (const c of this.clients.splice(0)) await c.disconnect().catch(() => undefined);
    if (this.groups.length) await this.admin.deleteGroups(this.groups.splice(0)).catch(() => undefined);
    if (this.topics.length) await this.admin.deleteTopics({ topics: this.topics.splice(0), timeout: 30_000 }).catch(() => undefined);
    await this.admin.disconnect();
  }
}
