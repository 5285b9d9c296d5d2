import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { benchStartedBroker, kafkaDownCommand, resolveBenchBroker, withBenchBroker, type SignalHooks } from './bench-broker.js';

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

/** Signal hooks that record what the bench installs, and let the test raise a signal and see the exit. */
function fakeSignals() {
  const handlers = new Map<string, () => void>();
  const exits: number[] = [];
  const hooks: SignalHooks = {
    on: (sig, fn) => { handlers.set(sig, fn); },
    off: (sig, fn) => { if (handlers.get(sig) === fn) handlers.delete(sig); },
    exit: (code) => { exits.push(code); },
  };
  return { hooks, handlers, exits, raise: (sig: string) => handlers.get(sig)!() };
}

test('Ctrl-C or SIGTERM during the run: the broker the bench started is stopped, then exit 130 / 143', async () => {
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    const s = fakeSignals();
    const events: string[] = [];
    let finishRun!: () => void;
    const run = withBenchBroker({ source: 'local', startedHere: true }, async () => { events.push('stop'); }, (m) => events.push(m),
      () => new Promise<number>((r) => { finishRun = () => r(1); }), 'npm run kafka:down', s.hooks);
    assert.deepEqual([...s.handlers.keys()].sort(), ['SIGINT', 'SIGTERM'], 'handlers installed while the run goes on');
    s.raise(sig);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(s.exits, [code], `${sig}: exit after the stop`);
    assert.deepEqual(events.filter((e) => e === 'stop').length, 1);
    assert.ok(events.indexOf('stop') < events.indexOf('local Kafka broker stopped'));
    finishRun();
    await run;
    assert.equal(events.filter((e) => e === 'stop').length, 1, 'the broker is stopped once, not again when the run ends');
  }
});

test('a second signal while the broker stops exits at once, naming the stop command', async () => {
  const s = fakeSignals();
  const lines: string[] = [];
  void withBenchBroker({ source: 'local', startedHere: true }, () => new Promise(() => undefined), (m) => lines.push(m),
    () => new Promise(() => undefined), 'KAFKA_PORT=29300 npm run kafka:down', s.hooks);
  s.raise('SIGINT');
  assert.deepEqual(s.exits, []);
  s.raise('SIGINT');
  assert.deepEqual(s.exits, [130]);
  assert.match(lines.at(-1)!, /SIGINT again: exiting without waiting .*stop it with: KAFKA_PORT=29300 npm run kafka:down$/);
});

test('no signal handler when the bench did not start the broker; handlers removed once the run ends', async () => {
  const notOurs = fakeSignals();
  await withBenchBroker({ source: 'local', startedHere: false }, async () => undefined, () => undefined, async () => 1, undefined, notOurs.hooks);
  await withBenchBroker({ source: 'env' }, async () => undefined, () => undefined, async () => 1, undefined, notOurs.hooks);
  const ours = fakeSignals();
  let during = 0;
  await withBenchBroker({ source: 'local', startedHere: true }, async () => undefined, () => undefined, async () => { during = ours.handlers.size; return 1; }, undefined, ours.hooks);
  assert.deepEqual([notOurs.handlers.size, during, ours.handlers.size], [0, 2, 0]);
});

test('a real SIGINT to a process in withBenchBroker (process hooks): the broker stop runs, exit code 130', { skip: process.platform === 'win32' }, async () => {
  const moduleUrl = new URL('./bench-broker.js', import.meta.url).href;
  const script = `
    const { withBenchBroker } = await import(${JSON.stringify(moduleUrl)});
    await withBenchBroker({ source: 'local', startedHere: true },
      () => new Promise((r) => setTimeout(() => { process.stdout.write('broker stopped\\n'); r(); }, 50)),
      (m) => process.stderr.write(m + '\\n'),
      () => { process.stdout.write('running\\n'); return new Promise(() => setInterval(() => undefined, 1000)); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += String(d);
    if (out === 'running\n') child.kill('SIGINT');
  });
  const [code] = await once(child, 'exit') as [number | null];
  assert.equal(out, 'running\nbroker stopped\n');
  assert.equal(code, 130);
});

test('Ctrl-C or SIGTERM while the local broker starts: its start is awaited, the broker stopped if the bench started it, then exit 130 / 143', async () => {
  for (const [sig, code, startedHere, stops] of [['SIGINT', 130, true, 1], ['SIGTERM', 143, true, 1], ['SIGINT', 130, false, 0]] as const) {
    const s = fakeSignals();
    const events: string[] = [];
    let started!: () => void;
    const resolving = resolveBenchBroker(() => new Promise<{ source: 'local'; startedHere: boolean }>((r) => { started = () => r({ source: 'local', startedHere }); }),
      async () => { events.push('stop'); }, (m) => events.push(m), 'npm run kafka:down', s.hooks);
    assert.deepEqual([...s.handlers.keys()].sort(), ['SIGINT', 'SIGTERM'], 'handlers installed while the broker starts');
    s.raise(sig);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual([s.exits, events.filter((e) => e === 'stop').length], [[], 0], `${sig}: nothing stopped before the start ends`);
    started();
    await resolving;
    assert.deepEqual(s.exits, [code], `${sig}: exit once the start ended`);
    assert.equal(events.filter((e) => e === 'stop').length, stops, `startedHere ${startedHere}`);
  }
});

test('no signal while the broker starts: handlers removed, no exit; a second signal during the start exits at once', async () => {
  const quiet = fakeSignals();
  const r = await resolveBenchBroker(async () => ({ source: 'local' as const, startedHere: true }), async () => undefined, () => undefined, undefined, quiet.hooks);
  assert.deepEqual([r.startedHere, quiet.handlers.size, quiet.exits], [true, 0, []]);
  const s = fakeSignals();
  const lines: string[] = [];
  void resolveBenchBroker(() => new Promise<{ source: 'local'; startedHere: boolean }>(() => undefined), async () => undefined, (m) => lines.push(m), 'KAFKA_PORT=29300 npm run kafka:down', s.hooks);
  s.raise('SIGTERM');
  s.raise('SIGTERM');
  assert.deepEqual(s.exits, [143]);
  assert.match(lines.at(-1)!, /SIGTERM again: .*stop it with: KAFKA_PORT=29300 npm run kafka:down$/);
});
