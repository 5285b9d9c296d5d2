// `vigie up` giving up on a child (up.ts's failure path, up-supervisor.ts): the worker is killed once everything runs and
// its HTTP port is taken meanwhile, so every restarted worker loads its engine, then fails to listen and exits 1 before
// it is ready. After 5 quick failures in a row `vigie up` logs up.gave_up, stops everything (console, worker) and exits 1,
// leaving no process behind. It does not tell "the run counts from readiness" from "the run counts from spawn": the engine
// loads in well under a minute, so either way each exit is quick (back-off 1/2/4/8 s); up-supervisor.test.ts covers that.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomName } from '../support/kafka.js';
import { ClientTestContext } from '../support/kafka-client.js';
import { childPids } from '../support/proc.js';
import { deleteTopics, listTopics } from '../../services/kafka/admin.js';

const MAIN = resolve('dist/services/cli/main.js');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Processes whose environment holds `mark` (Linux /proc; our own user's only). */
function marked(mark: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try { if (readFileSync(`/proc/${d}/environ`, 'latin1').includes(mark)) out.push(Number(d)); } catch { /* gone, or not ours */ }
  }
  return out;
}

async function listenOn(port: number, deadlineMs: number): Promise<Server> {
  for (;;) {
    const server = createServer();
    const err = await new Promise<Error | null>((r) => { server.once('error', r); server.listen(port, '127.0.0.1', () => r(null)); });
    if (!err) return server;
    if (Date.now() > deadlineMs) throw err;
    await sleep(10);
  }
}

describe('vigie up: a child that keeps failing quickly', () => {
  let ctx: ClientTestContext;
  const prefix = `${randomName('up-giveup')}.`;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-up-give-up-'));
  const mark = `UP_GIVE_UP_MARK=${randomName('m')}`;
  let blocker: Server | undefined;
  after(async () => {
    blocker?.close();
    for (const pid of marked(mark)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    ctx ??= await ClientTestContext.create('up-give-up');
    await deleteTopics(ctx.admin, (await listTopics(ctx.admin)).filter((t) => t.startsWith(prefix))).catch(() => undefined);
    await ctx.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the worker fails before it is ready 5 times in a row: up.gave_up, everything stopped, exit 1, no process left', { timeout: 400_000 }, async () => {
    ctx = await ClientTestContext.create('up-give-up');
    const probe = await listenOn(0, Date.now());
    const port = (probe.address() as { port: number }).port;
    probe.close();
    const [markName, markValue] = mark.split('=') as [string, string];
    const up = spawn(process.execPath, [MAIN, 'up'], {
      env: { ...process.env, KAFKA_BROKERS: ctx.brokers.join(','), VIGIE_TOPIC_PREFIX: prefix, VIGIE_DATA_DIR: dir, VIGIE_CLASSIFIER_HTTP_PORT: String(port),
        VIGIE_CONSOLE_PORT: '0', VIGIE_CLASSIFIER_GROUP: randomName('up-giveup-group'), VIGIE_LOG_FORMAT: 'json', [markName]: markValue },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    up.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    up.stderr.resume();
    const exited = new Promise<number | null>((r) => up.once('exit', (c) => r(c)));
    const deadline = Date.now() + 150_000;
    while (!/vigie up: simulator:/.test(out)) {
      assert.ok(Date.now() < deadline && up.exitCode === null, `up did not start everything; output:\n${out}`);
      await sleep(100);
    }
    const worker = childPids(up.pid!).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('classifier'));
    assert.ok(worker, `the worker is a child of up; output:\n${out}`);
    process.kill(worker, 'SIGKILL');
    // Its port, taken before the restarted worker (1 s back-off, then an engine load) listens.
    blocker = await listenOn(port, Date.now() + 900);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'running'>((r) => { timer = setTimeout(() => r('running'), 300_000); })]);
    clearTimeout(timer);
    assert.equal(code, 1, `up exits 1 once it gave up; output:\n${out}`);
    const restarts = out.split('\n').filter((l) => l.includes('up.restart service=classifier worker'));
    assert.deepEqual(restarts.map((l) => /delayMs=(\d+)/.exec(l)?.[1]), ['1000', '2000', '4000', '8000'], `back-off 1, 2, 4, 8 s; output:\n${out}`);
    assert.match(restarts[0] ?? '', /exitCode=null signal=SIGKILL/);
    assert.match(out, /up\.gave_up service=classifier worker exitCode=1 restarts=4: not restarting it \(5 exits in a row before or within 60 s of being ready\)/);
    assert.match(out, /vigie up: console (exited with|had exited)/, 'the console is stopped');
    await sleep(500);
    assert.deepEqual(marked(mark), [], 'no process of this vigie up is left');
  });
});
