/**
 * `vigie feedback export` against a real broker and a SQLite audit store: cases resolved by reviewers
 * (confirmed, dismissed, one re-resolved on the topic) become training lines that `vigie train`'s
 * parser accepts, with texts from the store; the same from the store alone (--store); labelled files.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditStore } from '../../services/audit/store.js';
import { compileAuditStoreOptions } from '../../services/audit/options.js';
import { resolveCase } from '../../services/audit/store-cases.js';
import { publishFeedback } from '../../services/audit/feedback-publisher.js';
import { auditRecord, escalation } from '../support/audit.js';
import { createCodecs } from '../../services/contracts/index.js';
import { createLogger } from '../../services/common/logger.js';
import { ClientTestContext } from '../support/kafka-client.js';
import { REPO_ROOT } from '../../services/engine/engine-options.js';
import { parseExamples } from '../../services/training/corpus.js';

const MAIN = join(REPO_ROOT, 'dist/services/cli/main.js');
const codecs = createCodecs();
const sha = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');

describe('vigie feedback export', () => {
  let ctx: ClientTestContext;
  let dir: string;
  before(async () => { ctx = await ClientTestContext.create('feedback-export'); dir = mkdtempSync(join(tmpdir(), 'vigie-fbx-')); });
  after(async () => { await ctx.cleanup(); rmSync(dir, { recursive: true, force: true }); });

  it('confirmed → positives on evidence, dismissed → negatives, latest decision wins, texts from the store', async () => {
    const sqlite = join(dir, 'audit.sqlite');
    const store = await AuditStore.open(compileAuditStoreOptions({ sqlitePath: sqlite }), createLogger());
    const topic = await ctx.topic('feedback', 1);
    try {
      // Conversation c-1: three flagged messages, a grooming case. Conversation c-2: two flagged, a drug case, later dismissed.
      const audit = [
        ...[1, 2, 3].map((i) => auditRecord(i, { flagged: true, text: `groom text ${i}`, textSha256: sha(`groom text ${i}`) })),
        ...[4, 5].map((i) => auditRecord(i, { flagged: true, conversationId: 'c-2', text: `false alarm ${i}`, textSha256: sha(`false alarm ${i}`) })),
        auditRecord(6, { conversationId: 'c-3', flagged: true, text: 'text deleted later', textSha256: sha('text deleted later') }),
      ];
      await store.write({ audit, escalations: [
        escalation('case-a'),
        escalation('case-b', { conversationId: 'c-2', category: 'drug_trafficking', categories: ['drug_trafficking'], messageId: 'm-5', evidenceMessageIds: ['m-4', 'm-5'] }),
        escalation('case-c', { conversationId: 'c-3', messageId: 'm-6', evidenceMessageIds: ['m-6', 'm-404'] }),
      ] }, Date.now());
      await resolveCase(store.db, 'case-a', 'confirmed', 'clear grooming', 'rev1', Date.now());
      await resolveCase(store.db, 'case-b', 'dismissed', 'a joke between friends', 'rev1', Date.now());
      await resolveCase(store.db, 'case-c', 'confirmed', 'yes', 'rev2', Date.now());
      const producer = ctx.client.producer();
      assert.equal((await publishFeedback(store, producer, codecs, topic, Date.now())).length, 3);
      // An older, superseded decision for case-b arriving later on the topic must not win.
      await producer.send({ messages: [{ topic, key: Buffer.from('c-2'), value: codecs.Feedback.encodeAvro({ caseId: 'case-b', escalationId: 'case-b', conversationId: 'c-2', decision: 'confirmed', categories: ['drug_trafficking'], reason: 'first look', reviewer: 'rev0', resolvedAt: 1000 }) }] });
    } finally {
      await store.close();
    }
    const env = { ...process.env, KAFKA_BROKERS: ctx.brokers.join(','), VIGIE_AUDIT_SQLITE: sqlite };
    const run = (args: string[]) => spawnSync(process.execPath, [MAIN, 'feedback', 'export', ...args], { env, encoding: 'utf8' });
    const want = [
      { text: 'groom text 1', labels: ['child_grooming'] }, { text: 'groom text 2', labels: ['child_grooming'] }, { text: 'groom text 3', labels: ['child_grooming'] },
      { text: 'false alarm 4', labels: [] }, { text: 'false alarm 5', labels: [] }, { text: 'text deleted later', labels: ['child_grooming'] },
    ].sort((a, b) => a.text.localeCompare(b.text));
    for (const [name, args] of [['topic', ['--from-topic', topic]], ['store', ['--store']]] as const) {
      const out = join(dir, `${name}.jsonl`);
      const r = run(['--out', out, ...args]);
      assert.equal(r.status, 0, r.stderr);
      const examples = parseExamples(readFileSync(out, 'utf8'), out); // the trainer's own parser accepts it
      assert.deepEqual(examples.map((e) => ({ text: e.text, labels: [...e.labels].sort() })).sort((a, b) => a.text.localeCompare(b.text)), want, name);
      assert.match(r.stdout, /without 1\b/, 'the evidence id with no stored row is counted');
    }
    // Refuses to overwrite; labelled files add their examples.
    assert.equal(run(['--out', join(dir, 'topic.jsonl'), '--store']).status, 2);
    const r = run(['--out', join(dir, 'labels.jsonl'), '--labels', join(REPO_ROOT, 'eval/dev/labels.jsonl'), '--messages', join(REPO_ROOT, 'eval/dev/messages.jsonl')]);
    assert.equal(r.status, 0, r.stderr);
    const lab = parseExamples(readFileSync(join(dir, 'labels.jsonl'), 'utf8'), 'labels.jsonl');
    assert.ok(lab.some((e) => e.labels.includes('child_grooming')) && lab.some((e) => e.labels.length === 0));
  });
});
