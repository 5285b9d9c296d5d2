import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, iso, withStore } from '../../audit/cli-support.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { addUser, disableUser, enableUser, listUsers, ROLES, setPassword } from '../../console/accounts.js';

const help = `usage: vigie console user add NAME --role ${ROLES.join('|')}   (password read from stdin, first line)
       vigie console user list [--json]
       vigie console user disable NAME
       vigie console user enable NAME
       vigie console user password NAME   (the new password read from stdin, first line)

Console accounts, kept in the audit store (passwords hashed with scrypt). A moderator works the queue
(decide, mute/suspend/lift); an investigator also sees IP addresses, places legal holds and downloads
evidence packages; an admin may do everything. Disabling ends the user's console sessions at their next
request. An account disabled here is enabled again here only (the console's Accounts page refuses it), and
so is an admin account, however it was disabled.

${STORE_ENV_HELP}`;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
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
    if (verb === 'add') {
      if (typeof opts.role !== 'string') throw new UsageError(`--role is required (${ROLES.join(', ')})`);
      const role = opts.role;
      if (process.stdin.isTTY) process.stderr.write('password (one line, not echoed back by this command): ');
      const password = await readStdinLine();
      const u = await withStore(process.env, log, (s) => addUser(s.db, name, role, password, Date.now()));
      process.stdout.write(`console user ${u.name} added (${u.role})\n`);
      return 0;
    }
    if (verb === 'password') {
      if (process.stdin.isTTY) process.stderr.write('new password (one line, not echoed back by this command): ');
      const password = await readStdinLine();
      await withStore(process.env, log, (s) => setPassword(s.db, name, password));
      process.stdout.write(`console user ${name}: password set (their console sessions opened with the old one end at their next request)\n`);
      return 0;
    }
    if (verb === 'disable' || verb === 'enable') {
      const changed = await withStore(process.env, log, (s) => (verb === 'disable' ? disableUser : enableUser)(s.db, name, 'cli'));
      process.stdout.write(`console user ${name} ${changed ? `${verb}d` : `was already ${verb}d: nothing changed`}\n`);
      return 0;
    }
    throw new UsageError('choose one of: add, list, disable, enable, password');
  },
};
export default command;
