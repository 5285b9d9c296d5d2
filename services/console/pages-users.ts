import { can } from './accounts.js';
import type { MsgKey } from './i18n.js';
import { csrfField, esc, layout, type PageCtx } from './pages.js';
import type { UserSearch } from './user-search.js';

/** The form fields of a user search (also the evidence form's hidden fields): kept as typed, escaped. */
export interface UserQuery { user: string; from: string; to: string }

/**
 * "Find a user": user id and optional UTC days; the cases of the conversations the user's audited messages are in;
 * for investigators and admins the addresses the user sent from and the per-user evidence export for the period
 * (a POST carrying the CSRF token: the legal-request reference never travels in an address). `linkUntil`: when the
 * page's address (an opaque search link) stops working, UTC, said under the results.
 */
export function usersPage(ctx: PageCtx, q: UserQuery, found: UserSearch | null, linkUntil?: string): string {
  const { t } = ctx;
  const s = ctx.session!;
  const form = `<form class="filters" method="post" action="/users" role="search">${csrfField(s)}
<div><label for="u-user">${esc(t('userId'))}</label><input id="u-user" name="user" value="${esc(q.user)}" required></div>
<div><label for="u-from">${esc(t('periodFrom'))}</label><input id="u-from" name="from" type="date" value="${esc(q.from)}"></div>
<div><label for="u-to">${esc(t('periodTo'))}</label><input id="u-to" name="to" type="date" value="${esc(q.to)}"></div>
<button class="plain" type="submit">${esc(t('search'))}</button></form>`;
  let results = '';
  if (found && !found.messages) results = `<p>${esc(t('userNoRows', { user: found.user }))}</p>`;
  else if (found) {
    const rows = found.cases.map((c) => `<tr><td><span class="pri pri-${esc(c.priority)}">${esc(c.priority)}</span></td>
<td><a href="/cases/${esc(encodeURIComponent(c.caseId))}">${esc(c.caseId)}</a></td><td>${esc(c.category)}</td><td>${esc(t(c.status as MsgKey))}</td>
<td>${esc(c.conversationId)}</td><td>${esc(c.users.join(', '))}</td></tr>`).join('\n');
    const ips = can(s.role, 'view-ips')
      ? `<div class="card"><h2>${esc(t('ipsSeen'))}</h2><p>${found.ips.map((ip) => `<span class="ip">${esc(ip)}</span>`).join(', ') || esc(t('none'))}</p></div>`
      : `<p class="muted">${esc(t('ipHidden'))}</p>`;
    const exportForm = can(s.role, 'export') ? `<div class="card"><h2>${esc(t('exportUserEvidence'))}</h2>
<form method="post" action="/users/evidence.zip">${csrfField(s)}<input type="hidden" name="user" value="${esc(q.user)}">
<input type="hidden" name="from" value="${esc(q.from)}"><input type="hidden" name="to" value="${esc(q.to)}">
<label for="ref">${esc(t('reference'))}</label><input id="ref" name="reference" required>
<button class="plain" type="submit">${esc(t('download'))}</button></form></div>` : '';
    results = `<h2>${esc(t('userResults', { user: found.user, n: found.messages, c: found.cases.length }))}</h2>
<table><thead><tr><th>${esc(t('priority'))}</th><th>ID</th><th>${esc(t('category'))}</th><th>${esc(t('status'))}</th>
<th>${esc(t('conversation'))}</th><th>${esc(t('users'))}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="6">${esc(t('noCases'))}</td></tr>`}</tbody></table>${ips}${exportForm}`;
  }
  const until = found && linkUntil ? `<p class="muted">${esc(t('searchLinkValid', { until: linkUntil }))}</p>` : '';
  return layout(ctx, t('userSearch'), `<h1>${esc(t('userSearch'))}</h1>${form}${results}${until}`);
}
