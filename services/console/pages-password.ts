import { csrfField, esc, layout, type PageCtx } from './pages.js';

/**
 * "My password": any signed-in user changes their own password (the current one required; the new one, 10+ characters,
 * typed twice: the server refuses two that differ). The hidden
 * user name tells the browser's password manager whose password changes (Chromium warns on a form without one).
 */
export function passwordPage(ctx: PageCtx): string {
  const { t } = ctx;
  return layout(ctx, t('myPassword'), `<h1>${esc(t('myPassword'))}</h1>
<div class="card"><form method="post" action="/account/password">${csrfField(ctx.session!)}
<input type="text" name="username" value="${esc(ctx.session!.user)}" autocomplete="username" readonly hidden>
<label for="p-current">${esc(t('currentPassword'))}</label><input id="p-current" name="current" type="password" required autocomplete="current-password">
<label for="p-new">${esc(t('newPassword'))}</label><input id="p-new" name="password" type="password" minlength="10" required autocomplete="new-password">
<label for="p-repeat">${esc(t('repeatPassword'))}</label><input id="p-repeat" name="repeat" type="password" minlength="10" required autocomplete="new-password">
<p><button class="primary" type="submit">${esc(t('changePassword'))}</button></p></form></div>`);
}
