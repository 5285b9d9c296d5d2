// A transaction that could not begin (the broker away: the transaction coordinator not found, or no producer id)
// must not block every later one. The client library makes its active transaction before it finds the coordinator and
// keeps it when that fails: every later beginTransaction then failed with "There is already an active transaction",
// so after a broker restart that outlasted the retries the classifier worker never committed a window again (CI's
// chaos run: partitions unprocessed for minutes, the member still in the group). The real TxnProducer here, pointed
// at a port where nothing listens, with two quick retries: each begin must fail for the broker, not for a stray transaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TxnProducer } from './txn-producer.js';
import { TransactionalOutput } from './kafka-output.js';
import { errorChain } from './client-options.js';
import type { KafkaClient } from './client.js';
import { freePort } from '../../test/support/net.js';
import { silentLog } from '../../test/support/audit.js';

async function unreachableOutput() {
  const port = await freePort(); // free a moment ago, nothing listens there
  const producers: TxnProducer[] = [];
  const client = {
    transactionalProducer: (transactionalId: string, timeout: number) => {
      const p = new TxnProducer({
        clientId: 'begin-failure', bootstrapBrokers: [`127.0.0.1:${port}`], transactionalId, idempotent: true, acks: -1, producerId: -1n, producerEpoch: -1,
        retries: 2, retryDelay: 20, connectTimeout: 1000, timeout,
      });
      producers.push(p);
      return p;
    },
  } as unknown as KafkaClient;
  return { out: new TransactionalOutput(client, { transactionalId: 'begin-failure-1' }, silentLog), producers };
}

const why = (err: unknown) => errorChain(err).join(' <- ') || String((err as Error)?.message);

test('init (the first begin) failing again and again fails for the broker each time, never for a stray active transaction', async () => {
  const { out, producers } = await unreachableOutput();
  const reasons: string[] = [];
  for (let i = 0; i < 3; i++) await out.init().then(() => assert.fail('no broker: init cannot succeed'), (err: unknown) => { reasons.push(why(err)); });
  assert.equal(reasons.length, 3);
  for (const r of reasons) assert.doesNotMatch(r, /already an active transaction/);
  assert.equal(producers.length, 1, 'the same producer, not a replaced one');
  assert.equal(producers[0]!.transaction, undefined, 'the library holds no active transaction after the failure');
  await out.close();
});

test('a window whose transaction could not begin fails; the next window begins anew (not "already an active transaction")', async () => {
  const { out, producers } = await unreachableOutput();
  const reasons: string[] = [];
  for (let i = 0; i < 2; i++) {
    await out.push([{ topic: 'out', key: 'k', value: Buffer.from('v') }]);
    await out.flush().then(() => assert.fail('no broker: the window cannot commit'), (err: unknown) => { reasons.push(why(err)); });
  }
  assert.equal(reasons.length, 2);
  for (const r of reasons) assert.doesNotMatch(r, /already an active transaction/);
  assert.equal(producers[0]!.transaction, undefined);
  await out.close();
});
