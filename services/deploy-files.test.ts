/**
 * docker-compose.yml's security defaults (ops21 audit): nothing published beyond the host's loopback (Kafka is
 * PLAINTEXT without SASL, PostgreSQL without TLS), no password written in the file, the Dockerfile's services
 * not run as root; signals: node gets them itself, and more time than the classifier's stop bound (stop 51).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, here.split(/[\\/]/).includes('dist') ? '../..' : '..');
const compose = readFileSync(join(REPO, 'docker-compose.yml'), 'utf8');

/** The items of every `ports:` list (short syntax, "host:container" strings). */
function publishedPorts(yml: string): string[] {
  const out: string[] = [];
  const lines = yml.split('\n');
  lines.forEach((line, i) => {
    const m = /^(\s*)ports:\s*$/.exec(line);
    if (!m) return;
    for (let j = i + 1; j < lines.length; j++) {
      const item = /^\s*-\s*"?([^"\s#]+)"?/.exec(lines[j]!);
      if (!item || lines[j]!.search(/\S/) <= m[1]!.length) break;
      out.push(item[1]!);
    }
  });
  return out;
}

test('docker-compose.yml publishes ports on 127.0.0.1 only', () => {
  const ports = publishedPorts(compose);
  assert.ok(ports.length >= 2, `ports found: ${ports.join(', ')}`);
  assert.deepEqual(ports.filter((p) => !p.startsWith('127.0.0.1:')), []);
  assert.deepEqual(publishedPorts('  kafka:\n    ports:\n      - "9092:9092"\n    x: 1\n'), ['9092:9092'], 'the parser sees a bare mapping');
});

test('docker-compose.yml writes no password: PostgreSQL and Vigie take it from VIGIE_PG_PASSWORD, required', () => {
  assert.doesNotMatch(compose, /postgres(ql)?:\/\/[^@\s/]+:[^@\s]+@/, 'no password inside a database URL');
  for (const key of ['POSTGRES_PASSWORD', 'DATABASE_PASSWORD']) {
    const m = new RegExp(`^\\s*${key}:\\s*(.+)$`, 'm').exec(compose);
    assert.ok(m, `${key} is set`);
    assert.match(m[1]!, /^\$\{VIGIE_PG_PASSWORD:\?/, `${key} comes from the required VIGIE_PG_PASSWORD, not a literal`);
  }
});

test('the image runs its services as an unprivileged user', () => {
  const users = [...readFileSync(join(REPO, 'Dockerfile'), 'utf8').matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
  assert.ok(users.length > 0 && !['root', '0'].includes(users[users.length - 1]!), `USER: ${users.join(', ')}`);
});

test('upgrade notes (review M2, M4 of ops21): an existing pg-data volume keeps its old password; the transactions counter changed meaning', () => {
  const dev = readFileSync(join(REPO, 'docs/development.md'), 'utf8');
  const upgrading = dev.slice(dev.indexOf('\n## Upgrading'));
  assert.ok(dev.includes('\n## Upgrading'), 'docs/development.md has an Upgrading section');
  assert.match(upgrading, /pg-data[\s\S]*VIGIE_PG_PASSWORD=vigie[\s\S]*ALTER ROLE/);
  assert.match(upgrading, /vigie_classifier_transactions_total\{outcome="committed"\}[\s\S]*vigie_classifier_partition_batches_total/);
  assert.match(readFileSync(join(REPO, 'README.md'), 'utf8'), /docs\/development\.md#upgrading/);
});

test('docker-compose.yml gives the services more time from SIGTERM to SIGKILL than the classifier\'s own stop bound, and the image runs node itself (exec form: node gets the signals) (stop 51, ops51)', async () => {
  const { CONFIG_VARIABLES } = await import('./common/config.js');
  const bound = CONFIG_VARIABLES.find((r) => r.name === 'VIGIE_CLASSIFIER_SHUTDOWN_TIMEOUT_MS');
  assert.ok(bound, 'the classifier\'s shutdown timeout is a setting');
  const boundMs = Number(String(bound.default));
  assert.ok(boundMs > 10_000, `the bound (${boundMs} ms) is above Docker's default grace (10 s): the reason for the setting`);
  const anchor = /^x-vigie: &vigie\n((?:[ ].*\n)+)/m.exec(compose)?.[1] ?? '';
  const grace = /^\s+stop_grace_period:\s*(\d+)s\s*$/m.exec(anchor);
  assert.ok(grace, 'stop_grace_period on the Vigie services (the x-vigie anchor)');
  assert.ok(Number(grace[1]) * 1000 >= boundMs + 5_000, `grace ${grace[1]} s vs the classifier's ${boundMs} ms stop bound`);
  const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
  assert.match(dockerfile, /^ENTRYPOINT \["node", "dist\/services\/cli\/main\.js"\]$/m, 'exec form, no shell between the runtime and node');
});
