import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchStartedBroker, kafkaDownCommand, withBenchBroker } from './bench-broker.js';

test('the bench stops the local broker only when it started it, also when the run fails', async () => {
  const cases: { name: string; resolved: { source: 'env' | 'testcontainers' | 'local'; startedHere?: boolean }; fails: boolean; stops: boolean }[] = [
    { name: 'local, started now', resolved: { source: 'local', startedHere: true }, fails: false, stops: true },
    { name: 'local, started now, run throws', resolved: { source: 'local', startedHere: true }, fails: true, stops: true },
    { name: 'local, already running', resolved: { source: 'local', startedHere: false }, fails: false, stops: false },
    { name: 'KAFKA_BROKERS', resolved: { source: 'env' }, fails: false, stops: false },
    { name: 'testcontainers', resolved: { source: 'testcontainers' }, fails: false, stops: false },
  ];
  for (const c of cases) {
    let stopped = 0;
    const lines: string[] = [];
    const run = withBenchBroker(c.resolved, async () => { stopped++; }, (m) => lines.push(m), async () => {
      if (c.fails) throw new Error('phase failed');
      return 7;
    });
    if (c.fails) await assert.rejects(run, /phase failed/, c.name);
    else assert.equal(await run, 7, c.name);
    assert.equal(stopped, c.stops ? 1 : 0, c.name);
    assert.equal(benchStartedBroker(c.resolved), c.stops, c.name);
    assert.equal(lines.some((l) => /stopped/.test(l)), c.stops, c.name);
  }
});

test('a broker the bench cannot stop is named with the command to stop it', async () => {
  const lines: string[] = [];
  await withBenchBroker({ source: 'local', startedHere: true }, async () => { throw new Error('lock busy'); }, (m) => lines.push(m), async () => 1);
  assert.match(lines.at(-1)!, /could not stop the local Kafka broker this bench started \(lock busy\); stop it with: npm run kafka:down/);
});

test('the stop command names the environment that selects the broker the bench started', async () => {
  assert.equal(kafkaDownCommand({}), 'npm run kafka:down');
  assert.equal(kafkaDownCommand({ KAFKA_PORT: '39300', VIGIE_KAFKA_DATA_DIR: '/data/k', HOME: '/root' }), 'KAFKA_PORT=39300 VIGIE_KAFKA_DATA_DIR=/data/k npm run kafka:down');
  const lines: string[] = [];
  await withBenchBroker({ source: 'local', startedHere: true }, async () => { throw new Error('lock busy'); }, (m) => lines.push(m), async () => 1, kafkaDownCommand({ KAFKA_PORT: '39300' }));
  assert.match(lines.at(-1)!, /stop it with: KAFKA_PORT=39300 npm run kafka:down$/);
});
