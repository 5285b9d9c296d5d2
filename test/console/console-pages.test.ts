// The case page and the queue in headless Chromium (Debian's chromium, playwright-core) over a seeded store,
// without a pipeline: what a moderator clicks on, as found playing one on a deployment (ops43).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { auditRecord, BACKENDS, escalation, silentLog, T0 } from '../support/audit.js';
import type { ModerationAction } from '../../services/contracts/types.js';
import type { AuditStore } from '../../services/audit/store.js';
import { listAccess } from '../../services/audit/access-log.js';
import { addUser } from '../../services/console/accounts.js';
import { compileConsoleOptions } from '../../services/console/options.js';
import type { ConsolePublisher } from '../../services/console/publisher.js';
import { createConsole } from '../../services/console/server.js';
import { unzip } from '../../services/console/zip.js';
import { CHROMIUM_ARGS } from '../tools/browser.js';

describe('console pages in a browser', () => {
  let browser: Browser;
  let store: AuditStore;
  let cleanup: () => Promise<void>;
  let base: string;
  let close: () => Promise<void>;
  const actions: ModerationAction[] = [];

  before(async () => {
    ({ store, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.fresh());
    // c-1: zed_author grooms; amy_friend (first in alphabetical order) only answers. c-2: a second P0 case.
    const who = (i: number) => (i % 2 ? { senderId: 'zed_author', recipientId: 'amy_friend' } : { senderId: 'amy_friend', recipientId: 'zed_author' });
    await store.write({
      audit: [auditRecord(1, who(1)), auditRecord(2, who(2)), auditRecord(3, { ...who(3), flagged: true, escalationPriority: 'P0' }),
        // Two days later, in the same conversation: outside a request for the first day.
        auditRecord(5, { ...who(5), sentAt: T0 + 2 * 86_400_000 }),
        auditRecord(4, { conversationId: 'c-2', senderId: 'u-x', recipientId: 'u-y', flagged: true, escalationPriority: 'P0' })],
      escalations: [escalation('e-1', { priority: 'P0', senderId: 'zed_author', recipientId: 'amy_friend' }),
        escalation('e-2', { priority: 'P0', conversationId: 'c-2', messageId: 'm-4', senderId: 'u-x', recipientId: 'u-y', evidenceMessageIds: ['m-4'] })],
    }, T0);
    await addUser(store.db, 'mona', 'moderator', 'moderator-pass-1', T0);
    await addUser(store.db, 'ivan', 'investigator', 'investigator-pass-1', T0);
    await addUser(store.db, 'ada', 'admin', 'admin-password-1', T0);
    const publisher: ConsolePublisher = {
      topics: { feedback: 'f', actions: 'a' }, feedback: async () => [], action: async (a) => { actions.push(a); }, close: async () => undefined,
    };
    // The header cache outlives the whole file: the queue-count test then fails without the invalidation after a decision
    // (with the 5 s default it passed whenever the earlier tests took 5 s).
    const { server } = createConsole({ store, opts: compileConsoleOptions({ port: 0, headerCacheMs: 600_000 }), log: silentLog, publisher });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await close?.();
    await cleanup?.();
  });

  async function login(user = 'mona', password = 'moderator-pass-1'): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', password);
    await Promise.all([page.waitForURL(`${base}/cases`), page.click('button[type=submit]')]);
    return page;
  }

  it('the enforcement form preselects nobody and names the author of the escalated message', async () => {
    const page = await login();
    await page.goto(`${base}/cases/e-1`);
    // The subtitle names the category once when it is the only one (it said "child_grooming (child_grooming)"); a
    // moderator has no evidence card at all (it said "You are not allowed to do this.").
    const text = await page.locator('main').innerText();
    assert.ok(text.includes('child_grooming · ') && !text.includes('child_grooming (child_grooming)'), text.slice(0, 300));
    assert.ok(!text.includes('not allowed') && !text.includes('Evidence package'), 'no evidence card for a moderator');
    const select = page.locator('select[name=user]');
    assert.equal(await select.inputValue(), '', 'no participant chosen before the moderator chooses one');
    assert.deepEqual(await select.locator('option:not([disabled])').allTextContents(), ['amy_friend', 'zed_author (wrote an escalated message)']);
    // Suspend without choosing: the browser refuses the form (nothing is sent), the page stays.
    await page.fill('#e-reason', 'grooming');
    await page.click('button[name=action][value=suspend]');
    await page.waitForTimeout(300);
    assert.equal(actions.length, 0, 'no action sent for a participant nobody chose');
    assert.equal(page.url(), `${base}/cases/e-1`);
    await select.selectOption('zed_author');
    await Promise.all([page.waitForURL(/notice=actionSent/), page.click('button[name=action][value=suspend]')]);
    assert.deepEqual(actions.map((a) => [a.targetUserId, a.action]), [['zed_author', 'suspend']]);
    assert.equal(page.url(), `${base}/cases/e-1?notice=actionSent`, 'who was sanctioned stays out of the address');
    assert.match(await page.locator('.notice').innerText(), /Action suspend for zed_author sent to/, 'the notice names them (kept in the session)');
    await page.close();
  });

  it('a sanction of « 0,0000001 » h (0 ms once rounded: it would end as it starts) is refused: at least 1 min, French and English', async () => {
    const page = await login();
    const sent = actions.length;
    for (const [lang, want] of [['en', /The duration must be at least 1 min/], ['fr', /La durée doit être d’au moins 1 min/]] as const) {
      await page.goto(`${base}/cases/e-1?lang=${lang}`);
      await page.locator('select[name=user]').selectOption('zed_author');
      await page.fill('#e-reason', 'grooming');
      await page.fill('#e-hours', lang === 'fr' ? '0,0000001' : '0.0000001');
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/enforce')), page.click('button[name=action][value=suspend]')]);
      assert.equal(res.status(), 400);
      assert.match(await page.locator('body').innerText(), want);
    }
    assert.equal(actions.length, sent, 'no action sent');
    await page.close();
  });

  it('the queue counts a case decided a moment ago as decided, not open', async () => {
    const page = await login();
    const p0 = async () => (await page.locator('h1 .pri-P0').textContent())?.trim();
    assert.equal(await p0(), 'P0 2');
    await page.goto(`${base}/cases/e-2`);
    await page.fill('textarea[name=reason]', 'confirmed by review');
    await Promise.all([page.waitForURL(/notice=/), page.click('button[name=decision][value=confirmed]')]);
    // The page after the decision offers the most urgent open case left.
    assert.equal(await page.getAttribute('a[rel=next]', 'href'), '/cases/e-1');
    await page.goto(`${base}/cases`);
    assert.equal(await p0(), 'P0 1', 'the header read again after the decision');
    assert.equal(await page.locator('a[href="/cases/e-2"]').count(), 0, 'the decided case left the open queue');
    await page.close();
  });

  it('an investigator downloads the evidence of a case for the period of the request only', async () => {
    const page = await login('ivan', 'investigator-pass-1');
    await page.goto(`${base}/cases/e-1`);
    await page.fill('#ref', 'REQ-2026-7');
    await page.fill('#ev-from', '2026-01-01');
    await page.fill('#ev-to', '2026-01-01');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('form[action$="evidence.zip"] button')]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const files = unzip(readFileSync(path));
    const msgs = files.find((f) => f.name.endsWith('/messages.jsonl'))!.data.toString('utf8').trim().split('\n')
      .map((l) => (JSON.parse(l) as { content: { messageId: string } }).content.messageId);
    assert.deepEqual(msgs, ['m-1', 'm-2', 'm-3'], 'm-5, sent two days later, is outside the period');
    const scope = JSON.parse(files.find((f) => f.name.endsWith('/scope.json'))!.data.toString('utf8')) as { period: unknown };
    assert.deepEqual(scope.period, { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T23:59:59.999Z' });
    const csrf = await page.inputValue('form[action$="evidence.zip"] input[name=csrf]');
    const bad = await page.request.post(`${base}/cases/e-1/evidence.zip`, { form: { csrf, reference: 'R', from: '2026-01-02', to: '2026-01-01' } });
    assert.equal(bad.status(), 400);
    assert.match(await bad.text(), /period is not valid/);
    await page.close();
  });

  it('the evidence download is a POST with the CSRF token: the reference never travels in an address', async () => {
    const page = await login('ivan', 'investigator-pass-1');
    await page.goto(`${base}/cases/e-1`);
    assert.equal(await page.getAttribute('form[action$="evidence.zip"]', 'method'), 'post');
    const before = (await listAccess(store.db, { caseId: 'e-1' })).filter((e) => e.what === 'export-evidence').length;
    // The old address: no package, a page saying why, and nothing exported to the access log.
    const get = await page.request.get(`${base}/cases/e-1/evidence.zip?reference=REQ-GET-1`);
    assert.equal(get.status(), 405);
    assert.equal(get.headers().allow, 'POST');
    assert.match(await get.text(), /must not travel in an address/);
    // A POST without the session's token (another site's form) is refused.
    const forged = await page.request.post(`${base}/cases/e-1/evidence.zip`, { form: { reference: 'REQ-FORGED' } });
    assert.equal(forged.status(), 403);
    const after = (await listAccess(store.db, { caseId: 'e-1' })).filter((e) => e.what === 'export-evidence').length;
    assert.equal(after, before, 'neither the GET nor the forged POST exported anything');
    await page.fill('#ref', 'REQ-POST-9');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('form[action$="evidence.zip"] button')]);
    assert.equal(download.url(), `${base}/cases/e-1/evidence.zip`, 'no reference in the address of the download');
    const logged = (await listAccess(store.db, { caseId: 'e-1' }))[0]!;
    assert.deepEqual([logged.what, logged.reference, logged.operator], ['export-evidence', 'REQ-POST-9', 'ivan']);
    await page.close();
  });

  it('an investigator finds a user: their cases for a period, the IPs they sent from, and the evidence for that user and period', async () => {
    const page = await login('ivan', 'investigator-pass-1');
    await page.click('header a[href="/users"]');
    await page.fill('#u-user', 'zed_author');
    await page.fill('#u-from', '2026-01-01');
    await page.fill('#u-to', '2026-01-01');
    await Promise.all([page.waitForURL(/\/users\?q=/), page.click('form[action="/users"] button')]);
    assert.ok(!page.url().includes('zed_author'), `the searched id is not in the address: ${page.url()}`);
    const ids = await page.locator('tbody td a').allTextContents();
    assert.deepEqual(ids, ['e-1'], 'the case of the conversation zed_author wrote in, not the other one');
    assert.match(await page.locator('h2').first().innerText(), /zed_author: 3 audited messages in the period, 1 case$/);
    assert.deepEqual(await page.locator('.ip').allTextContents(), ['203.0.113.1', '203.0.113.3'], 'the addresses zed_author sent from (m-1, m-3)');
    await page.fill('#ref', 'REQ-USER-5');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('form[action="/users/evidence.zip"] button')]);
    const { readFileSync } = await import('node:fs');
    const files = unzip(readFileSync(await download.path()));
    const msgs = files.find((f) => f.name.endsWith('/messages.jsonl'))!.data.toString('utf8').trim().split('\n')
      .map((l) => (JSON.parse(l) as { content: { messageId: string } }).content.messageId);
    assert.deepEqual(msgs, ['m-1', 'm-2', 'm-3'], 'zed_author\'s messages of that day only (m-5 is two days later)');
    const scope = JSON.parse(files.find((f) => f.name.endsWith('/scope.json'))!.data.toString('utf8')) as { scope: unknown };
    assert.deepEqual(scope.scope, { userId: 'zed_author' });
    const [exported, searched] = await listAccess(store.db, { operator: 'ivan', limit: 2 });
    assert.deepEqual([exported!.what, exported!.reference, exported!.detail],
      ['export-evidence', 'REQ-USER-5', 'console evidence.zip user zed_author from 2026-01-01T00:00:00.000Z to 2026-01-01T23:59:59.999Z']);
    assert.equal(searched!.what, 'search-user');
    // Another site's form (no token, or the token of another session) gets no package and no access-log line.
    const other = await login('ivan', 'investigator-pass-1');
    const otherCsrf = await other.inputValue('header input[name=csrf]');
    await other.close();
    for (const form of [{ user: 'zed_author', reference: 'REQ-FORGED' } as Record<string, string>, { csrf: otherCsrf, user: 'zed_author', reference: 'REQ-FORGED' }]) {
      assert.equal((await page.request.post(`${base}/users/evidence.zip`, { form })).status(), 403, JSON.stringify(Object.keys(form)));
    }
    assert.equal((await listAccess(store.db, { operator: 'ivan', limit: 1 }))[0]!.reference, 'REQ-USER-5', 'nothing exported by the forged forms');
    // The same without a reference: refused, as the CLI refuses it.
    const csrf = await page.inputValue('form[action="/users/evidence.zip"] input[name=csrf]');
    const noRef = await page.request.post(`${base}/users/evidence.zip`, { form: { csrf, user: 'zed_author', reference: ' ' } });
    assert.equal(noRef.status(), 400);
    await page.close();
  });

  it('a moderator finds a user\'s cases but no IP address and no evidence export; the queue does not ignore ?user=', async () => {
    const page = await login();
    await page.click('header a[href="/users"]');
    await page.fill('#u-user', 'zed_author');
    await Promise.all([page.waitForURL(/\/users\?q=/), page.click('form[action="/users"] button')]);
    assert.deepEqual(await page.locator('tbody td a').allTextContents(), ['e-1']);
    const html = await page.content();
    assert.ok(!html.includes('203.0.113.'), 'no IP address sent to a moderator');
    assert.equal(await page.locator('form[action="/users/evidence.zip"]').count(), 0);
    const csrf = await page.inputValue('header input[name=csrf]');
    const refused = await page.request.post(`${base}/users/evidence.zip`, { form: { csrf, user: 'zed_author', reference: 'R-1' } });
    assert.equal(refused.status(), 403);
    const queue = await page.request.get(`${base}/cases?user=zed_author`);
    assert.equal(queue.status(), 400, 'the queue has no user filter: it says so instead of answering the whole queue');
    assert.match(await queue.text(), /Find a user/);
    await page.close();
  });

  it('an admin adds a moderator and disables them; only the admin may, with the CSRF token, and every change is in the access log', async () => {
    const admin = await login('ada', 'admin-password-1');
    await admin.click('header a[href="/admin/accounts"]');
    assert.deepEqual(await admin.locator('#accounts tbody tr td:first-child').allTextContents(), ['ada', 'ivan', 'mona']);
    await admin.fill('#a-name', 'nina');
    await admin.selectOption('#a-role', 'moderator');
    await admin.fill('#a-password', 'short');
    // The browser refuses a password under 10 characters (minlength); the server does too.
    const csrf = await admin.inputValue('header input[name=csrf]');
    const weak = await admin.request.post(`${base}/admin/accounts`, { form: { csrf, op: 'add', name: 'nina', role: 'moderator', password: 'short', repeat: 'short' } });
    assert.equal(weak.status(), 400);
    assert.match(await weak.text(), /at least 10 characters/);
    const asAdmin = await admin.request.post(`${base}/admin/accounts`, { form: { csrf, op: 'add', name: 'eve', role: 'admin', password: 'long-enough-pass', repeat: 'long-enough-pass' } });
    assert.equal(asAdmin.status(), 400, 'no admin made from the console');
    await admin.fill('#a-password', 'nina-password-1');
    await admin.fill('#a-repeat', 'nina-password-1');
    await Promise.all([admin.waitForURL(/notice=accountAdded/), admin.click('form[action="/admin/accounts"] button.primary')]);
    assert.match(await admin.locator('.notice').innerText(), /Account nina added \(moderator\)/);
    assert.deepEqual(await admin.locator('#accounts tbody tr td:first-child').allTextContents(), ['ada', 'ivan', 'mona', 'nina']);
    assert.match(await admin.locator('#account-changes tbody tr').first().innerText(), /ada \(admin\)\s+added nina \(moderator\)/, 'the change is listed on the page');
    const nina = await login('nina', 'nina-password-1');
    // Neither a moderator nor an investigator reaches the page; a forged POST (no token) is refused.
    assert.equal((await nina.request.get(`${base}/admin/accounts`)).status(), 403);
    const ninaCsrf = await nina.inputValue('header input[name=csrf]');
    assert.equal((await nina.request.post(`${base}/admin/accounts`, { form: { csrf: ninaCsrf, op: 'disable', name: 'mona' } })).status(), 403);
    assert.equal((await admin.request.post(`${base}/admin/accounts`, { form: { op: 'disable', name: 'mona' } })).status(), 403);
    assert.equal((await admin.request.post(`${base}/admin/accounts`, { form: { csrf, op: 'disable', name: 'ada' } })).status(), 400, 'not one\'s own account');
    await Promise.all([admin.waitForURL(/notice=accountDisabled/), admin.click('button[aria-label="Disable nina"]')]);
    assert.match(await admin.locator('#accounts tbody tr:has-text("nina")').innerText(), /disabled/);
    await nina.goto(`${base}/cases`);
    assert.equal(nina.url(), `${base}/login`, 'the disabled account\'s session ended');
    // Enabled again from the same page: the old session stays ended, a new login works with the same password.
    await Promise.all([admin.waitForURL(/notice=accountEnabled/), admin.click('button[aria-label="Enable nina"]')]);
    assert.match(await admin.locator('.notice').innerText(), /Account nina enabled again/);
    assert.match(await admin.locator('#accounts tbody tr:has-text("nina")').innerText(), /active/);
    await nina.goto(`${base}/cases`);
    assert.equal(nina.url(), `${base}/login`, 'enabling does not bring the old session back');
    const ninaAgain = await login('nina', 'nina-password-1');
    await ninaAgain.close();
    const changes = (await listAccess(store.db, { operator: 'ada' })).filter((e) => e.what === 'account-change').map((e) => e.detail);
    assert.deepEqual(changes, ['enable nina', 'disable nina', 'add nina role moderator']);
    await nina.close();
    await admin.close();
  });

  it('a user changes their own password from the header link; their other session ends', async () => {
    await addUser(store.db, 'paul', 'moderator', 'paul-password-1', T0);
    const page = await login('paul', 'paul-password-1');
    const elsewhere = await login('paul', 'paul-password-1');
    await page.click('header a[href="/account/password"]');
    await page.fill('#p-current', 'paul-password-1');
    await page.fill('#p-new', 'paul-password-2');
    // A typo in the second field (the browser accepts both: the server compares them): nothing changes, the page says why.
    await page.fill('#p-repeat', 'paul-password-3');
    await Promise.all([page.waitForLoadState(), page.click('form[action="/account/password"] button')]);
    assert.match(await page.locator('.notice.error').innerText(), /The two new passwords differ: nothing was changed/);
    await page.fill('#p-current', 'paul-password-1');
    await page.fill('#p-new', 'paul-password-2');
    await page.fill('#p-repeat', 'paul-password-2');
    await Promise.all([page.waitForURL(/notice=passwordChanged/), page.click('form[action="/account/password"] button')]);
    assert.match(await page.locator('.notice').innerText(), /Password changed/);
    await elsewhere.goto(`${base}/cases`);
    assert.equal(elsewhere.url(), `${base}/login`, 'the other session ended');
    await (await login('paul', 'paul-password-2')).close();
    const changes = (await listAccess(store.db, { operator: 'paul' })).map((e) => [e.what, e.detail]);
    assert.deepEqual(changes, [['account-change', 'password paul']]);
    await page.close();
    await elsewhere.close();
  });
});
