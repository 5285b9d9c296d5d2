import type { AccessEntry } from '../audit/access-log.js';
import { consoleEnableRefusal, ROLES, type ConsoleUser } from './accounts.js';
import { cliUserOf } from './account-changes.js';
import { OS_ACCOUNT_SEP } from '../audit/operator.js';
import type { MsgKey, T } from './i18n.js';
import { csrfField, esc, layout, type PageCtx } from './pages.js';

/** The roles an admin may give from the console: a new admin stays a deliberate act on the command line. */
export const GRANTABLE_ROLES = ROLES.filter((r) => r !== 'admin');

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Disable (an active account) or enable again (a disabled one): a POST with the session's CSRF token. No Enable button for
 * an account only the command line may enable again (the server refuses it anyway): the cell says so instead.
 */
function accountButton(ctx: PageCtx, u: ConsoleUser): string {
  const { t } = ctx;
  if (u.disabled && consoleEnableRefusal(u)) return `<span class="muted">${esc(t('enableOnCli'))}</span>`;
  const [op, label, cls] = u.disabled ? ['enable', t('enable'), 'plain'] : ['disable', t('disable'), 'danger'];
  return `<form method="post" action="/admin/accounts">${csrfField(ctx.session!)}
<input type="hidden" name="op" value="${op}"><input type="hidden" name="name" value="${esc(u.name)}">
<button class="${cls}" type="submit" aria-label="${esc(`${label} ${u.name}`)}">${esc(label)}</button></form>`;
}

const CHANGE_KEYS: Record<string, MsgKey> = { add: 'changeAdd', disable: 'changeDisable', enable: 'changeEnable', password: 'changeNewPassword' };

/** An account-change detail: the change, and the OS account that ran it when VIGIE_OPERATOR named the operator (withOsAccount). */
const CHANGE = new RegExp(`^(add|disable|enable|password) (\\S+)(?: role (\\S+))?(?:${OS_ACCOUNT_SEP}(.+))?$`);

/** An access-log account change in the page's language (`disable mona` → « mona désactivé »); a detail of another form as stored. */
function changeText(t: T, detail: string | null): string {
  const m = CHANGE.exec(detail ?? '');
  return m ? t(CHANGE_KEYS[m[1]!]!, { user: m[2]!, role: m[3] ?? '' }) : (detail ?? '');
}

/**
 * Who made a change: a console user (with their role then), or the command line and who ran it (VIGIE_OPERATOR, else
 * the login or OS user), with the OS account that ran it when VIGIE_OPERATOR named them (« ligne de commande (opname,
 * compte système root) »).
 */
function changedBy(t: T, e: AccessEntry): string {
  const cli = cliUserOf(e.operator);
  const os = CHANGE.exec(e.detail ?? '')?.[4];
  if (cli === null) return `${e.operator}${e.role ? ` (${e.role})` : ''}`;
  return os ? t('byCliOs', { user: cli, os }) : t('byCli', { user: cli });
}

/** The latest account changes from the access log, the console's and the command line's together, newest first. */
function changesTable(t: T, changes: AccessEntry[]): string {
  const rows = changes.map((e) => `<tr><td>${esc(iso(e.at))}</td><td>${esc(changedBy(t, e))}</td><td>${esc(changeText(t, e.detail))}</td></tr>`).join('\n');
  return `<div class="card"><h2>${esc(t('accountChanges'))}</h2>${rows
    ? `<table id="account-changes"><thead><tr><th>${esc(t('changeWhen'))}</th><th>${esc(t('changeBy'))}</th><th>${esc(t('changeWhat'))}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="muted">${esc(t('noAccountChanges'))}</p>`}</div>`;
}

/** The admin's accounts page: every account with its role and state, a form to add one, a button to disable one, the latest changes. */
export function accountsPage(ctx: PageCtx, users: ConsoleUser[], changes: AccessEntry[]): string {
  const { t } = ctx;
  const s = ctx.session!;
  const rows = users.map((u) => `<tr><td>${esc(u.name)}</td><td>${esc(u.role)}</td><td>${esc(u.disabled ? t(u.disabledBy === 'console' ? 'disabledState' : 'disabledOnCli') : t('active'))}</td>
<td>${esc(iso(u.createdAt))}</td><td>${u.name === s.user ? '' : accountButton(ctx, u)}</td></tr>`).join('\n');
  const add = `<div class="card"><h2>${esc(t('addAccount'))}</h2><form method="post" action="/admin/accounts">${csrfField(s)}
<input type="hidden" name="op" value="add">
<label for="a-name">${esc(t('username'))}</label><input id="a-name" name="name" required maxlength="64" pattern="[A-Za-z0-9._@\\-]{1,64}" autocomplete="off">
<label for="a-role">${esc(t('role'))}</label><select id="a-role" name="role">${GRANTABLE_ROLES.map((r) => `<option value="${r}">${r}</option>`).join('')}</select>
<label for="a-password">${esc(t('passwordHint'))}</label><input id="a-password" name="password" type="password" minlength="10" required autocomplete="new-password">
<label for="a-repeat">${esc(t('passwordAgain'))}</label><input id="a-repeat" name="repeat" type="password" minlength="10" required autocomplete="new-password">
<p><button class="primary" type="submit">${esc(t('addAccount'))}</button></p></form></div>`;
  return layout(ctx, t('accounts'), `<h1>${esc(t('accounts'))}</h1>
<table id="accounts"><thead><tr><th>${esc(t('username'))}</th><th>${esc(t('role'))}</th><th>${esc(t('state'))}</th><th>${esc(t('created'))}</th><th></th></tr></thead>
<tbody>${rows}</tbody></table>${add}${changesTable(t, changes)}`);
}
