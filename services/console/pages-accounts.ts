import { consoleEnableRefusal, ROLES, type ConsoleUser } from './accounts.js';
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

/** The admin's accounts page: every account with its role and state, a form to add one, a button to disable one. */
export function accountsPage(ctx: PageCtx, users: ConsoleUser[]): string {
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
<table><thead><tr><th>${esc(t('username'))}</th><th>${esc(t('role'))}</th><th>${esc(t('state'))}</th><th>${esc(t('created'))}</th><th></th></tr></thead>
<tbody>${rows}</tbody></table>${add}`);
}
