import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateConversations, compileGeneratorOptions } from './scenario-generator.js';
import { interleave } from './interleave.js';
import { expand } from './template.js';
import { Rng } from './rng.js';
import { CATEGORIES, LABELS } from '../contracts/taxonomy.js';

test('same seed gives the same conversations; another seed differs', () => {
  const a = JSON.stringify([...generateConversations({ seed: 5, count: 40 })]);
  const b = JSON.stringify([...generateConversations({ seed: 5, count: 40 })]);
  const c = JSON.stringify([...generateConversations({ seed: 6, count: 40 })]);
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('conversation labels agree with message labels and records are well-formed', () => {
  const seen = new Set<string>();
  const langs = new Set<string>();
  for (const conv of generateConversations({ seed: 11, count: 1500 })) {
    const ids = new Set(conv.messages.map((m) => m.messageId));
    assert.equal(conv.messageLabels.length, conv.messages.length);
    for (const cat of conv.label.categories) {
      seen.add(cat);
      const at = conv.label.evidentAt[cat];
      assert.ok(at && ids.has(at), `${conv.label.conversationId}: evidentAt ${cat} -> ${at}`);
      const idx = conv.messages.findIndex((m) => m.messageId === at);
      assert.ok(conv.messageLabels[idx]!.includes(cat));
    }
    for (const ls of conv.messageLabels) for (const l of ls) assert.ok(LABELS.includes(l), l);
    for (const m of conv.messages) {
      assert.equal(m.conversationId, conv.label.conversationId);
      assert.ok(m.text.length > 0);
      assert.equal(m.roomId === null, m.recipientId !== null, 'private messages have a recipient, room messages none');
      if (m.locale) langs.add(m.locale);
    }
    for (const minor of conv.label.minors) assert.ok(conv.messages.some((m) => m.senderId === minor || m.recipientId === minor), `minor ${minor} takes part`);
  }
  assert.deepEqual([...seen].sort(), [...CATEGORIES].sort(), 'every category is generated');
  assert.deepEqual([...langs].sort(), ['en', 'fr']);
});

test('interleave yields every message once, in sentAt order, with conversations overlapping', () => {
  const convs = [...generateConversations({ seed: 3, count: 300 })];
  const total = convs.reduce((n, c) => n + c.messages.length, 0);
  let prev = -Infinity;
  let n = 0;
  let switches = 0;
  let lastConv = '';
  const ids = new Set<string>();
  for (const { message } of interleave(convs)) {
    assert.ok(message.sentAt >= prev);
    prev = message.sentAt;
    ids.add(message.messageId);
    if (message.conversationId !== lastConv) switches++;
    lastConv = message.conversationId;
    n++;
  }
  assert.equal(n, total);
  assert.equal(ids.size, total);
  assert.ok(switches > 300 * 1.5, `conversations interleave (${switches} switches)`);
});

test('template expansion: alternatives, slots, fixed values, errors', () => {
  const rng = new Rng(1);
  const slots = { x: ['un', 'deux'] };
  for (let i = 0; i < 20; i++) {
    const s = expand('[a|b] {x} {=y}', rng, slots, { y: 'Z' });
    assert.match(s, /^(a|b) (un|deux) Z$/);
  }
  assert.throws(() => expand('{nope}', rng, slots), /unknown slot/);
  assert.throws(() => expand('[a|b', rng, slots), /unbalanced/);
});

test('bad generator options are reported together', () => {
  assert.throws(() => compileGeneratorOptions({ count: -1, noiseRate: 2, scenarios: ['nope'] }), (e: Error) =>
    /count/.test(e.message) && /noiseRate/.test(e.message) && /unknown scenario "nope"/.test(e.message));
});
