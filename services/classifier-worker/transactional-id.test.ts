import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planHanging, type CoordinatorView, type OpenTxn } from '../kafka/hanging-txns-plan.js';
import { isGroupTransactionalId, transactionalIdOf } from './transactional-id.js';

const G = 'vigie-classifier';
const CANARY = 'vigie-classifier-canary';

test('the ids a group makes are its own; a group whose name extends it (vigie-classifier-canary) keeps its random-instance ids', () => {
  const ours = [transactionalIdOf(G, ''), transactionalIdOf(G, ''), transactionalIdOf(G, 'classifier-0'), transactionalIdOf(G, 'pod.7_x')];
  const canary = [transactionalIdOf(CANARY, ''), transactionalIdOf(CANARY, '')];
  for (const id of ours) assert.equal(isGroupTransactionalId(G, id), true, id);
  for (const id of canary) {
    assert.equal(isGroupTransactionalId(G, id), false, id);
    assert.equal(isGroupTransactionalId(CANARY, id), true, id);
  }
  for (const id of ['other-app-1', `${G}x-1`, `${G}-`, `${G}-a b`, `${G}-${'x'.repeat(101)}`]) assert.equal(isGroupTransactionalId(G, id), false, id);
});

test('the plan ends this group\'s hanging transaction and leaves the canary group\'s to it, with the reason', () => {
  const txn = (producerId: bigint): OpenTxn => ({ topic: 'v', partition: Number(producerId), producerId, producerEpoch: 0, coordinatorEpoch: 0, startOffset: 5n });
  const own = transactionalIdOf(G, '');
  const other = transactionalIdOf(CANARY, '');
  const views = new Map<bigint, CoordinatorView>([[1n, { transactionalId: own, state: 'CompleteCommit' }], [2n, { transactionalId: other, state: 'CompleteCommit' }]]);
  const plan = planHanging([txn(1n), txn(2n)], views, (id) => isGroupTransactionalId(G, id));
  assert.deepEqual(plan.actions.map((a) => a.transactionalId), [own]);
  assert.deepEqual(plan.left.map((l) => [l.transactionalId, l.reason]), [[other, 'not a transactional id of this service']]);
});
