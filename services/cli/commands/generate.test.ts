import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import generate from './generate.js';
import { UsageError } from '../command.js';

const lines = (p: string): Record<string, unknown>[] => readFileSync(p, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

test('vigie generate writes messages, conversation labels and message labels; stream and conversation orders hold the same records', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-gen-'));
  try {
    const base = ['--conversations', '30', '--seed', '4'];
    assert.equal(await generate.run([...base, '--out', join(dir, 's.jsonl'), '--labels', join(dir, 'l.jsonl'), '--message-labels', join(dir, 'ml.jsonl')]), 0);
    assert.equal(await generate.run([...base, '--order', 'conversation', '--out', join(dir, 'c.jsonl')]), 0);
    const stream = lines(join(dir, 's.jsonl'));
    const byConv = lines(join(dir, 'c.jsonl'));
    const labels = lines(join(dir, 'l.jsonl'));
    const msgLabels = lines(join(dir, 'ml.jsonl'));
    assert.equal(labels.length, 30);
    assert.equal(stream.length, byConv.length);
    assert.equal(msgLabels.length, stream.length);
    const key = (m: Record<string, unknown>): string => String(m.messageId);
    assert.deepEqual(stream.map(key).sort(), byConv.map(key).sort());
    for (let i = 1; i < stream.length; i++) assert.ok((stream[i]!.sentAt as number) >= (stream[i - 1]!.sentAt as number));
    const convIds = new Set(stream.map((m) => m.conversationId));
    for (const l of labels) assert.ok(convIds.has(l.conversationId), 'every label names a generated conversation');
    for (const m of stream) for (const f of ['messageId', 'conversationId', 'senderId', 'text', 'sentAt']) assert.ok(m[f] !== undefined && m[f] !== null, f);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vigie generate rejects bad options with a usage error', async () => {
  for (const argv of [['--conversations', 'x'], ['--order', 'random'], ['--format', 'avro'], ['--start', 'yesterday'], ['--scenarios', 'nope'], ['extra']]) {
    await assert.rejects(generate.run(argv), UsageError, argv.join(' '));
  }
});
