// The audit commands end to end on a scripted grooming conversation: sink → cases → evidence → resolve
// (feedback topic) → legal hold and retention → verify, then tampering with SQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ClientTestContext } from '../support/kafka-client.js';
import { sha256Hex } from '../../services/audit/canonical.js';
import { dropSchema, randomSchema, TEST_PG_URL } from '../support/audit.js';
import type { AuditRecordIn, ContextMessage } from '../../services/audit/types.js';
import { codecs, pgQuery, produceAudit, startSink, vigie, waitFor } from './helpers.js';

const T = Date.UTC(2026, 10, 2, 18, 0, 0);
const ADULT_IP = '198.51.100.23';
const CHILD_IP = '203.0.113.5';
const SCRIPT: { from: 'adult' | 'child'; text: string; action: AuditRecordIn['action']; score: number; esc?: 'P0' }[] = [
  { from: 'adult', text: 'slt ça va ? tu joues à quoi', action: 'allow', score: 0.05 },
  { from: 'child', text: 'minecraft et toi', action: 'allow', score: 0.02 },
  { from: 'adult', text: "t'as quel âge ? t'es trop mature", action: 'flag', score: 0.61 },
  { from: 'child', text: "j'ai 13 ans", action: 'allow', score: 0.2 },
  { from: 'adult', text: 'c notre secret ok ? viens sur snap et envoie une photo', action: 'block', score: 0.97, esc: 'P0' },
];

function groomingRecords(): AuditRecordIn[] {
  const window: ContextMessage[] = [];
  return SCRIPT.map((s, i) => {
    const sender = s.from === 'adult' ? 'u-adult' : 'u-child';
    const kept = s.action !== 'allow' || !!s.esc;
    const r: AuditRecordIn = {
      recordId: `g-${i + 1}`, messageId: `g-${i + 1}`, tenantId: 'ludo-fr', conversationId: 'dm:u-adult:u-child', roomId: null,
      senderId: sender, recipientId: s.from === 'adult' ? 'u-child' : 'u-adult', senderIp: s.from === 'adult' ? ADULT_IP : CHILD_IP,
      sentAt: T + i * 60_000, decidedAt: T + i * 60_000 + 12, action: s.action,
      categories: s.score > 0.3 ? [{ category: 'child_grooming', score: s.score }] : [], escalationPriority: s.esc ?? null,
      modelVersion: 'vigie-fasttext-v1@1', rulesVersion: 'rules-2026.11', policyVersion: 'policy-default@3',
      text: kept ? s.text : null, textSha256: sha256Hex(s.text), textRepaired: false, context: kept ? window.slice(-4) : [],
      sourceTopic: 'chat.messages', sourcePartition: 0, sourceOffset: String(i),
    };
    window.push({ messageId: r.messageId, senderId: sender, sentAt: r.sentAt, text: s.text });
    return r;
  });
}

