/**
 * Makes a hanging transaction on a broker whose `transaction.partition.verification.enable` is false (allowVerificationOff):
 * a transaction committed (or aborted) normally on partition 0 of `topic`, then a stray write of the same producer id
 * to `strayPartition` (and, with `group`, a transactional offset commit for it) without adding them to the transaction.
 * The partition then holds a transaction open that no coordinator will ever end, as a skipped marker leaves it
 * (services/kafka/hanging-txns-plan.ts).
 */
import { ConfigResourceTypes, IncrementalAlterConfigOperationTypes, kGetConnection, Producer, produceV11, txnOffsetCommitV4, type Admin, type Broker, type Connection } from '@platformatic/kafka';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Dynamic, on broker `nodeId`: lets a transactional write land on a partition its transaction never added. */
export async function allowUnverifiedTxnWrites(admin: Admin, nodeId = '1'): Promise<void> {
  await admin.incrementalAlterConfigs({ resources: [{ resourceType: ConfigResourceTypes.BROKER, resourceName: nodeId, configs: [
    { name: 'transaction.partition.verification.enable', configOperation: IncrementalAlterConfigOperationTypes.SET, value: 'false' },
  ] }] });
  await sleep(1000);
}

/** Puts the broker's transaction verification back to its default (a test on a shared broker must not leave it off). */
export async function restoreTxnVerification(admin: Admin, nodeId = '1'): Promise<void> {
  await admin.incrementalAlterConfigs({ resources: [{ resourceType: ConfigResourceTypes.BROKER, resourceName: nodeId, configs: [
    { name: 'transaction.partition.verification.enable', configOperation: IncrementalAlterConfigOperationTypes.DELETE },
  ] }] });
}

async function connection(admin: Admin, topic: string): Promise<Connection> {
  const md = await admin.metadata({ topics: [topic] });
  const b = md.brokers.values().next().value as Broker;
  return new Promise((resolve, reject) => {
    (admin as unknown as Record<symbol, (b: Broker, cb: (e: Error | null, c?: Connection) => void) => void>)[kGetConnection]!(b, (e, c) => (e ? reject(e) : resolve(c!)));
  });
}

export interface HangingSpec {
  transactionalId: string;
  topic: string;
  commit: boolean;
  strayPartition: number;
  /** With a group: a transactional offset commit of `strayOffset` for `strayPartition`, left open too. */
  group?: string;
  strayOffset?: bigint;
  /** Makes the transactional producer (a secured broker: KafkaClient.producer); else a plain one to `bootstrap`. */
  producer?: (transactionalId: string) => Producer;
  /** Returns the producer still open (a live process of the id). */
  keepOpen?: boolean;
}

export async function makeHanging(admin: Admin, bootstrap: string, spec: HangingSpec): Promise<Producer> {
  const { transactionalId, topic, commit, strayPartition } = spec;
  const p = spec.producer?.(transactionalId) ?? new Producer({ clientId: `hang-${transactionalId}`, bootstrapBrokers: [bootstrap], transactionalId, idempotent: true, retries: 5 });
  try {
    const t = await p.beginTransaction();
    await t.send({ messages: [{ topic, partition: 0, key: Buffer.from('k'), value: Buffer.from('v') }] });
    if (commit) await t.commit(); else await t.abort();
    const producerId = p.producerId!;
    const producerEpoch = p.producerEpoch!;
    const conn = await connection(admin, topic);
    await produceV11.api.async(conn, -1, 10_000, [{ topic, partition: strayPartition, key: Buffer.from('stray'), value: Buffer.from('stray') }],
      { transactionalId, producerId, producerEpoch, compression: 'none' });
    // The group's coordinator is loaded on first use: NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS for a moment.
    for (let attempt = 0; spec.group; attempt++) {
      try {
        await admin.findCoordinator({ keyType: 0, keys: [spec.group] });
        await txnOffsetCommitV4.api.async(conn, transactionalId, spec.group, producerId, producerEpoch, -1, '', null,
          [{ name: topic, partitions: [{ partitionIndex: strayPartition, committedOffset: spec.strayOffset ?? 0n, committedLeaderEpoch: -1, committedMetadata: '' }] }]);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await sleep(500);
      }
    }
  } finally {
    if (!spec.keepOpen) await p.close().catch(() => undefined);
  }
  return p;
}
