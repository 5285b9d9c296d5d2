import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../contracts/errors.js';
import { createCodecs } from '../contracts/index.js';
import { compileAuditSinkOptions } from './audit-sink.js';
import { decodeBatch } from './decode.js';
import { compileAuditStoreOptions } from './options.js';
import { sinkOptionsFromConfig, storeOptionsFromConfig } from './env.js';
import { compileConfig } from '../common/config.js';
import { auditRecord } from '../../test/support/audit.js';

test('store options: documented defaults', () => {
  const o = compileAuditStoreOptions();
  assert.deepEqual([o.backend, o.sqlitePath, o.technicalRetentionMs / 86_400_000, o.textRetentionMs / 86_400_000, o.pgSchema], ['sqlite', '.data/audit.sqlite', 365, 180, 'public']);
  assert.equal(storeOptionsFromConfig(compileConfig({ env: { DATABASE_URL: 'postgres://root@h/db', VIGIE_AUDIT_RETENTION_DAYS: '400' } })).backend, 'postgres');
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
  assert.equal(sinkOptionsFromConfig(compileConfig({ env: { VIGIE_AUDIT_ACTIONS: 'false' } })).actionsTopic, '', 'VIGIE_AUDIT_ACTIONS=false turns that input off');
  assert.throws(() => compileConfig({ env: { VIGIE_AUDIT_RETRY_MAX_MS: 'soon' } }), /VIGIE_AUDIT_RETRY_MAX_MS = "soon": expected a positive number/);
  const prefixed = sinkOptionsFromConfig(compileConfig({ env: { VIGIE_TOPIC_PREFIX: 'run7.' } }));
  assert.deepEqual([prefixed.auditTopic, prefixed.escalationsTopic, prefixed.actionsTopic, prefixed.blocklistTopic],
    ['run7.moderation.audit', 'run7.moderation.escalations', 'run7.moderation.actions', 'run7.moderation.blocklist'], 'every sink topic carries the prefix');
  assert.throws(() => compileAuditSinkOptions({ inputFormat: 'xml' as 'json', retryInitialMs: -5 }), (e: unknown) => e instanceof ConfigError && e.problems.length === 2);
});

test('the sink reads Vigie\'s own records whatever the chat messages\' format: VIGIE_INPUT_FORMAT=json does not make it reject Avro audit records (stop 41 deployment)', () => {
  const codecs = createCodecs();
  const o = sinkOptionsFromConfig(compileConfig({ env: { VIGIE_INPUT_FORMAT: 'json' } }));
  const avro = codecs.AuditRecord.encodeAvro({ ...auditRecord(1), sourceOffset: 1 } as never);
  const json = Buffer.from(JSON.stringify({ ...auditRecord(2), sourceOffset: 2 }));
  const b = decodeBatch(codecs, o.inputFormat, 'audit', 'moderation.audit', 0, [{ offset: '1', value: avro }, { offset: '2', value: json }]);
  assert.deepEqual(b.audit?.map((r) => r.recordId), ['m-1', 'm-2']);
  assert.equal(b.rejects?.length ?? 0, 0);
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
