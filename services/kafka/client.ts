/**
 * The one Kafka client factory (@platformatic/kafka). Brokers, client id, TLS/SASL, timeouts,
 * retries and logging are decided here, once; inputs (kafka-input.ts), the transactional output
 * (kafka-output.ts) and topic admin (admin.ts) take their clients from a KafkaClient and no other
 * file constructs one. Like Redpanda Connect's franz_client.go for its input and output.
 *
 * Logging: the library writes nothing itself; its lifecycle events (broker connect/disconnect,
 * retries that gave up, group joins) are forwarded to a pino child logger with stable `event` names.
 */
import { Admin, compatibilityPartitioner, connectionsConnectsChannel, Consumer, GroupProtocols, Producer, type BaseOptions, type ConsumerOptions, type ProducerOptions } from '@platformatic/kafka';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { BrokerFailureLog, type BrokersOutage } from './broker-failures.js';
import { ReadCommittedConsumer } from './read-committed.js';
import { TxnProducer } from './txn-producer.js';
import { subscriptionRoundRobin } from './subscription-assigner.js';
import { compileKafkaClientOptions, retryDelayFor, type CompiledKafkaClientOptions, type KafkaClientOptions } from './client-options.js';

/** Fetch isolation level READ_COMMITTED (protocol value). */
export const READ_COMMITTED = 1;

export interface ConsumerSettings {
  groupId: string;
  /** Default 10000 ms. */
  sessionTimeoutMs?: number;
  /** Default 1000 ms. */
  heartbeatIntervalMs?: number;
  /** Default 30000 ms. */
  rebalanceTimeoutMs?: number;
  /** Longest a fetch waits for data. Default 100 ms. */
  maxWaitTimeMs?: number;
  /** Upper bound of one fetch response per partition. Default 1 MiB. */
  maxBytesPerPartition?: number;
  /** Messages buffered in the stream before fetching pauses. Default 4096. */
  highWaterMark?: number;
  /** Read records of open and aborted transactions too (tests and diagnostics only). Default false. */
  readUncommitted?: boolean;
}

type Closable = { close(): Promise<void> };

/**
 * Why each connection failed: the library's `client:broker:failed` payload is `{ broker, connection }`, without
 * the error, which it publishes on its diagnostics channel just before (ECONNREFUSED, a TLS or DNS failure).
 */
const connectErrors = new WeakMap<object, unknown>();
let connectErrorsWatched = false;
function watchConnectErrors(): void {
  if (connectErrorsWatched) return;
  connectErrorsWatched = true;
  connectionsConnectsChannel.error.subscribe((m: unknown) => {
    const c = m as { connection?: unknown; error?: unknown };
    if (c.connection && typeof c.connection === 'object') connectErrors.set(c.connection, c.error);
  });
}

function connectErrorOf(payload: unknown): unknown {
  const c = payload && typeof payload === 'object' ? (payload as { connection?: unknown }).connection : undefined;
  return c && typeof c === 'object' ? connectErrors.get(c) : undefined;
}

export class KafkaClient {
  readonly options: CompiledKafkaClientOptions;
  readonly #log: Logger;
  readonly #open = new Set<Closable>();
  readonly #failures: BrokerFailureLog;

