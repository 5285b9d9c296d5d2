import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricSum } from './worker-process.js';

test('metricSum adds every label set of one metric and ignores other names and comments', () => {
  const text = [
    '# HELP vigie_state_bytes Size of the state',
    '# TYPE vigie_state_bytes gauge',
    'vigie_state_bytes{partition="0"} 1024',
    'vigie_state_bytes{partition="1"} 2048.5',
    'vigie_state_bytes_total 99',
    'other 7',
    '',
  ].join('\n');
  const cases: [string, number | null][] = [['vigie_state_bytes', 3072.5], ['vigie_state_bytes_total', 99], ['other', 7], ['missing', null]];
  for (const [name, want] of cases) assert.equal(metricSum(text, name), want, name);
});
