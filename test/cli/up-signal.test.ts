// `vigie up` stopped by a signal sent to its own process (not its process group, so the children do not
// get it) stops and awaits the children it started (issue 12, item 7). Before, a SIGINT during start-up
// killed `up` by the default handler and left the classifier worker running, orphaned.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomName } from '../support/kafka.js';
import { ClientTestContext } from '../support/kafka-client.js';
import { childPids } from '../support/proc.js';
import { deleteTopics, listTopics } from '../../services/kafka/admin.js';
import { processAlive } from '../../services/kafka/file-lock.js';

const MAIN = resolve('dist/services/cli/main.js');

describe('vigie up: a signal to its own process stops its children', () => {
  let ctx: ClientTestContext;
  const prefix = `${randomName('up-sig')}.`;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-up-signal-'));
  after(async () => {
    ctx ??= await ClientTestContext.create('up-signal');
    await deleteTopics(ctx.admin, (await listTopics(ctx.admin)).filter((t) => t.startsWith(prefix))).catch(() => undefined);
    await ctx.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const when of ['start-up', 'running'] as const) {
    it(`SIGINT while ${when === 'start-up' ? 'the worker starts' : 'everything runs'}: up exits, the worker is stopped and awaited`, async () => {
      ctx ??= await ClientTestContext.create('up-signal');
      const up = spawn(process.execPath, [MAIN, 'up'], {
        env: { ...process.env, KAFKA_BROKERS: ctx.brokers.join(','), VIGIE_TOPIC_PREFIX: prefix, VIGIE_DATA_DIR: dir, VIGIE_CLASSIFIER_HTTP_PORT: '0',
          VIGIE_CONSOLE_PORT: '0', VIGIE_CLASSIFIER_GROUP: randomName('up-sig-group'), VIGIE_LOG_FORMAT: 'json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      up.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      up.stderr.resume();
      const exited = new Promise<number | null>((r) => up.once('exit', (c) => r(c)));
      const marker = when === 'start-up' ? /vigie up: classifier\.\.\./ : /vigie up: simulator:/;
      const deadline = Date.now() + 150_000;
      let worker: number | undefined;
      while (!(marker.test(out) && (worker = childPids(up.pid!)[0]) !== undefined)) {
        assert.ok(Date.now() < deadline && up.exitCode === null, `up did not reach "${String(marker)}" with a child; output:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      process.kill(up.pid!, 'SIGINT');
      const code = await exited;
      assert.ok(code !== null, `up exited by itself (code ${code}), not killed by the signal; output:\n${out}`);
      assert.equal(processAlive(worker), false, `the worker (pid ${worker}) is still running after up exited; output:\n${out}`);
      assert.match(out, /vigie up: classifier worker (exited with|had exited|did not stop)/);
    });
  }
});
