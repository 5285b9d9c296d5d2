/**
 * Round 17 tidy: the speech frames shared by the harm derivations (cues.ts SPEECH_FRAMES) and each derivation's own
 * extension keep exactly the members their literal lists had before the refactor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPEECH_FRAMES, type Cue } from './cues.js';
import { ARMED_FRAMES, COVERT_FRAMES } from './derive.js';
import { PURSUIT_FRAMES, WAIVE_FRAMES } from './pursuit.js';

const sorted = (xs: readonly Cue[]): Cue[] => [...new Set(xs)].sort();

test('speech frames: each list keeps its members from before the shared base', () => {
  const before: [string, readonly Cue[], Cue[]][] = [
    ['COVERT_FRAMES', COVERT_FRAMES, ['reported', 'reporting', 'warning', 'moderation', 'care', 'group_walk']],
    ['ARMED_FRAMES', ARMED_FRAMES, ['reported', 'reporting', 'warning', 'moderation', 'care', 'figurative', 'gaming', 'laughing']],
    ['PURSUIT_FRAMES', PURSUIT_FRAMES, ['reporting', 'warning', 'moderation']],
    ['WAIVE_FRAMES', WAIVE_FRAMES, ['reporting', 'warning', 'moderation', 'fiction', 'reported']],
  ];
  for (const [name, now, old] of before) {
    assert.deepEqual(sorted(now), sorted(old), name);
    assert.equal(now.length, old.length, `${name} has no duplicate member`);
    for (const k of SPEECH_FRAMES) assert.ok(now.includes(k), `${name} extends SPEECH_FRAMES (${k})`);
  }
});
