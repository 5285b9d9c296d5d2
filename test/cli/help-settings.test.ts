// Every long-running or Kafka command's --help lists each setting it reads, the list derived from the command itself:
// each runs against the test broker with VIGIE_TEST_CONFIG_READS, which records every variable the command takes out of
// its configuration (common/config.ts, one source for values and help lines), until it is up or done; then its help
// must have a line for each (round 42: `topics` and `replay` read the Kafka TLS/SASL settings, `up`'s console child the
// audit store's, and their help did not say so).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomName } from '../support/kafka.js';
import { ClientTestContext } from '../support/kafka-client.js';
import { deleteTopics, listTopics } from '../../services/kafka/admin.js';
import type { Command } from '../../services/cli/command.js';

const MAIN = resolve('dist/services/cli/main.js');

/** Runs `vigie <args>` until it exits or prints `upWhen`, then SIGTERM; resolves when it has exited. */
function runUntil(args: string[], env: Record<string, string | undefined>, upWhen: RegExp | null, timeoutMs = 90_000): Promise<string> {
  const all: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(all)) if (all[k] === undefined) delete all[k];
  const child = spawn(process.execPath, [MAIN, ...args], { env: all, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const stopAt = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  let stopped = false; // one SIGTERM: a second one makes `up` exit at once, leaving its children
  const onData = (d: Buffer) => { out += d.toString(); if (!stopped && upWhen?.test(out)) { stopped = true; child.kill('SIGTERM'); } };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((r) => child.on('exit', () => { clearTimeout(stopAt); r(out); }));
}

/** Names of the variables a help text has a line for (`  NAME   meaning`, or `  --flag   NAME   default` in a table). */
const helpNames = (help: string) => new Set(help.split('\n').map((l) => /^\s+(?:--[a-z-]+\s+)?([A-Z][A-Z0-9_]+)(?:\s|$)/.exec(l)?.[1]).filter((n): n is string => !!n));

describe('--help lists every setting the command reads', () => {
  let ctx: ClientTestContext;
  const prefix = `${randomName('help-reads')}.`;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-help-reads-'));
  let env: Record<string, string>;
  before(async () => {
    ctx = await ClientTestContext.create('help-reads');
    env = { KAFKA_BROKERS: ctx.brokers.join(','), VIGIE_TOPIC_PREFIX: prefix, VIGIE_DATA_DIR: join(dir, 'data'), VIGIE_CLASSIFIER_HTTP_PORT: '0',
      VIGIE_AUDIT_HTTP_PORT: '0', VIGIE_CONSOLE_PORT: '0', VIGIE_CLASSIFIER_GROUP: `${prefix}classifier`, VIGIE_AUDIT_GROUP: `${prefix}sink` };
  });
  after(async () => {
    await deleteTopics(ctx.admin, (await listTopics(ctx.admin)).filter((t) => t.startsWith(prefix))).catch(() => undefined);
    await ctx.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  // In order: the topics exist before the services start. `up` also counts what its console child reads (its help says
  // the console runs over the audit store); its classifier child's settings are `run classifier`'s help.
  // `local`: KAFKA_BROKERS unset, the test broker reached as the local broker (KAFKA_PORT): the local broker's settings are read.
  const cases: { args: string[]; module: string; upWhen: RegExp | null; also?: string[]; local?: boolean }[] = [
    { args: ['topics', 'create'], module: 'topics-create', upWhen: null },
    { args: ['topics', 'describe'], module: 'topics-describe', upWhen: null },
    { args: ['topics', 'describe', '--json'], module: 'topics-describe', upWhen: null, local: true },
    { args: ['run', 'classifier'], module: 'run-classifier', upWhen: /"event":"worker.started"|worker started/ },
    { args: ['run', 'audit-sink'], module: 'run-audit-sink', upWhen: /audit sink started/ },
    { args: ['console'], module: 'console', upWhen: /vigie-console http/ },
    { args: ['replay', '--from', 'earliest', '--report', 'REPORT'], module: 'replay', upWhen: null },
    { args: ['up'], module: 'up', upWhen: /console\b.*http:\/\//, also: ['console'] },
  ];
  for (const c of cases) {
    it(`vigie ${c.args.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}${c.local ? ' (no KAFKA_BROKERS)' : ''}`, async () => {
      const file = join(dir, `${c.module}${c.local ? '-local' : ''}.reads`);
      const args = c.args.map((a) => (a === 'REPORT' ? join(dir, `${c.module}-report`) : a));
      const local = c.local ? { KAFKA_BROKERS: undefined, KAFKA_PORT: ctx.brokers[0]!.split(':').pop()! } : {};
      const out = await runUntil(args, { ...env, ...local, VIGIE_TEST_CONFIG_READS: file }, c.upWhen);
      const words = [c.args.slice(0, 2).join(' '), c.args[0]!, ...(c.also ?? [])];
      let lines: string[] = [];
      try { lines = readFileSync(file, 'utf8').trim().split('\n'); } catch { /* none */ }
      const read = new Set(lines.map((l) => l.split('\t')).filter(([cmd]) => words.some((w) => cmd === w || cmd!.startsWith(`${w} `)) && !(cmd!.startsWith('run classifier') && c.args[0] === 'up'))
        .map(([, name]) => name!));
      assert.ok(read.size > 3, `vigie ${c.args.join(' ')} read ${read.size} settings:\n${out.slice(-2000)}`);
      const help = ((await import(`../../services/cli/commands/${c.module}.js`)) as { default: Command }).default.help;
      const listed = helpNames(help);
      assert.deepEqual([...read].filter((n) => !listed.has(n)).sort(), [], `vigie ${c.args.slice(0, 2).join(' ')} reads these settings its --help does not list`);
    });
  }
});
