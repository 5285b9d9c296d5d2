// The classifier worker and the audit sink through a SASL_SSL listener: a broker of the test's own with
// certificates made by openssl, the worker as a SCRAM-SHA-512 user (credentials written at storage
// format), the sink as a PLAIN user with its password in a *_FILE; messages in, verdicts and audit rows out.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import type { ChatMessage } from '../../services/contracts/types.js';
import { ClientTestContext } from '../support/kafka-client.js';
import { KafkaClient } from '../../services/kafka/client.js';
import { createLogger } from '../../services/common/logger.js';
import { startSecureBroker, type SecureBroker } from '../support/secure-broker.js';
import { dropSchema, randomSchema, TEST_PG_URL } from '../support/audit.js';
import { plainProducer, produceMessages, setup, startWorker, type WorkerSetup } from '../worker/harness.js';
import { startSink } from '../audit/helpers.js';
import { checkAuditedPipeline } from '../support/audited-pipeline.js';

describe('worker and audit sink over SASL_SSL (SCRAM-SHA-512 and PLAIN)', () => {
  let broker: SecureBroker;
  let s: WorkerSetup;
  const schema = randomSchema('sasl');
  before(async () => {
    broker = await startSecureBroker({ users: [{ username: 'classifier', mechanism: 'SCRAM-SHA-512' }, { username: 'auditsink', mechanism: 'PLAIN' }] });
    const client = new KafkaClient({ brokers: [broker.bootstrap], clientId: 'sasl-test', security: broker.security(broker.admin) }, createLogger({ level: 'warn' }));
    s = await setup('sasl', 2, ClientTestContext.over(client, [broker.bootstrap]));
  });
  after(async () => {
    await s?.ctx.cleanup().catch(() => undefined);
    await dropSchema(TEST_PG_URL, schema);
    await broker?.stop();
  });

  it('every message gets one verdict and one audit row; no password reaches a log', async () => {
    const convs = [...generateConversations({ count: 6, seed: 12, scenarios: ['grooming-direct', 'parents', 'teens'], idPrefix: 'sasl' })];
    const stream: ChatMessage[] = [...interleave(convs)].map((x) => x.message);
    await produceMessages(await plainProducer(s), s.topics.input, stream);

    const sinkUser = broker.users.auditsink!;
    const passwordFile = join(broker.certs.dir, 'sink-password');
    writeFileSync(passwordFile, `${sinkUser.password}\n`, { mode: 0o600 });
    const { VIGIE_KAFKA_SASL_PASSWORD: _inline, ...sinkEnv } = broker.env(sinkUser);
    const sink = startSink({ ...sinkEnv, VIGIE_KAFKA_SASL_PASSWORD_FILE: passwordFile, DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: schema,
      VIGIE_AUDIT_GROUP: s.ctx.groupId('sink'), VIGIE_TOPIC_AUDIT: s.topics.audit, VIGIE_TOPIC_ESCALATIONS: s.topics.escalations,
      VIGIE_TOPIC_ACTIONS: s.topics.actions, VIGIE_TOPIC_BLOCKLIST: await s.ctx.topic('blocklist', 1, { 'cleanup.policy': 'compact' }),
      VIGIE_LOG_LEVEL: 'debug' });
    const w = startWorker(s, 'sasl', { ...broker.env(broker.users.classifier!), VIGIE_LOG_LEVEL: 'debug' });
    await checkAuditedPipeline(s, w, sink, schema, stream.map((m) => m.messageId));

    const logs = `${readFileSync(w.logFile, 'utf8')}\n${sink.log()}`;
    assert.ok(logs.length > 1000, 'debug logs were written');
    for (const u of [broker.users.classifier!, sinkUser]) assert.ok(!logs.includes(u.password), `the password of ${u.username} is not in the logs`);
  });
});
