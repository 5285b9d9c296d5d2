import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { freePort } from '../support/net.js';
import { KafkaClient } from '../../services/kafka/client.js';
import { createTopic, listTopics } from '../../services/kafka/admin.js';
import { createLogger } from '../../services/common/logger.js';

/**
 * The local broker manager as users run it (npm run kafka:up / kafka:down), on a second broker with
 * its own ports and data folder so the shared broker is untouched.
 */
const dataDir = join(mkdtempSync(join(tmpdir(), 'vigie-kafka-')), 'data');
let env: NodeJS.ProcessEnv;


function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['dist/services/kafka/local-broker-cli.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

after(async () => {
  await cli('down', '--wipe');
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

test('two concurrent `up` start ONE broker; a second `up` returns at once', async () => {
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort), VIGIE_KAFKA_DATA_DIR: dataDir, KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m' };
  const [a, b] = await Promise.all([cli('up'), cli('up')]);
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  const started = [a, b].filter((r) => /started \(pid \d+\)/.test(r.out));
  const already = [a, b].filter((r) => /already running \(pid \d+\)/.test(r.out));
  assert.equal(started.length, 1, `${a.out}\n${b.out}`);
  assert.equal(already.length, 1, `${a.out}\n${b.out}`);
  const pid = (s: string) => /pid (\d+)/.exec(s)![1];
  assert.equal(pid(started[0]!.out), pid(already[0]!.out));
  assert.match(a.out, new RegExp(`bootstrap 127\\.0\\.0\\.1:${port}`));

  const t0 = Date.now();
  const again = await cli('up');
  assert.match(again.out, /already running/);
  assert.ok(Date.now() - t0 < 10_000);
  assert.equal((await cli('status')).out.split(' ')[0], 'running');
});

test('data survive down/up; down stops the process; --wipe deletes the data folder', async () => {
  const brokers = [`127.0.0.1:${env.KAFKA_PORT}`];
  const client = () => new KafkaClient({ brokers, clientId: 'local-broker-test' }, createLogger({ level: 'silent' }));
  const first = client();
  await createTopic(first.admin(), 'survivor', 1);
  await first.close();

  const pid = Number(/pid=(\d+)/.exec((await cli('status')).out)![1]);
  const down = await cli('down');
  assert.equal(down.code, 0, down.err);
  assert.match(down.out, /broker stopped/);
  assert.throws(() => process.kill(pid, 0), /ESRCH/);
  const st = await cli('status');
  assert.equal(st.code, 1);
  assert.match(st.out, /^stopped/);

  assert.equal((await cli('up')).code, 0);
  const second = client();
  assert.ok((await listTopics(second.admin())).includes('survivor'));
  await second.close();

  const wiped = await cli('down', '--wipe');
  assert.equal(wiped.code, 0, wiped.err);
  assert.equal(existsSync(dataDir), false);
  assert.match((await cli('down')).out, /was not running/);
});

test('a port held by something else is reported, not taken over', async () => {
  const holder = createServer((s) => s.destroy());
  await new Promise<void>((r) => holder.listen(Number(env.KAFKA_PORT), '127.0.0.1', r));
  try {
    const r = await cli('up');
    assert.equal(r.code, 1);
    assert.match(r.err, /already in use by a process that is not Vigie's local broker/);
  } finally {
    await new Promise((r) => holder.close(r));
  }
});