  constructor(raw: KafkaClientOptions, log: Logger) {
    this.options = compileKafkaClientOptions(raw);
    this.#log = log.child({ component: 'kafka', clientId: this.options.clientId });
    this.#failures = new BrokerFailureLog(this.#log);
    watchConnectErrors();
    // Only reachable with VIGIE_KAFKA_SASL_PLAINTEXT=true (config.ts refuses it otherwise) or options built in code.
    if (this.options.sasl?.mechanism === 'PLAIN' && !this.options.tls) {
      this.#log.warn({ event: EVENTS.KAFKA_SASL_PLAINTEXT, mechanism: 'PLAIN' },
        'SASL PLAIN without TLS: the Kafka password crosses the network in clear (accepted by VIGIE_KAFKA_SASL_PLAINTEXT=true)');
    }
  }

  get brokers(): readonly string[] { return this.options.brokers; }

  /** Every broker this client's connections have met is failing (a broker outage), or null: for the services' /readyz. */
  outage(): BrokersOutage | null { return this.#failures.outage(); }

  #base(role: string): BaseOptions {
    const o = this.options;
    return {
      clientId: `${o.clientId}-${role}`,
      bootstrapBrokers: o.brokers,
      connectTimeout: o.connectTimeoutMs,
      requestTimeout: o.requestTimeoutMs,
      timeout: o.requestTimeoutMs,
      retries: o.retries,
      retryDelay: (_client, _op, attempt, _retries, err) => retryDelayFor(o, attempt, err),
      ...(o.tls ? { tls: o.tls } : {}),
      ...(o.sasl ? { sasl: { mechanism: o.sasl.mechanism, username: o.sasl.username, password: o.sasl.password } } : {}),
    };
  }

  #track<T extends Closable & { on(event: string, fn: (...args: unknown[]) => void): unknown }>(client: T, role: string): T {
    const log = this.#log.child({ role });
    client.on('client:broker:connect', (b: unknown) => {
      log.debug({ event: EVENTS.KAFKA_BROKER_CONNECT, broker: brokerAddress(b) }, 'broker connected');
      this.#failures.connected(brokerAddress(b), role);
    });
    // The cluster's brokers as of the latest metadata: a broker removed from the cluster is forgotten (broker-failures.ts).
    client.on('client:metadata', (m: unknown) => this.#failures.metadata(metadataBrokers(m)));
    client.on('client:broker:disconnect', (b: unknown) => log.debug({ event: EVENTS.KAFKA_BROKER_DISCONNECT, broker: brokerAddress(b) }, 'broker disconnected'));
    // Every retry of every client fails while a broker is away: the first failure is a warning, then one summary per 30 s.
    client.on('client:broker:failed', (b: unknown, err: unknown) => this.#failures.failed(brokerAddress(b), role, err ?? errorOf(b) ?? connectErrorOf(b)));
    // Also emitted for failures the library handles itself (e.g. MEMBER_ID_REQUIRED on a first join): debug only.
    client.on('client:performWithRetry:failed', (op: unknown, retries: unknown) => log.debug({ event: EVENTS.KAFKA_OP_FAILED, op, retries }, 'Kafka operation failed'));
    this.#open.add(client);
    client.on('client:close', () => this.#open.delete(client));
    return client;
  }

  admin(): Admin {
    return this.#track(new Admin(this.#base('admin')), 'admin');
  }

  /**
   * A plain idempotent producer (acks all), for tools, tests and non-transactional publishers. Keys are
   * partitioned as the Java client (and kafkajs) do, so a conversation maps to the same partition.
   */
  producer(extra: Partial<ProducerOptions<Buffer, Buffer, Buffer, Buffer>> = {}): Producer {
    return this.#track(new Producer({ ...this.#base('producer'), idempotent: true, acks: -1, partitioner: compatibilityPartitioner, ...extra }), 'producer');
  }

  /**
   * A transactional producer. `producerId: -1n, producerEpoch: -1` makes InitProducerId ask for a
   * fresh id/epoch: with the library's default (0/0) a restart under the same transactional id is
   * answered PRODUCER_FENCED instead of fencing the previous incarnation.
   * The transaction timeout is the request timeout (the library sends `timeout` in InitProducerId).
   */
  transactionalProducer(transactionalId: string, transactionTimeoutMs = this.options.requestTimeoutMs): TxnProducer {
    // TxnProducer: AddPartitionsToTxn at the client version (txn-producer.ts), so Write on the transactional id suffices under ACLs.
    return this.#track(new TxnProducer({
      ...this.#base('txn'), timeout: transactionTimeoutMs, transactionalId, idempotent: true, acks: -1, producerId: -1n, producerEpoch: -1, partitioner: compatibilityPartitioner,
      // A transaction is retried as a whole by the caller; inside, only short broker-side waits are retried.
      retries: Math.max(this.options.retries, 20),
    }), 'txn');
  }

  /**
   * A consumer-group member: classic group protocol (with KIP-848's protocol the transactional offset
   * commit carries the classic generation id, so fencing is not proven there), read_committed,
   * no autocommit: offsets are committed by transactions only; partitions assigned by subscription
   * (subscription-assigner.ts), so members reading different topics can share a group.
   */
  consumer(s: ConsumerSettings): Consumer {
    const options: ConsumerOptions<Buffer, Buffer, Buffer, Buffer> = {
      ...this.#base('consumer'),
      groupId: s.groupId,
      groupProtocol: GroupProtocols.CLASSIC,
      sessionTimeout: s.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: s.heartbeatIntervalMs ?? 1000,
      rebalanceTimeout: s.rebalanceTimeoutMs ?? 30_000,
      maxWaitTime: s.maxWaitTimeMs ?? 100,
      maxBytesPerPartition: s.maxBytesPerPartition ?? 1_048_576,
      isolationLevel: s.readUncommitted ? 0 : READ_COMMITTED,
      autocommit: false,
      highWaterMark: s.highWaterMark ?? 4096,
      // Each topic's partitions go only to the members subscribed to it (the library's default ignores subscriptions).
      partitionAssigner: subscriptionRoundRobin,
    };
    // ReadCommittedConsumer: the library's own aborted-transaction filter loses and duplicates records (read-committed.ts).
    const c = this.#track(new ReadCommittedConsumer(options), 'consumer');
    const log = this.#log.child({ role: 'consumer', groupId: s.groupId });
    c.on('consumer:group:join', (p: unknown) => log.debug({ event: EVENTS.KAFKA_GROUP_JOIN, ...(p as object) }, 'group joined'));
    c.on('consumer:group:rebalance', () => log.debug({ event: EVENTS.KAFKA_GROUP_REBALANCE }, 'group rebalancing'));
    c.on('consumer:heartbeat:error', (p: unknown) => log.debug({ event: EVENTS.KAFKA_HEARTBEAT_ERROR, err: (p as { error?: unknown })?.error }, 'heartbeat failed'));
    return c;
  }

  /** Closes every client this factory made and that is still open. */
  async close(): Promise<void> {
    const open = [...this.#open];
    this.#open.clear();
    await Promise.all(open.map((c) => c.close().catch(() => undefined)));
  }
}

