import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineMessages } from './workload.js';

test('engineMessages: at most the count asked (count / 5 conversations: nearly all of it), the same messages for a seed, others for another', () => {
  const a = engineMessages(77, 400);
  assert.ok(a.length <= 400 && a.length >= 360, `${a.length} messages`);
  assert.deepEqual(engineMessages(77, 400), a);
  const b = engineMessages(78, 400);
  assert.notDeepEqual(b.map((m) => m.text), a.map((m) => m.text));
  // Interleaved: send times never go backwards, and many conversations are open at once.
  for (let i = 1; i < a.length; i++) assert.ok(a[i]!.sentAt >= a[i - 1]!.sentAt, `message ${i} sent before ${i - 1}`);
  assert.ok(new Set(a.map((m) => m.conversationId)).size >= 40);
});
