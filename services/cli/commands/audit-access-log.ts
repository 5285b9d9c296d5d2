import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, iso, withStore } from '../../audit/cli-support.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { listAccess, verifyAccessLog } from '../../audit/access-log.js';
import { escapeControl } from '../../common/log-format.js';

const help = `usage: vigie audit access-log [--case ID] [--operator NAME] [--limit N] [--json] [--verify]

Lists the access log, newest first: every view of chat text (console case page, \`vigie cases show\`),
every evidence export (console download, \`vigie evidence export\`), every user search on the console and
every console account change (console or \`vigie console user\`, operator \`cli:<VIGIE_OPERATOR or login>\`), with operator,
role, time, case and legal-request reference. The log is append-only and hash-chained; --verify walks the chain
and names the first broken entry (exit 1 if any).

${STORE_ENV_HELP}`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['case', 'operator', 'limit'], booleans: ['json', 'verify'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const limit = opts.limit === undefined ? 100 : Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
    const log = cliLogger(process.env, 'audit-access-log');
    return withStore(process.env, log, async (s) => {
      if (opts.verify) {
        const v = await verifyAccessLog(s.db);
        if (opts.json) process.stdout.write(`${JSON.stringify(v)}\n`);
        else if (v.ok) process.stdout.write(`access log OK: ${v.rows} entries\n`);
        else process.stdout.write(`access log BROKEN at seq ${v.firstBreak!.seq}: ${v.firstBreak!.detail} (${v.rows} entries verified before it)\n`);
        return v.ok ? 0 : 1;
      }
      const entries = await listAccess(s.db, {
        ...(typeof opts.case === 'string' ? { caseId: opts.case } : {}), ...(typeof opts.operator === 'string' ? { operator: opts.operator } : {}), limit,
      });
      if (opts.json) { process.stdout.write(`${JSON.stringify(entries)}\n`); return 0; }
      // One line per entry, whatever an operator name, a case id or a reference holds (a newline forged an entry, an escape drove the terminal).
      for (const e of entries) {
        const who = `${e.operator}${e.role ? ` (${e.role})` : ''}`;
        process.stdout.write(`${e.seq}\t${iso(e.at)}\t${escapeControl(who)}\t${e.what}\tcase ${escapeControl(e.caseId ?? '-')}\t${e.reference ? `ref ${escapeControl(e.reference)}` : '-'}\t${escapeControl(e.detail ?? '')}\n`);
      }
      if (!entries.length) process.stdout.write('access log is empty\n');
      return 0;
    });
  },
};
export default command;
