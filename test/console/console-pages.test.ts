// The case page and the queue in headless Chromium (Debian's chromium, playwright-core) over a seeded store,
// without a pipeline: what a moderator clicks on, as found playing one on a deployment (ops43).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { auditRecord, BACKENDS, escalation, silentLog, T0 } from '../support/audit.js';
import type { ModerationAction } from '../../services/contracts/types.js';
import type { AuditStore } from '../../services/audit/store.js';
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
    await page.close();
  });

  it('the queue counts a case decided a moment ago as decided, not open', async () => {
    const page = await login();
    const p0 = async () => (await page.locator('h1 .pri-P0').textContent())?.trim();
    assert.equal(await p0(), 'P0 2');
    await page.goto(`${base}/cases/e-2`);
    await page.fill('textarea[name=reason]', 'confirmed by review');
    await Promise.all([page.waitForURL(/notice=/), page.click('button[name=decision][value=confirmed]')]);
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
    const bad = await page.request.get(`${base}/cases/e-1/evidence.zip?reference=R&from=2026-01-02&to=2026-01-01`);
    assert.equal(bad.status(), 400);
    assert.match(await bad.text(), /period is not valid/);
    await page.close();
  });
});
