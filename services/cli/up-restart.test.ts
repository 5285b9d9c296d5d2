// vigie up's restart decision (up-restart.ts): back-off doubling per quick failure up to its cap, at once after a run
// that lasted, and no restart after maxQuickFailures quick failures in a row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restartDecision, type RestartHistory } from './up-restart.js';

const policy = { baseDelayMs: 1000, maxDelayMs: 4000, quickRunMs: 60_000, maxQuickFailures: 5 };

test('restartDecision: a table of run lengths', () => {
  // [run ms of each exit, in order] → what each decision says
  const cases: [string, number[], (number | 'give up')[]][] = [
    ['quick failures back off 1, 2, 4, 4 s, then give up', [10, 10, 10, 10, 10], [1000, 2000, 4000, 4000, 'give up']],
    ['a run that lasted restarts at once and resets the count', [10, 10, 120_000, 10], [1000, 2000, 0, 1000]],
    ['long runs never give up', [60_000, 60_000, 60_000, 60_000, 60_000, 60_000], [0, 0, 0, 0, 0, 0]],
  ];
  for (const [name, runs, expected] of cases) {
    let h: RestartHistory = { quickFailures: 0, restarts: 0 };
    const got = runs.map((ms) => {
      const d = restartDecision(h, ms, policy);
      h = d.history;
      return d.restart ? d.delayMs : 'give up';
    });
    assert.deepEqual(got, expected, name);
  }
  const d = restartDecision({ quickFailures: 1, restarts: 6 }, 10, policy);
  assert.ok(d.restart && d.attempt === 7, 'attempts count every restart');
});
