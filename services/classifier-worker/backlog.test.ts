import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backlogStep, backlogUnknown, NO_BACKLOG, oldest, type BacklogProbe, type BacklogState } from './backlog.js';

const probe = (now: number, over: Partial<BacklogProbe> = {}): BacklogProbe => ({
  now, partitions: [0, 1], ends: new Map([[0, 10n], [1, 5n]]), positions: new Map([[0, 10n], [1, 5n]]), undelivered: 0, progressMark: 7, paused: false, ...over,
});
const run = (...probes: BacklogProbe[]): BacklogState => probes.reduce(backlogStep, NO_BACKLOG);

describe('backlog episodes', () => {
  it('a stream that fetches nothing while its partition has records: one episode from the first probe that saw them', () => {
    const stuck = (now: number) => probe(now, { ends: new Map([[0, 10n], [1, 9n]]) });
    const s = run(probe(0), stuck(30), stuck(60), stuck(90));
    assert.equal(s.since, 30);
    assert.deepEqual(s.lagging, [{ partition: 1, position: '5', end: '9' }]);
  });

  it('records fetched and not taken count as available', () => {
    assert.equal(run(probe(0, { undelivered: 3 }), probe(30, { undelivered: 3 })).since, 0);
  });

  it('caught up (idle, or the last record is a transaction marker the stream fetched past): no episode', () => {
    assert.equal(run(probe(0), probe(30), probe(60)).since, null);
  });

  it('progress (a commit, a record delivered) between probes starts the episode again; none available ends it', () => {
    const lag = (now: number, mark: number) => probe(now, { ends: new Map([[0, 50n], [1, 5n]]), positions: new Map([[0, BigInt(10 + mark)], [1, 5n]]), progressMark: mark });
    assert.equal(run(lag(0, 1), lag(30, 2), lag(60, 3)).since, 60, 'a busy worker behind its input (fetching) is not stuck');
    assert.equal(run(lag(0, 1), lag(30, 1), probe(60, { progressMark: 1 })).since, null);
  });

  it('another assignment starts the episode again; a partition without a known position is not compared', () => {
    const lag = (now: number, partitions: number[]) => probe(now, { partitions, ends: new Map([[0, 50n], [1, 5n]]) });
    assert.equal(run(lag(0, [0, 1]), lag(30, [0])).since, 30);
    assert.equal(run(probe(0, { positions: new Map([[0, 10n]]), ends: new Map([[0, 10n], [1, 99n]]) })).since, null);
  });

  it('a failed probe keeps the episode only while nothing moved (no commit, no delivery, same assignment)', () => {
    const lag = (now: number, mark: number) => probe(now, { ends: new Map([[0, 50n], [1, 5n]]), positions: new Map([[0, BigInt(10 + mark)], [1, 5n]]), progressMark: mark });
    const episode = run(lag(0, 1), lag(30, 2));
    assert.equal(episode.since, 30);
    assert.equal(backlogUnknown(episode, 2, [0, 1]).since, 30, 'stuck and the probe fails: still stuck');
    assert.equal(backlogUnknown(episode, 9, [0, 1]).since, null, 'committing while the probes fail: not stuck');
    assert.equal(backlogUnknown(episode, 2, [0]).since, null, 'another assignment');
    const failedThenOk = backlogStep(backlogUnknown(backlogUnknown(episode, 9, [0, 1]), 12, [0, 1]), lag(90, 12));
    assert.equal(failedThenOk.since, 90, 'the next successful probe starts a new episode, not the stale one');
  });

  it('a partial stall: one partition stays at its position while the others progress, stuck since the first probe that saw it', () => {
    const partial = (now: number, mark: number, over: Partial<BacklogProbe> = {}) => probe(now, {
      ends: new Map([[0, 900n], [1, 9n]]), positions: new Map([[0, BigInt(100 * mark)], [1, 5n]]), progressMark: mark, ...over });
    const s = run(partial(0, 1), partial(30, 2), partial(60, 3), partial(90, 4));
    assert.equal(s.since, 0, 'partition 1 has not moved since the first probe');
    assert.deepEqual(s.lagging.map((l) => l.partition), [0, 1]);
    assert.equal(s.wholeSince, 90, 'the worker as a whole progresses');
    // Partition 1 moves (fetched): no longer stuck; only partition 0's fresh lag remains, which moves too.
    assert.equal(backlogStep(s, partial(120, 5, { positions: new Map([[0, 500n], [1, 6n]]) })).since, 120);
    // The stream paused (read-ahead full) at a probe: positions that do not move are not a stall.
    assert.equal(run(partial(0, 1), partial(30, 2, { paused: true }), partial(60, 3)).since, 60);
    assert.equal(run(partial(0, 1), partial(30, 2), partial(60, 3, { paused: true })).since, 60);
    // A new assignment: positions compared from the next probe only.
    assert.equal(run(partial(0, 1, { partitions: [1] }), partial(30, 2), partial(60, 3)).since, 30);
  });

  it('oldest of two times', () => {
    assert.deepEqual([oldest(null, null), oldest(3, null), oldest(null, 4), oldest(5, 2)], [null, 3, 4, 2]);
  });
});
