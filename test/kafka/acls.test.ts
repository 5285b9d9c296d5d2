// docs/security.md's minimal Kafka ACLs, run: a broker of the test's own with the StandardAuthorizer
// (only `admin` is a super user) and exactly the documented ACLs; `vigie topics create`, the classifier
// worker and the audit sink each run as their own principal end to end; a principal without ACLs is
// refused: the service exits non-zero naming the authorization error, rather than running idle.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AclOperations, AclPermissionTypes, ResourcePatternTypes, ResourceTypes, type Admin, type AclOperationValue } from '@platformatic/kafka';
import { CONFIG_VARIABLES, loadConfig } from '../../services/common/config.js';
import { EVENTS } from '../../services/common/events.js';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import type { ChatMessage } from '../../services/contracts/types.js';
import { randomName } from '../support/kafka.js';
import { ClientTestContext } from '../support/kafka-client.js';
import { KafkaClient } from '../../services/kafka/client.js';
import { createLogger } from '../../services/common/logger.js';
import { documentedAcls, type AclRow } from '../support/acl-table.js';
import { checkAuditedPipeline } from '../support/audited-pipeline.js';
import { startSecureBroker, type SecureBroker, type TestUser } from '../support/secure-broker.js';
import { dropSchema, randomSchema, TEST_PG_URL } from '../support/audit.js';
import { plainProducer, produceMessages, startWorker, stopWorker, type WorkerSetup } from '../worker/harness.js';
import { allowUnverifiedTxnWrites, makeHanging } from '../support/hanging-txn.js';
import { NOT_FENCED } from '../../services/kafka/hanging-txns-plan.js';
import { startSink, vigie } from '../audit/helpers.js';

// docs/security.md's names for resources, operations and patterns, as the client's protocol values.
const RESOURCE = { Topic: ResourceTypes.TOPIC, Group: ResourceTypes.GROUP, Cluster: ResourceTypes.CLUSTER, TransactionalId: ResourceTypes.TRANSACTIONAL_ID } as const;
const OPERATION: Record<string, AclOperationValue> = { Read: AclOperations.READ, Write: AclOperations.WRITE, Create: AclOperations.CREATE, Delete: AclOperations.DELETE,
  Alter: AclOperations.ALTER, Describe: AclOperations.DESCRIBE, DescribeConfigs: AclOperations.DESCRIBE_CONFIGS, AlterConfigs: AclOperations.ALTER_CONFIGS,
  IdempotentWrite: AclOperations.IDEMPOTENT_WRITE };
const PATTERN = { literal: ResourcePatternTypes.LITERAL, prefixed: ResourcePatternTypes.PREFIXED } as const;

const acls = documentedAcls(join(process.cwd(), 'docs/security.md'));
const PRINCIPALS: Record<string, string> = { operator: 'Operator', classifier: 'Classifier worker', auditsink: 'Audit sink' };