/**
 * `host:port` of a broker event's payload (the library passes `{ broker: { host, port }, connection }`, and the
 * connection object is internals: logged whole, it printed its event-emitter fields). A string as it is, anything else `unknown`.
 */
export function brokerAddress(payload: unknown): string {
  const p = payload as { broker?: { host?: unknown; port?: unknown }; host?: unknown; port?: unknown } | null | undefined;
  const b = p && typeof p === 'object' ? (p.broker && typeof p.broker === 'object' ? p.broker : p) : null;
  if (b && typeof b.host === 'string') return `${b.host}:${String(b.port)}`;
  return typeof payload === 'string' ? payload : 'unknown';
}

/** The `host:port` of every broker of a `client:metadata` payload (`brokers`: a Map of node id to `{ host, port }`). */
export function metadataBrokers(payload: unknown): string[] {
  const brokers = (payload as { brokers?: unknown } | null | undefined)?.brokers;
  if (!(brokers instanceof Map)) return [];
  return [...(brokers.values() as IterableIterator<unknown>)].map((b) => brokerAddress(b)).filter((a) => a !== 'unknown');
}

/** The error a broker event's payload carries, if any. */
function errorOf(payload: unknown): unknown {
  return payload && typeof payload === 'object' && 'error' in payload ? (payload as { error: unknown }).error : undefined;
}
