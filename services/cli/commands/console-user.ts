import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, iso, osAccountName, withStore } from '../../audit/cli-support.js';
import { operatorFromEnv } from '../../audit/operator.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { EVENTS } from '../../common/events.js';
import { INVISIBLE_EXAMPLES } from '../../common/invisible.js';
import { listUsers, ROLES } from '../../console/accounts.js';
import { applyCliAccountChange, cliOperator, passwordLine, type CliAccountOp } from '../../console/account-changes.js';

const help = `usage: vigie console user add NAME --role ${ROLES.join('|')}   (password read from stdin, first line)
       vigie console user list [--json]
       vigie console user disable NAME
       vigie console user enable NAME
       vigie console user password NAME   (the new password read from stdin, first line)

Console accounts, kept in the audit store (passwords hashed with scrypt). A moderator works the queue
(decide, mute/suspend/lift); an investigator also sees IP addresses, places legal holds and downloads
evidence packages; an admin may do everything. Disabling ends the user's console sessions at their next
request. An account disabled here is enabled again here only (the console's Accounts page refuses it), and
so is an admin account, however it was disabled. A new password equal to the current one is refused
(nothing changed), and so is one that starts or ends with a space or tab, or that has an invisible character
anywhere (${INVISIBLE_EXAMPLES}; a joiner typed inside an emoji sequence or a Persian or Indic word is fine), or
that is not UTF-8: the login compares exact bytes, so \`echo 'pw ' | ...\` would set a password that 'pw' does not
open, and a zero-width space pasted along one that nobody can type. Every change made here is written to the
access log in the same transaction (\`account-change\`: add NAME role ROLE, disable NAME, enable NAME, password NAME;
operator \`cli:<who>\`, who = VIGIE_OPERATOR, else $USER or $LOGNAME, else the OS account: at most 64 characters, never a
control or invisible one, and VIGIE_OPERATOR of spaces only is refused; whenever who is not the OS account that ran
the command (VIGIE_OPERATOR, or a $USER/$LOGNAME that differs), the detail ends with \`; os account ACCOUNT\`; never
the password),
which the console's Accounts page shows with the console's own.

${STORE_ENV_HELP}`;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin as AsyncIterable<Buffer>) chunks.push(c);
  return passwordLine(Buffer.concat(chunks));
}

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['role'], booleans: ['json'] });
    const [verb, name, ...rest] = positionals;
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    const log = cliLogger(process.env, 'console-user');
    if (verb === 'list') {
      const users = await withStore(process.env, log, (s) => listUsers(s.db));
      if (opts.json) process.stdout.write(`${JSON.stringify(users)}\n`);
      else for (const u of users) process.stdout.write(`${u.name}\t${u.role}\t${u.disabled ? `disabled (${u.disabledBy === 'console' ? 'console' : 'command line'})` : 'active'}\tcreated ${iso(u.createdAt)}\n`);
      if (!users.length && !opts.json) process.stdout.write('no console users\n');
      return 0;
    }
    if (!name) throw new UsageError('give a user name');
    if (verb !== 'add' && verb !== 'password' && verb !== 'disable' && verb !== 'enable') throw new UsageError('choose one of: add, list, disable, enable, password');
    let op: CliAccountOp;
    if (verb === 'add') {
      if (typeof opts.role !== 'string') throw new UsageError(`--role is required (${ROLES.join(', ')})`);
      if (process.stdin.isTTY) process.stderr.write('password (one line, not echoed back by this command): ');
      op = { verb, name, role: opts.role, password: await readStdinLine() };
    } else if (verb === 'password') {
      if (process.stdin.isTTY) process.stderr.write('new password (one line, not echoed back by this command): ');
      op = { verb, name, password: await readStdinLine() };
    } else op = { verb, name };
    const who = operatorFromEnv(process.env, osAccountName, true);
    const detail = await withStore(process.env, log, (s) => applyCliAccountChange(s.db, op, who, Date.now()));
    if (detail !== null) log.info({ event: EVENTS.CONSOLE_ACCOUNT_CHANGE, operator: cliOperator(who.name), ...(who.osAccount === null ? {} : { osAccount: who.osAccount }), detail }, 'console account changed');
    process.stdout.write(`${doneText(op, detail !== null)}\n`);
    return 0;
  },
};

function doneText(op: CliAccountOp, changed: boolean): string {
  if (op.verb === 'add') return `console user ${op.name} added (${op.role})`;
  if (op.verb === 'password') return `console user ${op.name}: password set (their console sessions opened with the old one end at their next request)`;
  return `console user ${op.name} ${changed ? `${op.verb}d` : `was already ${op.verb}d: nothing changed`}`;
}
export default command;
