import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staleReaderGroups, stateReaderGroupPrefix } from './state-reader-groups.js';

test('only Empty reader groups of this worker group, never our own, are stale', () => {
  const p = stateReaderGroupPrefix('vigie-classifier');
  const groups = [
    { id: `${p}a`, state: 'Empty' },
    { id: `${p}b`, state: 'EMPTY' }, // older brokers / list APIs spell states upper-case
    { id: `${p}live`, state: 'Stable' },
    { id: `${p}own`, state: 'Empty' },
    { id: 'vigie-classifier', state: 'Empty' }, // the worker group itself: holds offsets, never touched
    { id: 'other-classifier-state-reader-x', state: 'Empty' },
    { id: 'vigie-classifier-2-state-reader-y', state: 'Empty' }, // another worker group whose name extends ours
  ];
  assert.deepEqual(staleReaderGroups(groups, 'vigie-classifier', `${p}own`), [`${p}a`, `${p}b`]);
});
