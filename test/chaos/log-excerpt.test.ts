import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { excerpt, excerptLine } from './log-excerpt.js';

const t0 = 1_000_000;
const j = (o: Record<string, unknown>) => JSON.stringify(o);

describe('chaos log excerpt', () => {
  it('keeps warnings, errors and lifecycle events with their stages; drops routine info lines', () => {
    const text = [
      '--- chaos: start #1 pid 42 at t=0.5s',
      j({ level: 30, time: t0 + 1000, event: 'engine.loaded', msg: 'engine loaded' }),
      j({ level: 30, time: t0 + 2000, event: 'partitions.assigned', generation: 3, assigned: [0, 1], msg: 'group joined' }),
      j({ level: 40, time: t0 + 3500, event: 'window.aborted', failures: 2, err: 'broker away', msg: 'window aborted' }),
      j({ level: 50, time: t0 + 9000, event: 'worker.stop_timeout', loopStage: { what: 'take', ageMs: 900 }, inputStage: { what: 'positioned' }, msg: 'stop did not finish' }),
      '--- chaos: pid 42 exited code=1 signal=null (by the chaos run) at t=10.0s',
      '',
    ].join('\n');
    assert.deepEqual(excerpt(text, t0), [
      'chaos: start #1 pid 42 at t=0.5s',
      't=2.0s partitions.assigned group joined | generation=3 assigned=[0,1]',
      't=3.5s WARN window.aborted window aborted | failures=2 err=broker away',
      't=9.0s ERROR worker.stop_timeout stop did not finish | loopStage={"what":"take","ageMs":900} inputStage={"what":"positioned"}',
      'chaos: pid 42 exited code=1 signal=null (by the chaos run) at t=10.0s',
    ]);
  });

  it('keeps the last lines only and shortens long ones; a line that is not JSON is kept as it is', () => {
    const lines = Array.from({ length: 40 }, (_, i) => j({ level: 40, time: t0, event: 'x', msg: `w${i}` }));
    const out = excerpt(lines.join('\n'), t0, 5);
    assert.deepEqual(out.map((l) => l.split(' ').pop()), ['w35', 'w36', 'w37', 'w38', 'w39']);
    assert.equal(excerptLine(j({ level: 50, time: t0, event: 'e', msg: 'm', err: 'x'.repeat(1000) }), t0)!.length < 300, true);
    assert.equal(excerptLine('node:internal crash text', t0), 'node:internal crash text');
    assert.equal(excerptLine(j({ level: 30, time: t0, event: 'verdict.batch', msg: 'routine' }), t0), null);
  });
});
