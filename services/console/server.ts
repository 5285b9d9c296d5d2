import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '../common/logger.js';
import { EVENTS } from '../common/events.js';
import { HTTP_MAX_CONNECTIONS_PER_ADDRESS, SlotsPerKey } from '../common/http-limits.js';
import { VigieError } from '../contracts/errors.js';
import type { Category } from '../contracts/taxonomy.js';
import { logAccess } from '../audit/access-log.js';
import { CaseError, getCase, resolveCase } from '../audit/store-cases.js';
import { describePeriod, type EvidencePeriod } from '../audit/evidence-period.js';
import { placeHold, releaseHold } from '../audit/store-retention.js';
import type { AuditStore } from '../audit/store.js';
import type { CaseStatus, Priority } from '../audit/types.js';
import { AccountError, accountActive, authenticate, can, EnableRefused, listUsers, PasswordUnchanged, type Permission } from './accounts.js';
import { applyAccountChange, recentAccountChanges } from './account-changes.js';
import { CSS, JS } from './assets.js';
import { addressKey, clientAddress, loggedName, loginKeys } from './client-address.js';
import { consoleServer, SECURITY_HEADERS, trustedProxyCheck } from './http-server.js';
import { loadCaseView } from './case-view.js';
import { evidenceZip, formPeriod } from './evidence-download.js';
import { pickLang, translator, type MsgKey } from './i18n.js';
import { returnTo } from './return-to.js';
import { sanctionDuration, spanText } from './format.js';
import type { CompiledConsoleOptions } from './options.js';
import { casePage, loginPage, messagePage, queuePage, type PageCtx } from './pages.js';
import { accountsPage, GRANTABLE_ROLES } from './pages-accounts.js';
import { passwordPage } from './pages-password.js';
import { usersPage, type UserQuery } from './pages-users.js';
import { ACTION_CONFIRM_MS, confirmedWithin, sendCertainlyFailed, sendFailureText, type ConsolePublisher } from './publisher.js';
import { categories, decodeCursor, openCounts, queuePage as readQueue } from './queue.js';
import { LoginLimiter } from './rate-limit.js';
import { csrfOk, parseCookies, SESSION_COOKIE, sessionCookie, SessionStore, type Session } from './sessions.js';
import { SearchLinks } from './search-links.js';
import { searchUser } from './user-search.js';

export interface ConsoleDeps {
  store: AuditStore;
  opts: CompiledConsoleOptions;
  log: Logger;
  publisher: ConsolePublisher;
  now?: () => number;
  /** How long a sanction waits for the broker's confirmation before 503 "it may have been applied" (default ACTION_CONFIRM_MS). */
  actionConfirmMs?: number;
}

const LOGIN_CSRF = 'vigie_login_csrf';
const LANG_COOKIE = 'vigie_lang';
const NOTICES = new Set<MsgKey>(['feedbackSent', 'feedbackPending', 'actionSent']);
const ACCOUNT_NOTICES = new Set<MsgKey>(['accountAdded', 'accountDisabled', 'accountEnabled', 'accountUnchanged']);
const HTTP_MESSAGES = new Set<MsgKey>(['csrf', 'forbidden', 'reasonRequired', 'referenceRequired', 'durationInvalid', 'durationTooShort', 'durationTooLong', 'actionNotSent', 'actionUnconfirmed', 'notFound',
  'userRequired', 'periodInvalid', 'userFilterUnsupported', 'disableSelf', 'noAccount', 'userInAddress']);
/** A platform user id as typed into the search (ids come from the input: any text, bounded). */
const MAX_USER_ID = 200;

/** A value recomputed when older than `ttlMs` (concurrent callers share one computation). */
class Cached<T> {
  private value: Promise<T> | null = null;
  private at = 0;
  constructor(private readonly ttlMs: number, private readonly now: () => number) {}
  get(compute: () => Promise<T>): Promise<T> {
    if (!this.value || this.now() - this.at >= this.ttlMs) {
      this.at = this.now();
      this.value = compute();
      this.value.catch(() => { this.value = null; });
    }
    return this.value;
  }
  /** Read again on the next get: after a change this process made (a decision), the cached value is known stale. */
  invalidate(): void { this.value = null; }
}

