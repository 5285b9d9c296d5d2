import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileLocalBrokerOptions, localBrokerRawFromEnv } from '../../services/kafka/local-broker-options.js';
import { kafkaClasspath } from '../../services/kafka/kafka-jars.js';
import { formatKraftStorage } from '../../services/kafka/local-broker.js';
import { serverProperties, renderProperties } from '../../services/kafka/server-properties.js';

/**
 * Kafka's own storage tool formats a KRaft folder with the ids that used to break `kafka:up` (issue 16):
 * one starting with '-' (read as an option when passed as `-t <id>`) and one starting with '_'.
 * No broker is started; the jars come from the repository's cache (fetched with Maven if missing).
 */
const root = mkdtempSync(join(tmpdir(), 'vigie-kraft-format-'));
after(() => rmSync(root, { recursive: true, force: true }));

const opts = compileLocalBrokerOptions(localBrokerRawFromEnv(process.env));
const classpath = kafkaClasspath(opts);

for (const clusterId of ['-MHhhnFWcHHGloFgMFhxOA', '_MHhhnFWcHHGloFgMFhxOA']) {
  test(`kafka-storage formats a fresh folder with cluster id ${clusterId}`, () => {
    const dir = join(root, clusterId.startsWith('-') ? 'dash' : 'underscore');
    mkdirSync(dir, { recursive: true });
    const kraft = join(dir, 'kraft');
    const propsFile = join(dir, 'server.properties');
    writeFileSync(propsFile, renderProperties(serverProperties({ host: '127.0.0.1', port: 1, controllerPort: 2, logDir: kraft }), 'storage-format test'));
    const jvm = [`-Dlog4j.configuration=file:${opts.log4jFile}`, `-Dkafka.logs.dir=${join(dir, 'logs')}`];
    formatKraftStorage({ javaBin: opts.javaBin, classpath, jvm, propsFile }, clusterId);
    const meta = readFileSync(join(kraft, 'meta.properties'), 'utf8');
    assert.match(meta, new RegExp(`^cluster\\.id=${clusterId}$`, 'm'));
    assert.match(meta, /^node\.id=1$/m);
  });
}
