// Each worker start used to leave its `<group>-state-reader-<uuid>` consumer group behind, so groups piled
// up (issue 12, item 7). A clean stop now deletes the reader's group; a SIGKILLed worker's group is
// deleted by the next start once its session has timed out and it is Empty.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setup, startWorker, stopWorker, waitReady, sleep, type WorkerSetup } from './harness.js';
import { stateReaderGroupPrefix } from '../../services/classifier-worker/state-reader-groups.js';

describe('classifier worker: no state-reader group is left behind', () => {
  let s: WorkerSetup;
  before(async () => { s = await setup('w-reader-groups', 1); });
  after(async () => { await s.ctx.cleanup(); });

  const readerGroups = async () => [...(await s.ctx.admin.listGroups()).values()]
    .filter((g) => g.id.startsWith(stateReaderGroupPrefix(s.group))).map((g) => ({ id: g.id, state: String(g.state) }));

  it('a clean stop deletes the reader group', async () => {
    const w = startWorker(s, 'clean');
    await waitReady(w);
    assert.equal((await readerGroups()).length, 1, 'the running worker has its reader group');
    assert.equal(await stopWorker(w), 0);
    assert.deepEqual(await readerGroups(), []);
  });

  it('the group of a SIGKILLed worker is deleted by the next start once Empty', async () => {
    const killed = startWorker(s, 'killed');
    await waitReady(killed);
    const [left] = await readerGroups();
    assert.ok(left, 'reader group while running');
    killed.child.kill('SIGKILL');
    await killed.exited;
    // The reader's session (30 s) has to time out before the group is Empty.
    const deadline = Date.now() + 90_000;
    while ((await readerGroups()).find((g) => g.id === left.id)?.state.toLowerCase() !== 'empty') {
      assert.ok(Date.now() < deadline, `the killed worker's reader group never became Empty: ${JSON.stringify(await readerGroups())}`);
      await sleep(1000);
    }
    const next = startWorker(s, 'next');
    await waitReady(next);
    const groups = await readerGroups();
    assert.ok(!groups.some((g) => g.id === left.id), `the killed worker's group is gone: ${JSON.stringify(groups)}`);
    assert.equal(groups.length, 1, 'only the running worker\'s reader group');
    assert.equal(await stopWorker(next), 0);
    assert.deepEqual(await readerGroups(), []);
  });
});