/** The period as the access log's detail says it: ` from <from|-> to <to|->`, or nothing without a period. */
function periodDetail(p: EvidencePeriod | null): string {
  const shown = describePeriod(p);
  return shown ? ` from ${shown.from ?? '-'} to ${shown.to ?? '-'}` : '';
}

/** The login page's address for a return path already checked by returnTo (none for the queue, where the login goes anyway). */
const loginAddress = (next: string): string => (next === '/cases' ? '/login' : `/login?next=${encodeURIComponent(next)}`);

class HttpError extends Error { constructor(readonly status: number, message: string) { super(message); } }

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > 64 * 1024) throw new HttpError(413, 'form too large');
      chunks.push(c);
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    // The client went away or was cut off (request timeout, 408 already sent): its doing, not a server error to log.
    throw new HttpError(408, 'aborted');
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The console's HTTP server with its handler (consoleHandler). */
export function createConsole(deps: ConsoleDeps): { server: Server; sessions: SessionStore; limiter: LoginLimiter } {
  const { handler, sessions, limiter } = consoleHandler(deps);
  return { server: consoleServer(deps.opts, handler), sessions, limiter };
}

/** The console's HTTP handler: routing, sessions, CSRF, roles; pages in pages.ts, reads in queue.ts and case-view.ts. */
export function consoleHandler(deps: ConsoleDeps): { handler: RequestListener; sessions: SessionStore; limiter: LoginLimiter } {
  const { store, opts, log, publisher } = deps;
  const now = deps.now ?? Date.now;
  const sessions = new SessionStore(opts.sessionTtlMs);
  const limiter = new LoginLimiter(opts.loginMaxFailures, opts.loginWindowMs);
  // Reverse proxies whose X-Forwarded-For is believed (none by default), compiled by compileConsoleOptions.
  const trusted = opts.trusted;
  const viaTrustedProxy = trustedProxyCheck(trusted);
  // Requests in progress per client (address key) that came through a trusted proxy: the proxy's connections are
  // not capped per address, so each client behind it gets the share a direct client gets.
  const inFlight = new SlotsPerKey(HTTP_MAX_CONNECTIONS_PER_ADDRESS);
  // Cookies are Secure when the browser talks HTTPS: TLS served here, or by the proxy in front (VIGIE_CONSOLE_TLS_PROXY).
  const secure = opts.tls !== null || opts.tlsProxy;
  // The queue header's counts and the category list are read at most every few seconds, not on every page.
  const headerCounts = new Cached<Record<string, number>>(opts.headerCacheMs, now);
  const categoryList = new Cached<string[]>(60_000, now);
  // User searches behind opaque links (the searched id never in an address): kept as long as a session lives.
  const searchLinks = new SearchLinks<UserQuery>(opts.sessionTtlMs);

  // The Accounts page: the accounts, and the latest account changes from the access log (console and command line).
  const accountsView = async (ctx: PageCtx): Promise<string> => {
    const [users, changes] = await Promise.all([listUsers(store.db), recentAccountChanges(store.db)]);
    return accountsPage(ctx, users, changes);
  };

  async function handle(req: IncomingMessage, res: ServerResponse, client: string): Promise<void> {
    const t0 = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://console');
    const cookies = parseCookies(req.headers.cookie);
    const setCookies: string[] = [];
    const langParam = url.searchParams.get('lang');
    if (langParam === 'en' || langParam === 'fr') {
      setCookies.push(`${LANG_COOKIE}=${langParam}; Path=/; SameSite=Strict; Max-Age=31536000${secure ? '; Secure' : ''}`);
    }
    const lang = pickLang(langParam ?? cookies[LANG_COOKIE], req.headers['accept-language']);
    const t = translator(lang);
    let session = sessions.get(cookies[SESSION_COOKIE], now());
    const path = url.pathname;
    const ctx: PageCtx = { t, lang, session, path: `${path}${url.search}` };

    const send = (status: number, body: string | Buffer, type = 'text/html; charset=utf-8', extra: Record<string, string> = {}) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Server-Timing': `app;dur=${ms.toFixed(2)}`,
        ...(setCookies.length ? { 'Set-Cookie': setCookies } : {}), ...extra });
      res.end(body);
    };
    const redirect = (to: string) => send(303, '', 'text/plain', { Location: to });
    // After a change: back to `to` with `?notice=KEY`; the names the notice shows are kept in the session (Session.notice).
    const redirectNotice = (s: Session, to: string, key: MsgKey, vars: Record<string, string> = {}) => {
      s.notice = { key, path: to, vars };
      redirect(`${to}?notice=${key}`);
    };
    // The notice `?notice=KEY` asks for, with its names when this session made that change (else none: a copied address).
    const noticeVars = (allowed: Set<MsgKey>): { key: MsgKey; vars: Record<string, string> } | null => {
      const key = url.searchParams.get('notice') as MsgKey | null;
      if (!key || !allowed.has(key)) return null;
      const mine = session?.notice?.key === key && session.notice.path === path;
      return { key, vars: mine ? session!.notice!.vars : {} };
    };
    const fail = (status: number, key: MsgKey) => send(status, messagePage(ctx, String(status), t(key)));
    const need = (p: Permission): Session => {
      if (!session) throw new HttpError(401, 'login');
      if (!can(session.role, p)) throw new HttpError(403, 'forbidden');
      return session;
    };
    const checkCsrf = (s: Session, form: URLSearchParams) => { if (!csrfOk(s, form.get('csrf') ?? undefined)) throw new HttpError(403, 'csrf'); };

    try {
      if (session && !(await accountActive(store.db, session.user, session.role, session.credential))) {
        sessions.destroyUser(session.user);
        session = null;
        ctx.session = null;
      }
      if (path === '/healthz') { send(200, (await store.ping()) ? 'ok\n' : 'store unavailable\n', 'text/plain'); return; }
      if (path === '/assets/console.css') { send(200, CSS, 'text/css; charset=utf-8', { 'Cache-Control': 'max-age=3600' }); return; }
      if (path === '/assets/console.js') { send(200, JS, 'text/javascript; charset=utf-8', { 'Cache-Control': 'max-age=3600' }); return; }
      if (path === '/login' && req.method === 'GET') {
        // A return path with more than returnTo keeps (a hand-made or old `?next=/users?user=ID`) is answered by a redirect to
        // the cleaned address: the browser's history and the language link keep no user id.
        const raw = url.searchParams.get('next');
        const next = returnTo(raw);
        const clean = loginAddress(next);
        // Compared decoded, not as written: the address is no canonical form (a browser and the URL parser write `'` as %27 in
        // a query, encodeURIComponent does not), and comparing it as written redirected such an address to itself for ever.
        const onlyNext = url.searchParams.getAll('next').length === 1 && [...url.searchParams.keys()].every((k) => k === 'next');
        if (raw !== null && (raw !== next || !onlyNext)) { redirect(clean); return; }
        const token = randomBytes(24).toString('base64url');
        setCookies.push(`${LOGIN_CSRF}=${token}; Path=/login; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`);
        send(200, loginPage(ctx, null, token, next));
        return;
      }
      if (path === '/login' && req.method === 'POST') {
        const form = await readForm(req);
        // Before a session exists, the form's token must match the cookie the login page set (double submit).
        const sent = form.get('csrf');
        if (!sent || sent !== cookies[LOGIN_CSRF]) throw new HttpError(403, 'csrf');
        const token = randomBytes(24).toString('base64url');
        setCookies.push(`${LOGIN_CSRF}=${token}; Path=/login; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`);
        const name = (form.get('username') ?? '').trim();
        const next = returnTo(form.get('next'));
        // The client address: the TCP peer, or behind a trusted proxy its X-Forwarded-For; IPv6 by /64.
        const keys = loginKeys(name, client);
        // Checked and counted in one step, before the password check: parallel guesses cannot all pass the check.
        const at = now();
        const wait = limiter.attempt(keys, at);
        if (wait > 0) {
          log.warn({ user: loggedName(name) }, 'console login refused: rate limited');
          const s = Math.ceil(wait / 1000);
          send(429, loginPage(ctx, t('loginLimited', { wait: spanText(t, s * 1000) }), token, next), 'text/html; charset=utf-8', { 'Retry-After': String(s) });
          return;
        }
        const user = await authenticate(store.db, name, form.get('password') ?? '');
        if (!user) {
          log.warn({ user: loggedName(name) }, 'console login failed');
          send(401, loginPage(ctx, t('loginFailed'), token, next));
          return;
        }
        limiter.succeeded(keys, at);
        const s = sessions.create(user.name, user.role, now(), user.credential);
        setCookies.push(sessionCookie(s.id, secure, Math.floor(opts.sessionTtlMs / 1000)));
        log.info({ user: user.name, role: user.role }, 'console login');
        // Back to the page opened without a session (a colleague's search link, a bookmarked case), else the queue.
        redirect(next);
        return;
      }
      if (path === '/logout' && req.method === 'POST') {
        const form = await readForm(req);
        if (session) { checkCsrf(session, form); sessions.destroy(session.id); }
        setCookies.push(sessionCookie('', secure, 0));
        redirect('/login');
        return;
      }
      if (!session) {
        // The page asked for comes back after the login (`next`, checked by returnTo): a shared search link survives it.
        if (req.method === 'GET') { redirect(loginAddress(returnTo(`${path}${url.search}`))); return; }
        throw new HttpError(403, 'forbidden');
      }
      if (path === '/' && req.method === 'GET') { redirect('/cases'); return; }
      if (path === '/cases' && req.method === 'GET') {
        need('read');
        // The queue has no user filter: answering the whole queue to `?user=` (as before) looked like a search that found everything.
        if (url.searchParams.has('user')) throw new HttpError(400, 'userFilterUnsupported');
        const st = url.searchParams.get('status') ?? 'open';
        const pr = url.searchParams.get('priority');
        const status = (['open', 'confirmed', 'dismissed', 'all'].includes(st) ? st : 'open') as CaseStatus | 'all';
        const priority = (['P0', 'P1', 'P2'].includes(pr ?? '') ? pr : null) as Priority | null;
        const f = { status, priority, category: url.searchParams.get('category') || null };
        const [page, counts, cats] = await Promise.all([readQueue(store.db, f, decodeCursor(url.searchParams.get('after')), opts.pageSize),
          headerCounts.get(() => openCounts(store.db)), categoryList.get(() => categories(store.db))]);
        send(200, queuePage(ctx, opts, f, cats, counts, page.cases, page.next, now()));
        return;
      }
      // The evidence downloads are POSTs (CSRF token, reference in the body): a GET would put the legal-request
      // reference in the address, where browser history and proxy access logs keep it.
      if (/^\/(cases\/[^/]+|users)\/evidence\.zip$/.test(path) && req.method !== 'POST') {
        send(405, messagePage(ctx, '405', t('evidenceGet')), 'text/html; charset=utf-8', { Allow: 'POST' });
        return;
      }
      // The search is a POST (CSRF; the user id in the body) answered by a redirect to an opaque link, `/users?q=TOKEN`:
      // the id stays out of addresses (proxy logs, browser history), the link can be shared with a colleague.
      if (path === '/users' && req.method === 'POST') {
        const s = need('read');
        const form = await readForm(req);
        checkCsrf(s, form);
        const q = { user: (form.get('user') ?? '').trim().slice(0, MAX_USER_ID), from: form.get('from') ?? '', to: form.get('to') ?? '' };
        if (!q.user) throw new HttpError(400, 'userRequired');
        if (formPeriod(form) === 'invalid') throw new HttpError(400, 'periodInvalid');
        redirect(`/users?q=${searchLinks.put(q, now())}`);
        return;
      }
      if (path === '/users' && req.method === 'GET') {
        const s = need('read');
        // An id in the address (an old bookmark, a hand-made link) is not searched: the form posts it.
        if (url.searchParams.has('user')) throw new HttpError(400, 'userInAddress');
        const token = url.searchParams.get('q');
        const link = token ? searchLinks.get(token, now()) : null;
        if (!link) {
          if (token) ctx.notice = { text: t('searchExpired', { span: spanText(t, opts.sessionTtlMs) }), error: true };
          send(token ? 404 : 200, usersPage(ctx, { user: '', from: '', to: '' }, null));
          return;
        }
        const q = link.q;
        const period = formPeriod(new URLSearchParams({ from: q.from, to: q.to }));
        if (period === 'invalid') throw new HttpError(400, 'periodInvalid');
        const withIps = can(s.role, 'view-ips');
        const found = await searchUser(store.db, q.user, period, withIps);
        await logAccess(store.db, { operator: s.user, role: s.role, what: 'search-user', caseId: null, reference: null,
          detail: `console user ${q.user}${periodDetail(period)}${withIps ? ' (with IPs)' : ''}` }, now());
        send(200, usersPage(ctx, q, found, new Date(link.expiresAt).toISOString().slice(0, 16).replace('T', ' ')));
        return;
      }
      if (path === '/account/password') {
        const s = session;
        if (req.method === 'GET') {
          if (url.searchParams.get('notice') === 'passwordChanged') ctx.notice = { text: t('passwordChanged') };
          send(200, passwordPage(ctx));
          return;
        }
        if (req.method !== 'POST') { fail(405, 'notFound'); return; }
        const form = await readForm(req);
        checkCsrf(s, form);
        // Counted like logins (same limiter, same keys): a stolen session cannot guess the password faster than a login can.
        const refuse = (status: number, text: string, why: string, extra: Record<string, string> = {}) => {
          log.warn({ event: EVENTS.CONSOLE_PASSWORD_CHANGE_FAILED, user: s.user, why }, 'console password change refused');
          ctx.notice = { text, error: true };
          send(status, passwordPage(ctx), 'text/html; charset=utf-8', extra);
        };
        // The new password typed twice: a typo would lock the user out (then only `vigie console user password NAME` on the
        // command line helps). Checked first: a mismatch costs no password check and no attempt of the login limiter.
        if ((form.get('password') ?? '') !== (form.get('repeat') ?? '')) { refuse(400, t('passwordMismatch'), 'new passwords differ'); return; }
        const keys = loginKeys(s.user, client);
        const at = now();
        const wait = limiter.attempt(keys, at);
        if (wait > 0) { const sec = Math.ceil(wait / 1000); refuse(429, t('passwordLimited', { wait: spanText(t, sec * 1000) }), 'rate limited', { 'Retry-After': String(sec) }); return; }
        if (!(await authenticate(store.db, s.user, form.get('current') ?? ''))) { refuse(401, t('passwordWrong'), 'wrong current password'); return; }
        limiter.succeeded(keys, at);
        let credential: string;
        try {
          // The new password and its access-log entry: one transaction (no unlogged change).
          const r = await applyAccountChange(store.db, { verb: 'password', name: s.user, password: form.get('password') ?? '' },
            { operator: s.user, role: s.role, from: 'console' }, now());
          credential = r.credential!;
        } catch (err) {
          if (err instanceof PasswordUnchanged) { refuse(400, t('passwordSame'), 'new password same as current'); return; }
          if (!(err instanceof AccountError)) throw err;
          refuse(400, t('passwordInvalid', { why: err.message }), 'new password invalid');
          return;
        }
        // Every session of the user ends, this one too: the browser the change was made in gets a new session (new id,
        // new CSRF token). Keeping the old id would keep alive a copy of this session cookie taken before the change.
        sessions.destroyUser(s.user);
        const fresh = sessions.create(s.user, s.role, now(), credential);
        setCookies.push(sessionCookie(fresh.id, secure, Math.floor(opts.sessionTtlMs / 1000)));
        log.info({ event: EVENTS.CONSOLE_PASSWORD_CHANGED, user: s.user }, 'console password changed');
        redirect('/account/password?notice=passwordChanged');
        return;
      }
      if (path === '/users/evidence.zip') {
        const s = need('export');
        const form = await readForm(req);
        checkCsrf(s, form);
        const reference = (form.get('reference') ?? '').trim();
        if (!reference) throw new HttpError(400, 'referenceRequired');
        const user = (form.get('user') ?? '').trim();
        if (!user || user.length > MAX_USER_ID) throw new HttpError(400, 'userRequired');
        const period = formPeriod(form);
        if (period === 'invalid') throw new HttpError(400, 'periodInvalid');
        const { filename, zip } = await evidenceZip(store, { userId: user }, period, now(), `user-${user}`);
        await logAccess(store.db, { operator: s.user, role: s.role, what: 'export-evidence', caseId: null, reference,
          detail: `console evidence.zip user ${user}${periodDetail(period)}` }, now());
        send(200, zip, 'application/zip', { 'Content-Disposition': `attachment; filename="${filename}"` });
        return;
      }
      if (path === '/admin/accounts') {
        const s = need('accounts');
        if (req.method === 'GET') {
          const n = noticeVars(ACCOUNT_NOTICES);
          ctx.notice = n && n.vars.user ? { text: t(n.key, n.vars) } : null;
          send(200, await accountsView(ctx));
          return;
        }
        if (req.method !== 'POST') { fail(405, 'notFound'); return; }
        const form = await readForm(req);
        checkCsrf(s, form);
        const name = (form.get('name') ?? '').trim();
        // Each change and its access-log entry: one transaction (applyAccountChange); then the log line.
        const by = { operator: s.user, role: s.role, from: 'console' } as const;
        const changed = (detail: string) => log.info({ event: EVENTS.CONSOLE_ACCOUNT_CHANGE, operator: s.user, detail }, 'console account changed');
        if (form.get('op') === 'add') {
          const role = form.get('role') ?? '';
          try {
            if (!(GRANTABLE_ROLES as readonly string[]).includes(role)) throw new AccountError(`role '${role}': choose one of ${GRANTABLE_ROLES.join(', ')}`);
            // Typed twice, as on My password: the admin gives out what they meant to type, and the console cannot reset it.
            if ((form.get('password') ?? '') !== (form.get('repeat') ?? '')) throw new AccountError(t('passwordsDiffer'));
            changed((await applyAccountChange(store.db, { verb: 'add', name, role, password: form.get('password') ?? '' }, by, now())).detail!);
          } catch (err) {
            if (!(err instanceof AccountError)) throw err;
            ctx.notice = { text: t('accountInvalid', { why: err.message }), error: true };
            send(400, await accountsView(ctx));
            return;
          }
          redirectNotice(s, '/admin/accounts', 'accountAdded', { user: name, role });
          return;
        }
        const op = form.get('op');
        if (op === 'disable' || op === 'enable') {
          if (op === 'disable' && name === s.user) throw new HttpError(400, 'disableSelf');
          let detail: string | null;
          try { detail = (await applyAccountChange(store.db, { verb: op, name }, by, now())).detail; } catch (err) {
            // Disabled on the command line, or an admin account: only the command line enables it again (accounts.ts says why).
            if (err instanceof EnableRefused) {
              log.warn({ event: EVENTS.CONSOLE_ACCOUNT_CHANGE_REFUSED, operator: s.user, detail: `enable ${name}`, why: err.why }, 'console account change refused');
              ctx.notice = { text: t(err.why === 'admin' ? 'enableAdminCli' : 'enableDisabledOnCli', { user: name }), error: true };
              send(409, await accountsView(ctx));
              return;
            }
            if (err instanceof AccountError) throw new HttpError(404, 'noAccount');
            throw err;
          }
          // Already so (a stale page, a double click): nothing changed, no session ends, no change is logged.
          if (detail === null) { redirectNotice(s, '/admin/accounts', 'accountUnchanged', { user: name }); return; }
          // Disabling ends the account's sessions; enabling again does too: a session it had before stays dead (disabled
          // from the command line, this process may still hold it until its next request).
          sessions.destroyUser(name);
          changed(detail);
          redirectNotice(s, '/admin/accounts', op === 'disable' ? 'accountDisabled' : 'accountEnabled', { user: name });
          return;
        }
        fail(400, 'notFound');
        return;
      }
      const m = /^\/cases\/([^/]+)(\/resolve|\/hold|\/enforce|\/evidence\.zip)?$/.exec(path);
      if (!m) { fail(404, 'notFound'); return; }
      const caseId = decodeURIComponent(m[1]!);
      const back = `/cases/${encodeURIComponent(caseId)}`;
      const sub = m[2] ?? '';
      if (sub === '' && req.method === 'GET') {
        const s = need('read');
        const v = await loadCaseView(store.db, caseId, now());
        if (!v) { fail(404, 'notFound'); return; }
        // Every view of chat text is logged, before the text leaves.
        const detail = `console${can(s.role, 'view-ips') ? ' (with IPs)' : ''}`;
        await logAccess(store.db, { operator: s.user, role: s.role, what: 'view-case', caseId, reference: null, detail }, now());
        const n = noticeVars(NOTICES);
        const topic = n?.key === 'actionSent' ? publisher.topics.actions : publisher.topics.feedback;
        // The action notice names who (kept in the session, not the address): a copied address shows no notice.
        ctx.notice = n && (n.key !== 'actionSent' || n.vars.user) ? { text: t(n.key, { ...n.vars, topic }) } : null;
        // After a decision: the most urgent open case left, offered as the next one.
        const decided = n?.key === 'feedbackSent' || n?.key === 'feedbackPending';
        const nextCase = decided ? ((await readQueue(store.db, { status: 'open', priority: null, category: null }, null, 1)).cases[0]?.caseId ?? null) : undefined;
        send(200, casePage(ctx, opts, v, now(), nextCase));
        return;
      }
      if (req.method !== 'POST') { fail(405, 'notFound'); return; }
      const form = await readForm(req);
      checkCsrf(session, form);
      if (sub === '/evidence.zip') {
        const s = need('export');
        const reference = (form.get('reference') ?? '').trim();
        if (!reference) throw new HttpError(400, 'referenceRequired');
        // The request's period, as UTC days from the form's date fields (empty = open on that side).
        const period = formPeriod(form);
        if (period === 'invalid') throw new HttpError(400, 'periodInvalid');
        if (!(await getCase(store.db, caseId))) { fail(404, 'notFound'); return; }
        const { filename, zip } = await evidenceZip(store, { caseId }, period, now(), caseId);
        await logAccess(store.db, { operator: s.user, role: s.role, what: 'export-evidence', caseId, reference,
          detail: `console evidence.zip${periodDetail(period)}` }, now());
        send(200, zip, 'application/zip', { 'Content-Disposition': `attachment; filename="${filename}"` });
        return;
      }
      if (sub === '/resolve') {
        const s = need('decide');
        const decision = form.get('decision');
        const reason = (form.get('reason') ?? '').trim();
        if ((decision !== 'confirmed' && decision !== 'dismissed') || !reason) throw new HttpError(400, 'reasonRequired');
        await resolveCase(store.db, caseId, decision, reason, s.user, now());
        // The queue the moderator goes back to must not count the case just decided as open (the 5 s cache did).
        headerCounts.invalidate();
        let notice: MsgKey = 'feedbackSent';
        try { await publisher.feedback(store, now()); } catch (err) {
          notice = 'feedbackPending';
          const why = sendFailureText(err, publisher.topics.feedback);
          log.warn({ event: EVENTS.CONSOLE_FEEDBACK_PENDING, topic: publisher.topics.feedback, err: why, caseId }, `decision saved; its feedback stays pending (outbox), sent with the next decision: ${why}`);
        }
        redirect(`${back}?notice=${notice}`);
        return;
      }
      if (sub === '/hold') {
        need('hold');
        const reason = (form.get('reason') ?? '').trim();
        if (!reason) throw new HttpError(400, 'reasonRequired');
        if (form.get('op') === 'release') await releaseHold(store.db, 'case', caseId, reason, now());
        else await placeHold(store.db, 'case', caseId, reason, now());
        redirect(back);
        return;
      }
      if (sub === '/enforce') {
        need('enforce');
        const v = await loadCaseView(store.db, caseId, now());
        if (!v) { fail(404, 'notFound'); return; }
        const user = form.get('user') ?? '';
        const action = form.get('action');
        const reason = (form.get('reason') ?? '').trim();
        const span = sanctionDuration(form.get('hours') ?? '');
        if (action !== 'mute' && action !== 'suspend' && action !== 'lift') throw new HttpError(400, 'notFound');
        if (!v.participants.includes(user)) throw new HttpError(400, 'userRequired');
        if (!reason) throw new HttpError(400, 'reasonRequired');
        if ('refused' in span) throw new HttpError(400, span.refused);
        const late = (err: unknown): void => {
          if (err === null) log.warn({ event: EVENTS.CONSOLE_ACTION_LATE, topic: publisher.topics.actions, action, caseId, applied: true }, 'moderation action confirmed by the broker after the moderator was told it may not have been applied: it was');
          else log.error({ event: EVENTS.CONSOLE_ACTION_LATE, topic: publisher.topics.actions, action, caseId, applied: sendCertainlyFailed(err) ? false : 'unknown', err: sendFailureText(err, publisher.topics.actions) }, `moderation action not confirmed after its deadline: ${sendFailureText(err, publisher.topics.actions)}`);
        };
        try {
          await confirmedWithin(publisher.action({
            actionId: `console-${randomUUID()}`, messageId: v.c.evidenceMessageIds[v.c.evidenceMessageIds.length - 1] ?? caseId,
            conversationId: v.c.conversationId,
            targetUserId: user, action, durationMs: action === 'lift' || 'refused' in span ? null : span.ms,
            reason: `${reason} (console, ${session.user}, case ${caseId})`, categories: v.c.categories as Category[], issuedAt: now(),
          }), deps.actionConfirmMs ?? ACTION_CONFIRM_MS, late);
        } catch (err) {
          // Not a 500 with a stack: the moderator is told whether nothing was applied (the topic missing, the broker never
          // reached) or whether it may have been (a timeout: the broker may have written it), the operator what to do.
          const why = sendFailureText(err, publisher.topics.actions);
          const certain = sendCertainlyFailed(err);
          log.error({ event: EVENTS.CONSOLE_ACTION_NOT_SENT, topic: publisher.topics.actions, action, caseId, err: why, certain }, `moderation action ${certain ? 'not sent' : 'not confirmed by the broker (it may have been written)'}: ${why}`);
          throw new HttpError(503, certain ? 'actionNotSent' : 'actionUnconfirmed');
        }
        redirectNotice(session, back, 'actionSent', { action, user });
        return;
      }
      fail(404, 'notFound');
    } catch (err) {
      if (err instanceof HttpError) {
        if (err.status === 401) { redirect('/login'); return; }
        const key = (HTTP_MESSAGES.has(err.message as MsgKey) ? err.message : 'notFound') as MsgKey;
        fail(err.status, key);
        return;
      }
      if (err instanceof CaseError || (err instanceof VigieError && !err.retriable)) { send(409, messagePage(ctx, '409', err.message)); return; }
      log.error({ err }, 'console request failed');
      send(500, messagePage(ctx, '500', 'internal error'), 'text/html; charset=utf-8');
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const client = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
    if (viaTrustedProxy(req.socket.remoteAddress)) {
      const key = addressKey(client);
      if (!inFlight.take(key)) {
        res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' }).end('too many requests at once from this address\n');
        return;
      }
      res.once('close', () => inFlight.release(key));
    }
    void handle(req, res, client);
  };
  // The server (http-server.ts) bounds slow clients and connections per address; a trusted proxy's connections are
  // not capped per address (its clients are, per request, above).
  return { handler, sessions, limiter };
}