describe('audit commands on a scripted grooming case', () => {
  let ctx: ClientTestContext;
  const schema = randomSchema('cli');
  const root = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
  before(async () => { ctx = await ClientTestContext.create('audit-cli'); });
  after(async () => { await ctx.cleanup(); await dropSchema(TEST_PG_URL, schema); rmSync(root, { recursive: true, force: true }); });

  it('cases, evidence, feedback, hold, retention and verify behave as documented', async () => {
    const [audit, escs, feedback] = [await ctx.topic('audit'), await ctx.topic('esc'), await ctx.topic('feedback')];
    const env = { KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: schema,
      VIGIE_AUDIT_GROUP: ctx.groupId('sink'), VIGIE_TOPIC_AUDIT: audit, VIGIE_TOPIC_ESCALATIONS: escs, VIGIE_AUDIT_ACTIONS: 'false', VIGIE_TOPIC_FEEDBACK: feedback, VIGIE_OPERATOR: 'analyst-7' };
    const producer = await ctx.producer();
    const other: AuditRecordIn = { ...groomingRecords()[0]!, recordId: 'o-1', messageId: 'o-1', conversationId: 'dm:u-x:u-y', senderId: 'u-x', recipientId: 'u-y', senderIp: '192.0.2.9', sentAt: T + 10 * 60_000 };
    await produceAudit(producer, audit, [...groomingRecords(), other]);
    await producer.send({ topic: escs, messages: [{ key: 'dm:u-adult:u-child', value: codecs.Escalation.encodeAvro({
      escalationId: 'esc-groom-1', priority: 'P0', category: 'child_grooming', categories: ['child_grooming'], conversationId: 'dm:u-adult:u-child',
      messageId: 'g-5', senderId: 'u-adult', recipientId: 'u-child', reason: 'age inquiry, minor disclosure, secrecy and image request', evidenceMessageIds: ['g-3', 'g-4'], createdAt: T + 4 * 60_000 + 12,
    }) }] });
    const sink = startSink(env);
    try {
      await waitFor('6 rows and the case', async () => Number((await pgQuery(TEST_PG_URL, schema, 'SELECT (SELECT COUNT(*) FROM audit_rows) + (SELECT COUNT(*) FROM cases) AS n'))[0]!.n) >= 7, 60_000);
    } finally { sink.child.kill('SIGTERM'); }
    assert.equal(await sink.exited, 0);

    const list = vigie(['cases', 'list', '--status', 'open', '--priority', 'P0'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^esc-groom-1\tP0\topen\tchild_grooming\tdm:u-adult:u-child\tu-adult,u-child\t3 msgs/m);
    assert.equal(vigie(['cases', 'list', '--status', 'bogus'], env).code, 2);
    const show = vigie(['cases', 'show', 'esc-groom-1'], env);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /\* 2026-11-02T18:04:00.000Z {2}u-adult -> u-child {2}ip 198\.51\.100\.23 {2}block \[child_grooming:0\.97\] P0\n {4}c notre secret/);
    assert.match(show.stdout, /\[text not kept: benign\]/);

    // Evidence package for the case, checked by the offline verifier; then a forged file is caught.
    const pkg = join(root, 'pkg');
    assert.equal(vigie(['evidence', 'export', '--case', 'esc-groom-1', '--out', pkg], env).code, 2, '--reference is required');
    const ex = vigie(['evidence', 'export', '--case', 'esc-groom-1', '--reference', 'REQ-2026-4411', '--out', pkg], env);
    assert.equal(ex.code, 0, ex.stderr);
    // The view (cases show) and the export are in the access log, newest first, and its chain verifies.
    const al = vigie(['audit', 'access-log', '--json'], env);
    assert.equal(al.code, 0, al.stderr);
    const entries = JSON.parse(al.stdout) as { operator: string; what: string; caseId: string; reference: string | null; detail: string }[];
    assert.deepEqual(entries.map((e) => [e.operator, e.what, e.caseId, e.reference]),
      [['analyst-7', 'export-evidence', 'esc-groom-1', 'REQ-2026-4411'], ['analyst-7', 'view-case', 'esc-groom-1', null]]);
    // VIGIE_OPERATOR named the operator: each entry also names the OS account that ran the command (stop 49).
    const os = `; os account ${userInfo().username}`;
    assert.deepEqual(entries.map((e) => e.detail), [`vigie evidence export case esc-groom-1${os}`, `vigie cases show${os}`]);
    assert.match(vigie(['audit', 'access-log', '--verify'], env).stdout, /access log OK: 2 entries/);
    const tr = readFileSync(join(pkg, 'transcript.txt'), 'utf8');
    for (const s of SCRIPT) assert.ok(tr.includes(s.text), `transcript has "${s.text}" (text kept or from the context window)`);
    assert.ok(tr.includes(ADULT_IP) && tr.includes(CHILD_IP));
    assert.match(tr, /block \[child_grooming:0\.97\] escalated P0 {2}model vigie-fasttext-v1@1 rules rules-2026\.11 policy policy-default@3/);
    assert.ok(!tr.includes('192.0.2.9') && !tr.includes('u-x'), 'other conversations stay out');
    const msgs = readFileSync(join(pkg, 'messages.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { content: { senderIp: string; action: string } });
    assert.deepEqual(msgs.map((m) => [m.content.senderIp, m.content.action]), SCRIPT.map((s) => [s.from === 'adult' ? ADULT_IP : CHILD_IP, s.action]));
    const ok = vigie(['evidence', 'verify', pkg], env);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /evidence package OK: 5 messages, 6 chain links/);
    writeFileSync(join(pkg, 'messages.jsonl'), readFileSync(join(pkg, 'messages.jsonl'), 'utf8').replace(ADULT_IP, '198.51.100.99'));
    const bad = vigie(['evidence', 'verify', pkg], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /messages.jsonl: SHA-256 .* differs from the manifest/);
    assert.match(bad.stdout, /messages.jsonl seq 1 \(g-1\): technical data differ from the content hash in the chain/);

    // Resolution → Feedback record on the feedback topic.
    const res = vigie(['cases', 'resolve', 'esc-groom-1', '--decision', 'confirmed', '--reason', 'grooming confirmed by reviewer', '--reviewer', 'analyst-7'], env);
    assert.equal(res.code, 0, res.stderr);
    const fb = await ctx.readAll(feedback);
    assert.equal(fb.length, 1);
    const f = codecs.Feedback.decodeAvro(fb[0]!.value!);
    assert.deepEqual([f.caseId, f.decision, f.categories, f.reviewer, fb[0]!.key], ['esc-groom-1', 'confirmed', ['child_grooming'], 'analyst-7', 'dm:u-adult:u-child']);
    assert.equal(vigie(['cases', 'resolve', 'esc-groom-1', '--decision', 'dismissed', '--reason', 'x'], env).code, 1);

    // Legal hold on the adult: retention a year and a half later spares the conversation, not the other one.
    assert.equal(vigie(['audit', 'hold', 'place', '--user', 'u-adult', '--reason', 'réquisition 2026/4411'], env).code, 0);
    assert.equal(vigie(['audit', 'hold', 'place', '--user', 'u-adult'], env).code, 2, '--reason is required');
    const r1 = vigie(['audit', 'retention', '--now', '2028-05-01T00:00:00Z', '--json'], env);
    assert.equal(r1.code, 0, r1.stderr);
    assert.deepEqual((({ rowsTombstoned, heldRows }) => ({ rowsTombstoned, heldRows }))(JSON.parse(r1.stdout)), { rowsTombstoned: 1, heldRows: 5 });
    assert.equal(vigie(['audit', 'retention', '--now', 'yesterday'], env).code, 2);
    assert.equal(vigie(['audit', 'verify'], env).code, 0);
    assert.equal(vigie(['audit', 'hold', 'release', '--user', 'u-adult', '--reason', 'case closed'], env).code, 0);
    const r2 = JSON.parse(vigie(['audit', 'retention', '--now', '2028-05-01T00:00:00Z', '--json'], env).stdout) as { rowsTombstoned: number; heldRows: number };
    assert.deepEqual([r2.rowsTombstoned, r2.heldRows], [5, 0]);
    const v = vigie(['audit', 'verify'], env);
    assert.equal(v.code, 0, v.stdout);
    assert.match(v.stdout, /audit chain OK: 6 rows \(6 tombstones/);
  });

  it('audit verify passes on an untouched store and names the row after an edit or a deletion', async () => {
    const s2 = randomSchema('verify');
    const env = { DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: s2 };
    try {
      const { AuditStore } = await import('../../services/audit/store.js');
      const { storeOptionsFromConfig } = await import('../../services/audit/env.js');
      const { compileConfig } = await import('../../services/common/config.js');
      const { silentLog, auditRecord } = await import('../support/audit.js');
      const store = await AuditStore.open(storeOptionsFromConfig(compileConfig({ env })), silentLog);
      await store.write({ audit: Array.from({ length: 30 }, (_, k) => auditRecord(k + 1, { flagged: k % 4 === 0 })) }, Date.now());
      await store.close();
      const ok = vigie(['audit', 'verify'], env);
      assert.equal(ok.code, 0, ok.stdout);
      assert.match(ok.stdout, /audit chain OK: 30 rows/);
      await pgQuery(TEST_PG_URL, s2, "UPDATE audit_rows SET sender_ip = '10.0.0.1' WHERE record_id = 'm-17'");
      const edited = vigie(['audit', 'verify'], env);
      assert.equal(edited.code, 1);
      assert.match(edited.stdout, /BROKEN at seq 17 \(record m-17\): edited/);
      await pgQuery(TEST_PG_URL, s2, "UPDATE audit_rows SET sender_ip = '203.0.113.17' WHERE record_id = 'm-17'");
      assert.equal(vigie(['audit', 'verify'], env).code, 0, 'restoring the value restores the chain');
      await pgQuery(TEST_PG_URL, s2, "DELETE FROM audit_rows WHERE record_id = 'm-9'");
      const deleted = vigie(['audit', 'verify', '--json'], env);
      assert.equal(deleted.code, 1);
      assert.deepEqual(JSON.parse(deleted.stdout).firstBreak, { seq: 9, recordId: null, kind: 'deleted', detail: 'rows 9..9 are missing (next present row is seq 10, record m-10)' });
    } finally {
      await dropSchema(TEST_PG_URL, s2);
    }
  });
});
