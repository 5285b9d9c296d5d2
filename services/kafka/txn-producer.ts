/**
 * The transactional producer of the one client factory (client.ts), with AddPartitionsToTxn pinned to
 * version 3. @platformatic/kafka picks the highest version the broker offers, but versions 4 and up are
 * the broker-to-broker form of KIP-890 (batched, `verifyOnly`): under an authorizer the broker demands
 * ClusterAction on the cluster for them and answers CLUSTER_AUTHORIZATION_FAILED to a client, which
 * holds only Write on its transactional id. Version 3 takes the same arguments (one transaction).
 */
import { addPartitionsToTxnV3, kGetApi, Producer } from '@platformatic/kafka';

type AnyCallback = (error: Error | null, value?: unknown) => void;

export class TxnProducer extends Producer<Buffer, Buffer, Buffer, Buffer> {
  override [kGetApi]<A extends Array<unknown>, R>(name: string, callback: (error: Error | null, api?: never) => void): void {
    if (name === 'AddPartitionsToTxn') { (callback as AnyCallback)(null, addPartitionsToTxnV3.api); return; }
    super[kGetApi]<A, R>(name, callback as never);
  }
}
