/**
 * Who runs a command that the access log records (`vigie cases show`, `vigie evidence export`, `vigie console user …`):
 * the name, and the OS account that ran it whenever the name is not that account (VIGIE_OPERATOR, or a $USER/$LOGNAME
 * that differs from it). Pure: the environment and the
 * OS account are passed in.
 */
import { ConfigError } from '../contracts/errors.js';
import { hasInvisible, INVISIBLE_EXAMPLES, showInvisible } from '../common/invisible.js';

type Env = Record<string, string | undefined>;

/** The longest operator name, in characters (code points): a console account name has at most 64 too. */
export const MAX_OPERATOR_LENGTH = 64;

/**
 * The operator of an access-log entry made on the command line. `osAccount`: the OS account that ran the command,
 * when the name came from VIGIE_OPERATOR, or from a $USER/$LOGNAME that is not that account (names anyone can set:
 * `USER=alice vigie cases show` on a shared admin box; the account keeps the entry accountable); null when the name is
 * the OS account itself.
 */
export interface Operator { name: string; osAccount: string | null }

const WHO = 'VIGIE_OPERATOR (else USER, LOGNAME)';

/**
 * The person running a command, for the access log: VIGIE_OPERATOR, else the login name ($USER, $LOGNAME), else
 * (`fallback`: `vigie console user`) the OS account. Refused (ConfigError, exit 1), each with its reason:
 * - VIGIE_OPERATOR set to spaces only: it was meant to name someone, and falling back to the login name silently would
 *   log the shared account instead (an empty VIGIE_OPERATOR is unset, as in the shell);
 * - a name of more than MAX_OPERATOR_LENGTH characters;
 * - a control or invisible character (common/invisible.ts: a newline, an escape, a zero-width space, a bidi override, a
 *   Hangul filler): `vigie audit access-log` prints the name, where it would forge lines, drive the terminal or pass
 *   for someone else (or for no one).
 * `osAccount` is read unless a login name is missing too and nothing falls back to it.
 */
export function operatorFromEnv(env: Env, osAccount: () => string, fallback = false): Operator {
  const given = env.VIGIE_OPERATOR ?? '';
  if (given && !given.trim()) {
    throw new ConfigError(['VIGIE_OPERATOR has only spaces: set it to your name, or unset it to be named by your login name; reads of chat text, exports and account changes are written to the access log']);
  }
  const login = (env.USER || env.LOGNAME || '').trim();
  const name = given.trim() || login || (fallback ? osAccount().trim() : '');
  if (!name) throw new ConfigError(['VIGIE_OPERATOR: set it to your name (no USER or LOGNAME either): reads of chat text and exports are written to the access log']);
  checkName(name, WHO);
  if (!given.trim() && !login) return { name, osAccount: null }; // the name is the OS account itself
  const account = osAccount().trim() || 'unknown';
  // A login name is set by whoever runs the command, as VIGIE_OPERATOR is: the OS account goes with it unless it is that account.
  return { name, osAccount: !given.trim() && account === name ? null : account };
}

/** Refuses (ConfigError) a name with a control or invisible character, or longer than MAX_OPERATOR_LENGTH; `who` says where it came from. */
function checkName(name: string, who: string): void {
  if (hasInvisible(name)) throw new ConfigError([`${who}: '${showInvisible(name)}' has a control character or an invisible one (a newline, a tab, an escape, ${INVISIBLE_EXAMPLES}); give a plain name`]);
  const length = [...name].length;
  if (length > MAX_OPERATOR_LENGTH) throw new ConfigError([`${who}: ${length} characters, at most ${MAX_OPERATOR_LENGTH}; give a shorter name`]);
}

/**
 * Who resolves a case on the command line (`vigie cases resolve --reviewer NAME`): the name given, else the operator
 * (operatorFromEnv: VIGIE_OPERATOR, else the login name, else the OS account), under the same rules: `vigie cases show`
 * prints it as stored (an escape there drove the next reader's terminal) and the console shows it.
 */
export function reviewerName(given: string | undefined, env: Env, osAccount: () => string): string {
  if (given === undefined) return operatorFromEnv(env, osAccount, true).name;
  const name = given.trim();
  if (!name) throw new ConfigError(['--reviewer: give a name (or leave it out: VIGIE_OPERATOR, else the login name)']);
  checkName(name, '--reviewer');
  return name;
}

/**
 * The access-log detail with the OS account that ran the command whenever the operator is not that account
 * (operatorFromEnv: named by VIGIE_OPERATOR, or by a $USER/$LOGNAME that differs from it): `vigie cases show; os account root`.
 */
export const withOsAccount = (detail: string, who: Operator): string => (who.osAccount === null ? detail : `${detail}${OS_ACCOUNT_SEP}${who.osAccount}`);

/** What withOsAccount appends before the account. */
export const OS_ACCOUNT_SEP = '; os account ';
