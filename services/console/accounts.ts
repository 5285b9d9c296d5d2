import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { VigieError } from '../contracts/errors.js';
import { num } from '../audit/row-mapping.js';
import type { SqlDb, SqlRunner } from '../audit/sql-db.js';

/**
 * Console accounts and what each role may do. Passwords are hashed with scrypt (node:crypto), with a
 * random salt per password, stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later.
 */
export const ROLES = ['moderator', 'investigator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a console user may do; an investigator sees IPs and exports evidence, a moderator does not. */
export type Permission = 'read' | 'decide' | 'enforce' | 'hold' | 'view-ips' | 'export' | 'accounts';

const GRANTS: Record<Role, Permission[]> = {
  moderator: ['read', 'decide', 'enforce'],
  investigator: ['read', 'decide', 'enforce', 'hold', 'view-ips', 'export'],
  admin: ['read', 'decide', 'enforce', 'hold', 'view-ips', 'export', 'accounts'],
};

export const can = (role: Role, p: Permission): boolean => GRANTS[role].includes(p);
export const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

export class AccountError extends VigieError {}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((res, rej) => scrypt(password, salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? rej(err) : res(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = await scryptAsync(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p), want.length);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Where an account was disabled: the command line (`vigie console user disable`) or the console's Accounts page. */
export type DisabledBy = 'cli' | 'console';

/** `disabledBy`: null while active, and for an account disabled before the store knew (origin unknown: the command line). */
export interface ConsoleUser { name: string; role: Role; disabled: boolean; disabledBy: DisabledBy | null; createdAt: number }

/** Why the console may not enable an account again: it was disabled on the command line (or before that was recorded), or it is an admin. */
export type EnableRefusal = 'cli' | 'admin';

/**
 * Whether the console's Accounts page may enable this disabled account again (null: it may). The command line is the
 * stronger hand: what it disabled (someone with shell access to the store decided) only it undoes, and an admin account,
 * made on the command line only, is enabled again there only, so a console admin cannot bring back another admin.
 */
export function consoleEnableRefusal(u: Pick<ConsoleUser, 'role' | 'disabledBy'>): EnableRefusal | null {
  if (u.disabledBy !== 'console') return 'cli';
  if (u.role === 'admin') return 'admin';
  return null;
}

/** The console refused to enable an account again (`why`: see consoleEnableRefusal). */
export class EnableRefused extends AccountError {
  constructor(readonly user: string, readonly why: EnableRefusal) { super(`user '${user}': enable it again on the command line`); }
}

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** True when `name` can be an account's name (1 to 64 of letters, digits, . _ @ -). */
export function isAccountName(name: string): boolean {
  return NAME.test(name);
}

/** A new account, checked and its password hashed (the scrypt work: done before any transaction, see insertUser). */
export interface NewUser { name: string; role: Role; passwordHash: string }

export async function newUser(name: string, role: string, password: string): Promise<NewUser> {
  if (!NAME.test(name)) throw new AccountError(`user name '${name}': 1 to 64 of letters, digits, . _ @ -`);
  if (!isRole(role)) throw new AccountError(`role '${role}': choose one of ${ROLES.join(', ')}`);
  if (password.length < 10) throw new AccountError('password: at least 10 characters');
  return { name, role, passwordHash: await hashPassword(password) };
}

/** Stores a newUser (no scrypt: cheap inside a transaction); AccountError when the name is taken. */
export async function insertUser(db: SqlRunner, u: NewUser, now: number): Promise<ConsoleUser> {
  const ins = await db.query(`INSERT INTO console_users (name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, 0, ?)
    ON CONFLICT (name) DO NOTHING RETURNING name`, [u.name, u.role, u.passwordHash, now]);
  if (!ins.length) throw new AccountError(`user '${u.name}' already exists`);
  return { name: u.name, role: u.role, disabled: false, disabledBy: null, createdAt: now };
}

export async function addUser(db: SqlRunner, name: string, role: string, password: string, now: number): Promise<ConsoleUser> {
  return insertUser(db, await newUser(name, role, password), now);
}

export async function listUsers(db: SqlDb): Promise<ConsoleUser[]> {
  const rows = await db.query('SELECT name, role, disabled, disabled_by, created_at FROM console_users ORDER BY name');
  return rows.map((r) => {
    const disabled = num(r.disabled) !== 0;
    return { name: String(r.name), role: String(r.role) as Role, disabled, disabledBy: disabled ? disabledByOf(r.disabled_by) : null, createdAt: num(r.created_at) };
  });
}

/** A stored `disabled_by`; anything else (NULL: disabled before it was recorded) counts as the command line. */
const disabledByOf = (v: unknown): DisabledBy => (v === 'console' ? 'console' : 'cli');

/**
 * Disables an account, recording who (`by`); false when it was already disabled (a stale page, a double click): nothing
 * changed, so the caller ends no session and logs no change. The command line takes over an account the console
 * disabled (true): from then on only the command line enables it again, as for one it disabled first. Throws
 * AccountError for an unknown name.
 */
export async function disableUser(db: SqlRunner, name: string, by: DisabledBy): Promise<boolean> {
  const r = await db.query('UPDATE console_users SET disabled = 1, disabled_by = ? WHERE name = ? AND disabled = 0 RETURNING name', [by, name]);
  if (r.length) return true;
  if (by === 'cli' && (await db.query("UPDATE console_users SET disabled_by = 'cli' WHERE name = ? AND disabled <> 0 AND disabled_by = 'console' RETURNING name", [name])).length) return true;
  await mustExist(db, name);
  return false;
}

/**
 * Enables a disabled account again (its password unchanged); false when it was active. From the console (`by`
 * 'console') only what consoleEnableRefusal allows, checked in the same UPDATE (no race with a disable on the command
 * line): else EnableRefused. The command line enables any account. Throws AccountError for an unknown name.
 */
export async function enableUser(db: SqlRunner, name: string, by: DisabledBy): Promise<boolean> {
  const allowed = by === 'cli' ? '' : " AND disabled_by = 'console' AND role <> 'admin'";
  const r = await db.query(`UPDATE console_users SET disabled = 0, disabled_by = NULL WHERE name = ? AND disabled <> 0${allowed} RETURNING name`, [name]);
  if (r.length) return true;
  const row = await mustExist(db, name);
  if (num(row.disabled) === 0) return false;
  throw new EnableRefused(name, consoleEnableRefusal({ role: String(row.role) as Role, disabledBy: disabledByOf(row.disabled_by) }) ?? 'cli');
}

/** The account's row with the columns `columns` (SQL list); AccountError when there is none. */
async function mustExist(db: SqlRunner, name: string, columns = 'role, disabled, disabled_by'): Promise<Record<string, unknown>> {
  const row = (await db.query(`SELECT ${columns} FROM console_users WHERE name = ?`, [name]))[0];
  if (!row) throw new AccountError(`no user '${name}'`);
  return row;
}

/**
 * What a session remembers of the password it was opened with: a digest of the stored hash (not the hash itself). A new
 * password, set on My password or on the command line (`vigie console user password`), ends the sessions opened before
 * it at their next request (accountActive).
 */
export const credentialOf = (passwordHash: string): string => createHash('sha256').update(passwordHash).digest('base64url');

/** The new password is the one the account already has: refused, nothing changed (a "reset" that changes nothing would end sessions for nothing and hide that the password stayed). */
export class PasswordUnchanged extends AccountError {
  constructor(readonly user: string) { super(`user '${user}': the new password is the current one; choose another (nothing changed)`); }
}

/** A new password for an account, checked and hashed (the scrypt work: done before any transaction, see storePassword). */
export interface NewPassword { name: string; passwordHash: string; replaces: string }

/**
 * Checks a new password (at least 10 characters, different from the current one: else PasswordUnchanged) and hashes it
 * (scrypt as `addUser`); the caller has checked the current one. AccountError for an unknown name.
 */
export async function newPassword(db: SqlRunner, name: string, password: string): Promise<NewPassword> {
  if (password.length < 10) throw new AccountError('password: at least 10 characters');
  const current = String((await mustExist(db, name, 'password_hash')).password_hash);
  if (await verifyPassword(password, current)) throw new PasswordUnchanged(name);
  return { name, passwordHash: await hashPassword(password), replaces: current };
}

/**
 * Stores a newPassword (no scrypt: cheap inside a transaction) if the account still has the password it replaces (else
 * AccountError: another change came first, nothing changed). Returns its credentialOf.
 */
export async function storePassword(db: SqlRunner, p: NewPassword): Promise<string> {
  const r = await db.query('UPDATE console_users SET password_hash = ? WHERE name = ? AND password_hash = ? RETURNING name', [p.passwordHash, p.name, p.replaces]);
  if (!r.length) throw new AccountError(`user '${p.name}': the password was changed meanwhile; try again (nothing changed)`);
  return credentialOf(p.passwordHash);
}

/** Sets a new password (newPassword, then storePassword). Returns its credentialOf. */
export async function setPassword(db: SqlRunner, name: string, password: string): Promise<string> {
  return storePassword(db, await newPassword(db, name, password));
}

/**
 * True while the account exists, is enabled and still has this role. Checked on every request with a
 * session, so `vigie console user disable` (another process) ends that user's sessions at once.
 */
export async function accountActive(db: SqlDb, name: string, role: Role, credential?: string): Promise<boolean> {
  const r = (await db.query('SELECT role, disabled, password_hash FROM console_users WHERE name = ?', [name]))[0];
  return r !== undefined && num(r.disabled) === 0 && String(r.role) === role
    && (credential === undefined || credentialOf(String(r.password_hash)) === credential);
}

/** The user if the password is right and the account enabled; else null (the same answer for every failure). */
export async function authenticate(db: SqlDb, name: string, password: string): Promise<(ConsoleUser & { credential: string }) | null> {
  const rows = await db.query('SELECT name, role, password_hash, disabled, created_at FROM console_users WHERE name = ?', [name]);
  const r = rows[0];
  // A missing user still costs one scrypt, so timing does not tell which names exist.
  const ok = await verifyPassword(password, r ? String(r.password_hash) : DUMMY_HASH);
  if (!r || !ok || num(r.disabled) !== 0) return null;
  return { name: String(r.name), role: String(r.role) as Role, disabled: false, disabledBy: null, createdAt: num(r.created_at),
    credential: credentialOf(String(r.password_hash)) };
}

const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;
