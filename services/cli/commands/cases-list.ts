import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, iso, withStore } from '../../audit/cli-support.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { listCases } from '../../audit/store-cases.js';
import type { CaseStatus, Priority } from '../../audit/types.js';

const help = `usage: vigie cases list [--status open|confirmed|dismissed] [--priority P0|P1|P2] [--limit N] [--json]

Lists escalation cases, most urgent first (P0 before P1 before P2, then oldest first).

options:
  --status S     only cases in this status (default: all)
  --priority P   only cases of this priority (default: all)
  --limit N      at most N cases (default 1000)
  --json         one JSON object per line

${STORE_ENV_HELP}`;

const STATUSES = ['open', 'confirmed', 'dismissed'];
const PRIORITIES = ['P0', 'P1', 'P2'];

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['status', 'priority', 'limit'], booleans: ['json'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (opts.status !== undefined && !STATUSES.includes(String(opts.status))) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    if (opts.priority !== undefined && !PRIORITIES.includes(String(opts.priority))) throw new UsageError(`--priority must be one of ${PRIORITIES.join(', ')}`);
    const limit = opts.limit === undefined ? 1000 : Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
    const log = cliLogger(process.env, 'cases-list');
    const cases = await withStore(process.env, log, (s) => listCases(s.db, {
      ...(opts.status ? { status: opts.status as CaseStatus } : {}), ...(opts.priority ? { priority: opts.priority as Priority } : {}), limit,
    }));
    for (const c of cases) {
      if (opts.json) process.stdout.write(`${JSON.stringify(c)}\n`);
      else process.stdout.write(`${c.caseId}\t${c.priority}\t${c.status}\t${c.category}\t${c.conversationId}\t${c.users.join(',')}\t${c.evidenceMessageIds.length} msgs\t${iso(c.createdAt)}\n`);
    }
    if (!cases.length && !opts.json) process.stdout.write('no cases\n');
    return 0;
  },
};
export default command;