describe('Kafka ACLs of docs/security.md under the StandardAuthorizer', () => {
  let broker: SecureBroker;
  let ctx: ClientTestContext;
  let aclAdmin: Admin;
  let superClient: KafkaClient;
  const schema = randomSchema('acl');
  let env: Record<string, string>;
  before(async () => {
    broker = await startSecureBroker({
      authorizer: true,
      users: [{ username: 'operator', mechanism: 'SCRAM-SHA-512' }, { username: 'classifier', mechanism: 'SCRAM-SHA-512' },
        { username: 'auditsink', mechanism: 'PLAIN' }, { username: 'intruder', mechanism: 'SCRAM-SHA-512' }],
    });
    const client = superClient = new KafkaClient({ brokers: [broker.bootstrap], clientId: 'acl-test', security: broker.security(broker.admin) }, createLogger({ level: 'warn' }));
    ctx = ClientTestContext.over(client, [broker.bootstrap]);
    // ACLs are created as the broker's super user, through the same client factory.
    aclAdmin = client.admin();
    env = { VIGIE_TOPIC_PREFIX: `${randomName('acl')}.`, VIGIE_TOPIC_PARTITIONS: '2', VIGIE_CLASSIFIER_GROUP: randomName('acl-classifier'), VIGIE_AUDIT_GROUP: randomName('acl-sink'),
      DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: schema };
  });
  after(async () => {
    await ctx?.cleanup().catch(() => undefined);
    await dropSchema(TEST_PG_URL, schema);
    await broker?.stop();
  });

  /** The value of a configuration variable under the test's environment (topic names with the prefix). */
  function resolve(variable: string): string {
    const row = CONFIG_VARIABLES.find((r) => r.name === variable);
    assert.ok(row, `${variable} is a configuration variable`);
    let v: unknown = loadConfig(env);
    for (const k of row.fileKey.split('.')) v = (v as Record<string, unknown>)[k];
    assert.equal(typeof v, 'string', `${variable} has a value`);
    return v as string;
  }

  async function grant(admin: Admin, user: string, rows: AclRow[]): Promise<void> {
    await admin.createAcls({ creations: rows.flatMap((r) => r.operations.map((op) => {
      assert.ok(OPERATION[op], `known operation ${op}`);
      return { resourceType: RESOURCE[r.resource], resourceName: r.resource === 'Cluster' ? 'kafka-cluster' : resolve(r.nameVariable), resourcePatternType: PATTERN[r.pattern],
        principal: `User:${user}`, host: '*', operation: OPERATION[op]!, permissionType: AclPermissionTypes.ALLOW };
    })) });
  }

  it('the tables are found: operator, classifier and audit sink', () => {
    for (const [, heading] of Object.entries(PRINCIPALS)) {
      const section = [...acls.keys()].find((h) => h.startsWith(heading));
      assert.ok(section && acls.get(section)!.length > 0, `docs/security.md has ACL rows under "### ${heading}..."`);
    }
  });

  const rowsOf = (user: string) => acls.get([...acls.keys()].find((h) => h.startsWith(PRINCIPALS[user]!))!)!;
  const as = (u: TestUser) => ({ ...env, ...broker.env(u) });
  // The harness names each topic itself (VIGIE_TOPIC_*, prefix included): no second prefix.
  const workerEnv = (u: TestUser) => { const { VIGIE_TOPIC_PREFIX: _p, ...rest } = as(u); return rest; };
  const refusal = /authori[sz]ation failed|not authorized|AUTHORIZATION_FAILED/i;

  it('without ACLs `vigie topics create` fails naming the authorization error', () => {
    const r = vigie(['topics', 'create'], as(broker.users.operator!));
    assert.notEqual(r.code, 0, r.stdout);
    assert.match(r.stderr, refusal);
  });

  it('with exactly the documented ACLs: topics created, messages in, verdicts and audit rows out', async () => {
    for (const user of Object.keys(PRINCIPALS)) await grant(aclAdmin, user, rowsOf(user));
    const created = vigie(['topics', 'create'], as(broker.users.operator!));
    assert.equal(created.code, 0, created.stderr);
    const cfg = loadConfig(env).kafka.topics;
    ctx.own(...Object.values(cfg).filter((t): t is string => typeof t === 'string'));

    const s: WorkerSetup = { ctx, group: env.VIGIE_CLASSIFIER_GROUP!, brokers: [broker.bootstrap], topics: {
      input: cfg.chatMessages, verdicts: cfg.verdicts, actions: cfg.actions, escalations: cfg.escalations, audit: cfg.audit, dlq: cfg.chatMessagesDlq, state: cfg.classifierState } };
    const stream: ChatMessage[] = [...interleave([...generateConversations({ count: 5, seed: 21, scenarios: ['grooming-direct', 'parents', 'teens'], idPrefix: 'acl' })])].map((x) => x.message);
    await produceMessages(await plainProducer(s), s.topics.input, stream);

    const sink = startSink(as(broker.users.auditsink!));
    const w = startWorker(s, 'acl', { ...workerEnv(broker.users.classifier!), VIGIE_CLASSIFIER_HANGING_TXN_SWEEP_MS: '1000' });
    // The sweep runs every second on its own clock, and five messages are through in about a second: wait for a sweep
    // that has reached __consumer_offsets before the pipeline check stops the worker (the clean-clone CI of int54 stopped
    // it first, and the log held no sweep at all).
    const read = () => { try { return readFileSync(w.logFile, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>); } catch { return []; } };
    for (let waited = 0; waited < 60_000 && !read().some((l) => l.event === EVENTS.HANGING_TXN_SWEEP_DENIED && l.topic === '__consumer_offsets'); waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
    }
    await checkAuditedPipeline(s, w, sink, schema, stream.map((m) => m.messageId));
    // The hanging-transaction sweep under these ACLs: it sweeps what it may look at and names, once each, the parts it
    // may not with the ACL that would let it (docs/security.md), instead of failing as a whole.
    const lines = read();
    const denied = lines.filter((l) => l.event === EVENTS.HANGING_TXN_SWEEP_DENIED).map((l) => [l.topic, l.acl]);
    assert.ok(denied.some(([t, acl]) => t === '__consumer_offsets' && acl === 'Describe on topic __consumer_offsets (to find the group\'s offsets partition)'), JSON.stringify(denied));
    assert.equal(new Set(denied.map(([t]) => t)).size, denied.length, `each part named once: ${JSON.stringify(denied)}`);
    assert.ok(!denied.some(([t]) => t === s.topics.state), 'the changelog (Read) is swept');
    assert.deepEqual(lines.filter((l) => /hanging-transaction sweep failed/.test(String(l.msg))).map((l) => l.msg), []);
  });

  it('without ClusterAction the sweep fences nothing: a hanging transaction of the group\'s id on the state changelog is reported for an operator, once', async () => {
    // Made as the super user (transaction verification off), after the pipeline test granted the documented ACLs.
    const cfg = loadConfig(env).kafka.topics;
    await allowUnverifiedTxnWrites(aclAdmin);
    const group = env.VIGIE_CLASSIFIER_GROUP!;
    await makeHanging(aclAdmin, broker.bootstrap, { transactionalId: `${group}-${randomUUID()}`, topic: cfg.classifierState, commit: false, strayPartition: 1,
      producer: (transactionalId) => superClient.producer({ clientId: `hang-${transactionalId}`, transactionalId, retries: 5 }) });
    const s: WorkerSetup = { ctx, group, brokers: [broker.bootstrap], topics: {
      input: cfg.chatMessages, verdicts: cfg.verdicts, actions: cfg.actions, escalations: cfg.escalations, audit: cfg.audit, dlq: cfg.chatMessagesDlq, state: cfg.classifierState } };
    const w = startWorker(s, 'acl-hanging', { ...workerEnv(broker.users.classifier!), VIGIE_CLASSIFIER_HANGING_TXN_SWEEP_MS: '1000' });
    const lines = () => (existsSync(w.logFile) ? readFileSync(w.logFile, 'utf8') : '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const leftOf = () => lines().filter((l) => l.event === EVENTS.HANGING_TXN_LEFT && l.topic === cfg.classifierState);
    try {
      const deadline = Date.now() + 60_000;
      while (!leftOf().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      await new Promise((r) => setTimeout(r, 3_000)); // a few more sweeps: none fences, the range is reported once
    } finally {
      assert.equal(await stopWorker(w), 0, `clean exit (never fenced); log ${w.logFile}`);
    }
    const left = leftOf();
    assert.deepEqual(left.map((l) => [l.partition, l.reason]), [[1, NOT_FENCED]], `log ${w.logFile}`);
    assert.match(String(left[0]!.msg), /kafka-transactions\.sh --bootstrap-server \S+ abort --topic \S+ --partition 1 --start-offset \d+/);
    assert.deepEqual(lines().filter((l) => l.event === EVENTS.HANGING_TXN_FENCED), [], 'no id fenced');
  });

  it('a principal without the ACLs is refused: the worker and the sink exit non-zero naming the authorization error', async () => {
    const groups = { VIGIE_CLASSIFIER_GROUP: randomName('intruder'), VIGIE_AUDIT_GROUP: randomName('intruder') };
    const intruder = { ...as(broker.users.intruder!), ...groups };
    const cfg = loadConfig(env).kafka.topics;
    const s: WorkerSetup = { ctx, group: intruder.VIGIE_CLASSIFIER_GROUP, brokers: [broker.bootstrap], topics: {
      input: cfg.chatMessages, verdicts: cfg.verdicts, actions: cfg.actions, escalations: cfg.escalations, audit: cfg.audit, dlq: cfg.chatMessagesDlq, state: cfg.classifierState } };
    const w = startWorker(s, 'intruder', { ...workerEnv(broker.users.intruder!), ...groups });
    const sink = startSink(intruder);
    const limit = (p: Promise<number | null>, what: string, log: () => string) => Promise.race([p, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 90_000))])
      .then((code) => { assert.notEqual(code, 'hung', `${what} still running after 90 s: ${log().slice(-3000)}`); return code; });
    try {
      const [wc, sc] = await Promise.all([limit(w.exited, 'the worker', () => readFileSync(w.logFile, 'utf8')), limit(sink.exited, 'the audit sink', sink.log)]);
      assert.ok(typeof wc === 'number' && wc !== 0, `worker exit code ${String(wc)}`);
      assert.ok(typeof sc === 'number' && sc !== 0, `sink exit code ${String(sc)}: ${sink.log()}`);
      assert.match(readFileSync(w.logFile, 'utf8'), refusal);
      assert.match(sink.log(), refusal, sink.log());
    } finally {
      w.child.kill('SIGKILL');
      sink.child.kill('SIGKILL');
    }
  });
});
