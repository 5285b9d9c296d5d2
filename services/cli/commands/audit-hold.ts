import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, iso, withStore } from '../../audit/cli-support.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { listHolds, placeHold, releaseHold } from '../../audit/store-retention.js';
import type { HoldKind } from '../../audit/types.js';

const help = `usage: vigie audit hold place   (--user ID | --conversation ID | --case ID) --reason TEXT
       vigie audit hold release (--user ID | --conversation ID | --case ID) --reason TEXT
       vigie audit hold list [--all]

A legal hold suspends retention deletion of every audit row it covers until it is released:
  --user ID           rows the user sent or received
  --conversation ID   rows of the conversation
  --case ID           rows of the case's conversation (hold the users too to cover their other conversations)
  --reason TEXT       required: the request or case reference
  --all               (list) include released holds

${STORE_ENV_HELP}`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['user', 'conversation', 'case', 'reason'], booleans: ['all'] });
    const verb = positionals[0];
    if (verb !== 'place' && verb !== 'release' && verb !== 'list') throw new UsageError('choose one of: place, release, list');
    const log = cliLogger(process.env, 'audit-hold');
    if (verb === 'list') {
      const holds = await withStore(process.env, log, (s) => listHolds(s.db, !opts.all));
      for (const h of holds) process.stdout.write(`${h.holdId}\t${h.kind}\t${h.target}\tplaced ${iso(h.placedAt)}\t${h.releasedAt ? `released ${iso(h.releasedAt)}` : 'active'}\t${h.reason}\n`);
      if (!holds.length) process.stdout.write('no legal holds\n');
      return 0;
    }
    const targets = (['user', 'conversation', 'case'] as const).filter((k) => typeof opts[k] === 'string');
    if (targets.length !== 1) throw new UsageError('give exactly one of --user, --conversation, --case');
    const kind: HoldKind = targets[0]!;
    const target = String(opts[kind]);
    if (typeof opts.reason !== 'string' || !opts.reason.trim()) throw new UsageError('--reason is required');
    const reason = opts.reason;
    const now = Date.now();
    if (verb === 'place') {
      const h = await withStore(process.env, log, (s) => placeHold(s.db, kind, target, reason, now));
      process.stdout.write(`legal hold ${h.holdId} active on ${kind} ${target} since ${iso(h.placedAt)}\n`);
    } else {
      const hs = await withStore(process.env, log, (s) => releaseHold(s.db, kind, target, reason, now));
      process.stdout.write(`released legal hold ${hs.map((h) => h.holdId).join(', ')} on ${kind} ${target}\n`);
    }
    return 0;
  },
};
export default command;
