import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, withStore } from '../../audit/cli-support.js';
import { STORE_ENV_HELP } from '../../audit/env.js';

const help = `usage: vigie audit verify [--json]

Walks the audit hash chain from the first row to the recorded chain head and checks every link:
each row's content against its content hash, each row hash against prev_hash + content hash, the
sequence for gaps, and tombstones against the legal retention period. Exit code 0 when intact,
1 when broken (the first broken link is named: seq, record id, and edited/deleted/reordered).

options:
  --json   print the report as JSON

${STORE_ENV_HELP}`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { booleans: ['json'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const log = cliLogger(process.env, 'audit-verify');
    const report = await withStore(process.env, log, (s) => s.verify());
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else if (report.ok) {
      const counts = `${report.rows} rows (${report.tombstones} tombstones, ${report.textsDeleted} texts deleted by retention)`;
      process.stdout.write(`audit chain OK: ${counts}, head seq ${report.head.seq} ${report.head.hash}\n`);
    } else {
      const b = report.firstBreak!;
      process.stdout.write(`audit chain BROKEN at seq ${b.seq}${b.recordId ? ` (record ${b.recordId})` : ''}: ${b.kind} — ${b.detail}\n`);
    }
    return report.ok ? 0 : 1;
  },
};
export default command;
