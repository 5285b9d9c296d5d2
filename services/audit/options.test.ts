import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../contracts/errors.js';
import { createCodecs } from '../contracts/index.js';
import { compileAuditSinkOptions } from './audit-sink.js';
import { decodeBatch } from './decode.js';
import { compileAuditStoreOptions } from './options.js';
import { sinkOptionsFromEnv, storeOptionsFromEnv } from './env.js';
import { auditRecord } from '../../test/support/audit.js';

test('store options: documented defaults', () => {
  const o = compileAuditStoreOptions();
  assert.deepEqual([o.backend, o.sqlitePath, o.technicalRetentionMs / 86_400_000, o.textRetentionMs / 86_400_000, o.pgSchema], ['sqlite', '.data/audit.sqlite', 365, 180, 'public']);
  assert.equal(storeOptionsFromEnv({ DATABASE_URL: 'postgres://root@h/db', VIGIE_AUDIT_RETENTION_DAYS: '400' }).backend, 'postgres');
});

const badStore: { name: string; raw: Parameters<typeof compileAuditStoreOptions>[0]; want: RegExp }[] = [
  { name: 'zero retention', raw: { technicalRetentionDays: 0 }, want: /technicalRetentionDays must be a positive number/ },
  { name: 'negative text retention', raw: { textRetentionDays: -1 }, want: /textRetentionDays must be a positive number/ },
  { name: 'schema with SQL in it', raw: { pgSchema: 'x; drop table y' }, want: /pgSchema must be a lower-case SQL identifier/ },
  { name: 'not a postgres URL, password hidden', raw: { databaseUrl: 'mysql://u:secret@h/db' }, want: /databaseUrl must start with postgres:\/\/ \(got 'mysql:\/\/u:\*\*\*@h\/db'\)/ },
];
for (const c of badStore) {
  test(`store options refuse ${c.name}`, () => assert.throws(() => compileAuditStoreOptions(c.raw), (e: unknown) => e instanceof ConfigError && c.want.test(e.message)));
}

test('sink options: defaults, env, and every problem at once', () => {
  const d = compileAuditSinkOptions();
  assert.deepEqual(
    [d.groupId, d.auditTopic, d.escalationsTopic, d.actionsTopic, d.blocklistTopic],
    ['vigie-audit-sink', 'moderation.audit', 'moderation.escalations', 'moderation.actions', 'moderation.blocklist']
  );
  assert.equal(sinkOptionsFromEnv({ VIGIE_TOPIC_ACTIONS: '' }).actionsTopic, '', 'an empty topic turns that input off');
  assert.throws(() => sinkOptionsFromEnv({ VIGIE_AUDIT_RETRY_MAX_MS: 'soon' }), /VIGIE_AUDIT_RETRY_MAX_MS must be a number/);
  assert.throws(() => compileAuditSinkOptions({ inputFormat: 'xml' as 'json', retryInitialMs: -5 }), (e: unknown) => e instanceof ConfigError && e.problems.length === 2);
});

test('decodeBatch keeps undecodable records as rejects with their position and hash, not their bytes', () => {
  const codecs = createCodecs();
  const good = codecs.AuditRecord.encodeAvro({ ...auditRecord(1), sourceOffset: 1 } as never);
  const bad = Buffer.from('{"recordId": "x", "text": "secret benign text"}');
  const b = decodeBatch(codecs, 'auto', 'audit', 'moderation.audit', 2, [{ offset: '10', value: good }, { offset: '11', value: bad }, { offset: '12', value: null }]);
  assert.deepEqual(b.audit?.map((r) => [r.recordId, r.sourceOffset]), [['m-1', '1']]);
  assert.equal(b.rejects?.length, 1);
  const r = b.rejects![0]!;
  assert.deepEqual([r.sourceTopic, r.sourcePartition, r.sourceOffset, r.rawBytes], ['moderation.audit', 2, '11', bad.length]);
  assert.match(r.error, /AuditRecord/);
  assert.doesNotMatch(JSON.stringify(r), /secret benign text/);
});
