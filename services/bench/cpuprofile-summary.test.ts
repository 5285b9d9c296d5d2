import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byScript, formatSelfTimes, selfTimes, shortUrl, type CpuProfile } from './cpuprofile-summary.js';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });

test('selfTimes attributes each sample the delta to the next one and merges same-named frames', () => {
  const p: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
      { id: 2, callFrame: frame('decode', 'file:///w/node_modules/avsc/lib/types.js', 9) },
      { id: 3, callFrame: frame('normalise', 'file:///w/dist/services/engine/normalise.js', 4) },
      { id: 4, callFrame: frame('decode', 'file:///w/node_modules/avsc/lib/types.js', 9) },
    ],
    startTime: 0,
    endTime: 10_000,
    samples: [2, 3, 4, 3, 2],
    timeDeltas: [0, 1000, 3000, 2000, 4000],
  };
  const s = selfTimes(p);
  assert.equal(s.totalMs, 10);
  assert.deepEqual(s.rows.map((r) => [r.fn, r.selfMs]), [['normalise', 7], ['decode', 3]]);
  assert.equal(s.rows[0]!.where, 'dist/services/engine/normalise.js:5');
  assert.equal(s.rows[1]!.where, 'avsc/lib/types.js:10');
  assert.ok(Math.abs(s.rows[0]!.share - 0.7) < 1e-9);
  assert.match(formatSelfTimes(s, 1), /7\s+70\.0 %\s+normalise/);
  assert.doesNotMatch(formatSelfTimes(s, 1), /  decode/);
  assert.deepEqual(byScript(s.rows).map((r) => [r.script, r.selfMs]), [['dist/services/engine/normalise.js', 7], ['avsc/lib/types.js', 3]]);
});

test('shortUrl keeps the package or repository path', () => {
  assert.equal(shortUrl('file:///a/node_modules/kafkajs/src/x.js'), 'kafkajs/src/x.js');
  assert.equal(shortUrl('node:internal/streams'), 'node:internal/streams');
  assert.equal(shortUrl('file:///a/b/dist/services/x.js'), 'dist/services/x.js');
});
