import { appendAccess, listAccess, type AccessEntry, type AccessIn } from '../audit/access-log.js';
import type { SqlDb } from '../audit/sql-db.js';
import { withOsAccount, type Operator } from '../audit/operator.js';
import { codePoint, invisibleIn } from '../common/invisible.js';
import { AccountError, disableUser, enableUser, insertUser, newPassword, newUser, storePassword, type DisabledBy } from './accounts.js';

/**
 * Account changes in the access log (`account-change`), whoever made them: the console's Accounts and My password pages,
 * and the command line (`vigie console user …`). The detail names the change and the account (`add NAME role ROLE`,
 * `disable NAME`, `enable NAME`, `password NAME`), never a password or a digest of one.
 */

/** The access log's operator for a change made on the command line: `cli:` and who ran it (cli/commands/console-user.ts: VIGIE_OPERATOR, else the login name, else the OS account). */
export const CLI_OPERATOR_PREFIX = 'cli:';
export const cliOperator = (who: string): string => `${CLI_OPERATOR_PREFIX}${who.trim() || 'unknown'}`;

/** Who ran the command of a `cli:` operator, or null for a console user. */
export const cliUserOf = (operator: string): string | null => (operator.startsWith(CLI_OPERATOR_PREFIX) ? operator.slice(CLI_OPERATOR_PREFIX.length) : null);

const accountEntry = (operator: string, role: string | null, detail: string): AccessIn => ({ operator, role, what: 'account-change', caseId: null, reference: null, detail });

/** The newest account changes first (the Accounts page shows them). */
export const recentAccountChanges = (db: SqlDb, limit = 50): Promise<AccessEntry[]> => listAccess(db, { what: 'account-change', limit });

export type AccountOp =
  | { verb: 'add'; name: string; role: string; password: string }
  | { verb: 'password'; name: string; password: string }
  | { verb: 'disable' | 'enable'; name: string };
export type CliAccountOp = AccountOp;

/**
 * Who makes a change: the access log's operator and role, and where (`from`: the console or the command line); `os`:
 * on the command line, the OS account that ran it whenever the operator is not that account (withOsAccount: the
 * detail ends with `; os account ACCOUNT`).
 */
export interface AccountChanger { operator: string; role: string | null; from: DisabledBy; os?: Operator }

/** What a change did: the access log's detail (null: nothing changed, nothing logged) and, for a new password, its credentialOf. */
export interface AccountChanged { detail: string | null; credential: string | null }

/**
 * One account change and its `account-change` entry in the access log, in ONE transaction: a failure writing the entry
 * (the store gone, the disk full) rolls the change back, so no change is ever unlogged. Nothing is logged when nothing
 * changed (already disabled or enabled). Errors (AccountError, PasswordUnchanged, EnableRefused) leave the store and the
 * log as they were.
 */
export async function applyAccountChange(db: SqlDb, op: AccountOp, by: AccountChanger, now: number): Promise<AccountChanged> {
  // The scrypt work (tens of ms) comes first, outside the transaction: on SQLite the console has one connection, and a
  // transaction left open across it took in any other request's write made meanwhile (a legal hold released, say),
  // rolled back with it when the change was then refused (a name taken, the current password again).
  const user = op.verb === 'add' ? await newUser(op.name, op.role, op.password) : null;
  const password = op.verb === 'password' ? await newPassword(db, op.name, op.password) : null;
  return db.transaction(async (tx) => {
    let detail: string | null;
    let credential: string | null = null;
    if (user) {
      const u = await insertUser(tx, user, now);
      detail = `add ${u.name} role ${u.role}`;
    } else if (password) {
      credential = await storePassword(tx, password);
      detail = `password ${op.name}`;
    } else {
      const changed = await (op.verb === 'disable' ? disableUser : enableUser)(tx, op.name, by.from);
      detail = changed ? `${op.verb} ${op.name}` : null;
    }
    if (detail !== null) await appendAccess(tx, db.dialect, accountEntry(by.operator, by.role, by.os ? withOsAccount(detail, by.os) : detail), now);
    return { detail, credential };
  });
}

