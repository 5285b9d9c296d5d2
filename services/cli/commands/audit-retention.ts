import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, iso, parseInstant, withStore } from '../../audit/cli-support.js';
import { STORE_ENV_HELP } from '../../audit/env.js';

const help = `usage: vigie audit retention [--now ISO] [--json]

Deletes expired audit data, in one transaction, except what an active legal hold covers:
  - text and context window of flagged messages older than the text period (default 180 days);
  - technical data older than the legal period (default 365 days): the row becomes a tombstone that
    keeps only seq, record id, sentAt and its hashes, so \`vigie audit verify\` still passes;
  - moderation actions and resolved cases older than the legal period.
Run it daily (cron, systemd timer).

options:
  --now ISO   act as if it were this instant (default: now), e.g. 2027-01-01T00:00:00Z
  --json      print the report as JSON

${STORE_ENV_HELP}`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['now'], booleans: ['json'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    let now = Date.now();
    if (typeof opts.now === 'string') {
      try { now = parseInstant(opts.now, '--now'); } catch (err) { throw new UsageError((err as Error).message); }
    }
    const log = cliLogger(process.env, 'audit-retention');
    const r = await withStore(process.env, log, (s) => s.retention(now));
    if (opts.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else {
      process.stdout.write(`retention at ${iso(now)}: text before ${iso(r.textCutoff)}, technical data before ${iso(r.technicalCutoff)}\n`
        + `  texts deleted: ${r.textsDeleted}\n  rows tombstoned: ${r.rowsTombstoned}\n  actions deleted: ${r.actionsDeleted}\n`
        + `  cases deleted: ${r.casesDeleted}\n  expired rows kept under legal hold: ${r.heldRows}\n`);
    }
    return 0;
  },
};
export default command;
