import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileLocalBrokerOptions, localBrokerRawFromEnv } from '../../services/kafka/local-broker-options.js';
import { ensureKafkaJars } from '../../services/kafka/kafka-jars.js';
import { ensureLocalBroker } from '../../services/kafka/local-broker.js';

/**
 * The local broker's start (local-broker.ts) closes its data folder before the broker writes into it
 * (broker-data-dir.ts): an existing 0755 folder is 0700 once a start was attempted. No broker runs: the Java binary
 * is missing, so the start fails at the storage format, after the folder was prepared. The jars come from the
 * repository's cache (fetched with Maven if missing), as in storage-format.test.ts.
 */
const root = mkdtempSync(join(tmpdir(), 'vigie-broker-wiring-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a local broker start makes an existing world-readable data folder owner-only before anything is written in it', { skip: process.platform === 'win32' }, async () => {
  const dataDir = join(root, 'kafka');
  mkdirSync(dataDir);
  chmodSync(dataDir, 0o755);
  const opts = compileLocalBrokerOptions({ ...localBrokerRawFromEnv(process.env), dataDir, port: 29302, controllerPort: 29303 });
  ensureKafkaJars(opts);
  await assert.rejects(ensureLocalBroker({ ...opts, javaBin: join(root, 'no-such-java') }), /no-such-java|ENOENT/);
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
});
