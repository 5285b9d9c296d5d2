/**
 * --help of the deployed services names the store and Kafka TLS settings and their refusals (docs/security.md), so an
 * operator reading the help alone learns that DATABASE_SSLMODE needs DATABASE_URL and that PLAIN needs TLS or an opt-in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import runAuditSink from './run-audit-sink.js';
import runClassifier from './run-classifier.js';
import consoleCommand from './console.js';
import up from './up.js';

const STORE = ['DATABASE_URL', 'DATABASE_PASSWORD', 'DATABASE_SSLMODE', 'DATABASE_SSL_CA_FILE'];
const KAFKA = ['VIGIE_KAFKA_TLS ', 'VIGIE_KAFKA_TLS_CA_FILE', 'VIGIE_KAFKA_TLS_CERT_FILE', 'VIGIE_KAFKA_TLS_KEY_FILE', 'VIGIE_KAFKA_SASL_MECHANISM',
  'VIGIE_KAFKA_SASL_USERNAME', 'VIGIE_KAFKA_SASL_PASSWORD', 'VIGIE_KAFKA_SASL_PLAINTEXT'];

const line = (help: string, name: string) => help.split('\n').find((l) => l.trimStart().startsWith(`${name} `)) ?? '';

test('--help: the audit store\'s TLS settings with their refusals (audit sink, console)', () => {
  for (const [name, help] of [['run audit-sink', runAuditSink.help], ['console', consoleCommand.help]] as const) {
    for (const v of STORE) assert.ok(line(help, v), `${name} --help lists ${v}`);
    assert.match(line(help, 'DATABASE_SSLMODE'), /disable, require .*verify-ca, verify-full.*refused without DATABASE_URL, or with a URL carrying its own sslmode\/ssl\/sslrootcert/, name);
    assert.match(line(help, 'DATABASE_PASSWORD'), /refused without DATABASE_URL/, name);
    assert.match(line(help, 'DATABASE_SSL_CA_FILE'), /verify-ca or verify-full/, name);
  }
});

test('--help: the Kafka TLS and SASL settings, PLAIN\'s opt-in included (classifier, audit sink, up)', () => {
  for (const [name, help] of [['run classifier', runClassifier.help], ['run audit-sink', runAuditSink.help], ['up', up.help]] as const) {
    for (const v of KAFKA) assert.ok(line(help, v.trim()), `${name} --help lists ${v.trim()}`);
    assert.match(line(help, 'VIGIE_KAFKA_SASL_PLAINTEXT'), /PLAIN without TLS.*in clear.*\(default false\)/, name);
  }
});
