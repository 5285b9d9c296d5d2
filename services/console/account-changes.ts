import { listAccess, logAccess, type AccessEntry } from '../audit/access-log.js';
import type { SqlDb } from '../audit/sql-db.js';
import { addUser, disableUser, enableUser, setPassword } from './accounts.js';

/**
 * Account changes in the access log (`account-change`), whoever made them: the console's Accounts and My password pages,
 * and the command line (`vigie console user …`). The detail names the change and the account (`add NAME role ROLE`,
 * `disable NAME`, `enable NAME`, `password NAME`), never a password or a digest of one.
 */

/** The access log's operator for a change made on the command line: `cli:` and the OS user who ran it. */
export const CLI_OPERATOR_PREFIX = 'cli:';
export const cliOperator = (osUser: string): string => `${CLI_OPERATOR_PREFIX}${osUser.trim() || 'unknown'}`;

/** The OS user of a `cli:` operator, or null for a console user. */
export const cliUserOf = (operator: string): string | null => (operator.startsWith(CLI_OPERATOR_PREFIX) ? operator.slice(CLI_OPERATOR_PREFIX.length) : null);

export async function recordAccountChange(db: SqlDb, operator: string, role: string | null, detail: string, now: number): Promise<void> {
  await logAccess(db, { operator, role, what: 'account-change', caseId: null, reference: null, detail }, now);
}

/** The newest account changes first (the Accounts page shows them). */
export const recentAccountChanges = (db: SqlDb, limit = 50): Promise<AccessEntry[]> => listAccess(db, { what: 'account-change', limit });

export type CliAccountOp =
  | { verb: 'add'; name: string; role: string; password: string }
  | { verb: 'password'; name: string; password: string }
  | { verb: 'disable' | 'enable'; name: string };

/**
 * One `vigie console user` change, applied and, when something changed, written to the access log under
 * `cli:<OS user>` (role null: the command line has no console role). Returns the logged detail, or null when nothing
 * changed (already disabled or enabled). Errors (AccountError, PasswordUnchanged) leave the store and the log as they were.
 */
export async function applyCliAccountChange(db: SqlDb, op: CliAccountOp, osUser: string, now: number): Promise<string | null> {
  let detail: string | null;
  if (op.verb === 'add') {
    const u = await addUser(db, op.name, op.role, op.password, now);
    detail = `add ${u.name} role ${u.role}`;
  } else if (op.verb === 'password') {
    await setPassword(db, op.name, op.password);
    detail = `password ${op.name}`;
  } else {
    const changed = await (op.verb === 'disable' ? disableUser : enableUser)(db, op.name, 'cli');
    detail = changed ? `${op.verb} ${op.name}` : null;
  }
  if (detail !== null) await recordAccountChange(db, cliOperator(osUser), null, detail, now);
  return detail;
}
