// `vigie replay` refuses bad requests before reading anything (issue 12): a backwards range, and a sandbox
// topic that does not exist (named in the error, instead of a raw Kafka error late in the run).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientTestContext } from '../support/kafka-client.js';
import { randomName } from '../support/kafka.js';
import { MAIN } from '../audit/helpers.js';

describe('vigie replay refuses bad requests early (child process, Kafka)', () => {
  let ctx: ClientTestContext;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    ctx = await ClientTestContext.create('replay-refuse');
    env = { ...process.env, KAFKA_BROKERS: ctx.brokers.join(','), VIGIE_TOPIC_MESSAGES: await ctx.topic('in'), VIGIE_TOPIC_VERDICTS: await ctx.topic('verdicts') };
  });
  after(async () => { await ctx.cleanup(); });
  const run = (args: string[]) => {
    const report = join(mkdtempSync(join(tmpdir(), 'vigie-replay-refuse-')), 'report');
    const r = spawnSync(process.execPath, [MAIN, 'replay', '--report', report, '--idle-timeout-ms', '3000', '--model', 'none', ...args], { env, encoding: 'utf8' });
    return { ...r, report };
  };

  it('--from 100 --to 50: exit 2, the range is named, no report', () => {
    const r = run(['--from', '100', '--to', '50']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--from is after --to \(offset 100 > 50\)/);
    assert.equal(existsSync(r.report), false);
  });

  it('--sandbox-topic naming a missing topic: exit 2, the topic is named, no report', () => {
    const missing = randomName('no-such-sandbox');
    const r = run(['--from', 'earliest', '--sandbox-topic', missing]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`--sandbox-topic "${missing}" does not exist`));
    assert.equal(existsSync(r.report), false);
  });

  it('an existing sandbox topic and a forward range are accepted', async () => {
    const r = run(['--from', 'earliest', '--sandbox-topic', await ctx.topic('sandbox')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /replay: 0 compared/);
  });
});