/**
 * A joiner typed, not pasted: U+200D between two pictographs (emoji sequences: 👩‍💻, 👨‍👩‍👧), or U+200C/U+200D between two
 * letters or marks of a script whose keyboards type joiners (Arabic and Persian, Syriac, the Indic scripts, Khmer,
 * Myanmar). Between Latin letters a joiner is invisible and untypeable: refused.
 */
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
const JOINING_SCRIPT = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const typedJoiner = (s: string, at: number): boolean => {
  const c = s.charCodeAt(at);
  if (c !== 0x200c && c !== 0x200d) return false;
  const before = [...s.slice(0, at)].pop();
  const after = [...s.slice(at + 1)][0];
  if (before === undefined || after === undefined) return false;
  return (c === 0x200d && PICTOGRAPH.test(before) && PICTOGRAPH.test(after)) || (JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after));
};

/**
 * The first invisible character of a password (common/invisible.ts: pasted from a chat or a document it is invisible,
 * and the login compares exact bytes), or null. Not refused: an inner tab (whitespace like a space: refused at either
 * end only) and a typed joiner.
 */
function firstInvisible(s: string): string | null {
  for (const { char, index } of invisibleIn(s)) if (char !== '\t' && !typedJoiner(s, index)) return char;
  return null;
}

/**
 * Why the command line refuses a password (null: it does not): one that starts or ends with whitespace, or that has an
 * invisible character anywhere (firstInvisible; a joiner inside an emoji sequence or a Persian or Indic word is typed, not refused). The
 * login compares exact bytes, so `echo 'pw ' | vigie console user password
 * NAME` would set a password that the same password typed without the space no longer opens, and a zero-width space
 * pasted with it one that nobody can type: an easy lock-out.
 */
export function cliPasswordRefusal(password: string): string | null {
  // Invisible first: trim() also removes U+FEFF and U+2028 at either end, which "a space or tab" would misname.
  const hidden = firstInvisible(password);
  if (hidden !== null) return `password: it has an invisible character (${codePoint(hidden)}: a zero-width, format, bidirectional or control character or a blank letter, often pasted along), which the login would require typed exactly; remove it (nothing changed)`;
  return password !== password.trim()
    ? 'password: it starts or ends with a space or tab, which the login would require typed exactly; remove it (nothing changed)'
    : null;
}

/**
 * The password line of `vigie console user add|password`'s standard input (its first line, without the CR of a CRLF).
 * Bytes that are not UTF-8 (a Latin-1 file's `é`) are refused (AccountError), not stored as U+FFFD: a browser sends
 * UTF-8, so nobody could log in with that password.
 */
export function passwordLine(input: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  } catch {
    throw new AccountError('password: standard input is not UTF-8 text (a Latin-1 or Windows-1252 file?); convert it, e.g. `iconv -f latin1 -t utf-8` (nothing changed)');
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * One `vigie console user` change, applied and, when something changed, written to the access log under
 * `cli:<who>` (role null: the command line has no console role; the detail ending with the OS account whenever
 * `who` is not that account), in one transaction (applyAccountChange). Returns the change's detail (without the OS
 * account), or null when nothing changed. A password with leading or trailing whitespace, or an invisible character, is
 * refused (cliPasswordRefusal: AccountError). Errors leave the store and the log as they were.
 */
export async function applyCliAccountChange(db: SqlDb, op: CliAccountOp, who: Operator, now: number): Promise<string | null> {
  const refusal = op.verb === 'add' || op.verb === 'password' ? cliPasswordRefusal(op.password) : null;
  if (refusal) throw new AccountError(refusal);
  return (await applyAccountChange(db, op, { operator: cliOperator(who.name), role: null, from: 'cli', os: who }, now)).detail;
}
