/**
 * Who runs a command that the access log records (`vigie cases show`, `vigie evidence export`, `vigie console user …`):
 * the name, and the OS account that ran it when the name was given (VIGIE_OPERATOR). Pure: the environment and the
 * OS account are passed in.
 */
import { ConfigError } from '../contracts/errors.js';
import { escapeControl } from '../common/log-format.js';

type Env = Record<string, string | undefined>;

/** The longest operator name, in characters (code points): a console account name has at most 64 too. */
export const MAX_OPERATOR_LENGTH = 64;

/**
 * The operator of an access-log entry made on the command line. `osAccount`: the OS account that ran the command,
 * when the name came from VIGIE_OPERATOR (a name anyone can set: on a shared admin box the account keeps the entry
 * accountable); null when the name is the login name or the OS account itself.
 */
export interface Operator { name: string; osAccount: string | null }

/** Control characters (a newline, an escape), format characters (zero-width, bidi marks) and line separators. */
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

const WHO = 'VIGIE_OPERATOR (else USER, LOGNAME)';

/**
 * The person running a command, for the access log: VIGIE_OPERATOR, else the login name ($USER, $LOGNAME), else
 * (`fallback`: `vigie console user`) the OS account. Refused (ConfigError, exit 1), each with its reason:
 * - VIGIE_OPERATOR set to spaces only: it was meant to name someone, and falling back to the login name silently would
 *   log the shared account instead (an empty VIGIE_OPERATOR is unset, as in the shell);
 * - a name of more than MAX_OPERATOR_LENGTH characters;
 * - a control or invisible character (a newline, an escape, a zero-width space, a bidi override): `vigie audit
 *   access-log` prints the name, where it would forge lines, drive the terminal or pass for someone else.
 * `osAccount` is read only when VIGIE_OPERATOR names the operator (or when falling back to it).
 */
export function operatorFromEnv(env: Env, osAccount: () => string, fallback = false): Operator {
  const given = env.VIGIE_OPERATOR ?? '';
  if (given && !given.trim()) {
    throw new ConfigError(['VIGIE_OPERATOR has only spaces: set it to your name, or unset it to be named by your login name; reads of chat text, exports and account changes are written to the access log']);
  }
  const login = (env.USER || env.LOGNAME || '').trim();
  const name = given.trim() || login || (fallback ? osAccount().trim() : '');
  if (!name) throw new ConfigError(['VIGIE_OPERATOR: set it to your name (no USER or LOGNAME either): reads of chat text and exports are written to the access log']);
  if (HIDDEN.test(name)) throw new ConfigError([`${WHO}: '${escapeHidden(name)}' has a control character or an invisible one (a newline, a tab, an escape, a zero-width space, a bidi mark); give a plain name`]);
  const length = [...name].length;
  if (length > MAX_OPERATOR_LENGTH) throw new ConfigError([`${WHO}: ${length} characters, at most ${MAX_OPERATOR_LENGTH}; give a shorter name`]);
  return { name, osAccount: given.trim() ? osAccount().trim() || 'unknown' : null };
}

/** `s` with control and invisible characters written as escapes (\n, \u200b), for an error message. */
const escapeHidden = (s: string): string => escapeControl(s).replace(new RegExp(HIDDEN.source, 'gu'), (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);

/** The access-log detail with the OS account that ran the command, when VIGIE_OPERATOR named the operator: `vigie cases show; os account root`. */
export const withOsAccount = (detail: string, who: Operator): string => (who.osAccount === null ? detail : `${detail}${OS_ACCOUNT_SEP}${who.osAccount}`);

/** What withOsAccount appends before the account. */
export const OS_ACCOUNT_SEP = '; os account ';
