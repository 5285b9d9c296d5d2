// The review console end to end: a real run (classifier worker → audit sink → SQLite store) of scripted grooming
// conversations on the broker, then moderators and investigators in headless Chromium (Debian's chromium, playwright-core).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import type { ChatMessage } from '../../services/contracts/types.js';
import { safeArchiveName, unzip } from '../../services/console/zip.js';
import { REPO_ROOT } from '../../services/engine/engine-options.js';
import { CHROMIUM_ARGS } from '../tools/browser.js';
import { codecs, plainProducer, produceMessages, setup, startWorker, stopWorker, waitReady, type WorkerSetup } from '../worker/harness.js';
import { MAIN, startSink, vigie, waitFor } from '../audit/helpers.js';

const PASSWORDS = { mod: 'moderator-password-1', inv: 'investigator-password-1' };

describe('review console in Chromium over a real pipeline run', () => {
  let s: WorkerSetup;
  let browser: Browser;
  let consoleProc: ChildProcess;
  let base = '';
  let env: Record<string, string>;
  let feedbackTopic = '';
  const root = mkdtempSync(join(tmpdir(), 'vigie-console-e2e-'));
  const errors: string[] = [];
  const shots = process.env.VIGIE_UPDATE_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs/img') : join(root, 'img');

  before(async () => {
    s = await setup('console-e2e', 2);
    feedbackTopic = await s.ctx.topic('console-feedback', 1);
    env = {
      KAFKA_BROKERS: s.brokers.join(','), VIGIE_AUDIT_SQLITE: join(root, 'audit.sqlite'), VIGIE_AUDIT_GROUP: s.ctx.groupId('sink'),
      VIGIE_TOPIC_AUDIT: s.topics.audit, VIGIE_TOPIC_ESCALATIONS: s.topics.escalations, VIGIE_TOPIC_ACTIONS: s.topics.actions,
      VIGIE_TOPIC_BLOCKLIST: await s.ctx.topic('console-blocklist', 1, { 'cleanup.policy': 'compact' }), VIGIE_TOPIC_FEEDBACK: feedbackTopic,
    };
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    consoleProc?.kill('SIGTERM');
    await browser?.close();
    await s.ctx.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    return { context, page };
  }

  async function login(page: Page, user: keyof typeof PASSWORDS): Promise<void> {
    await page.goto(`${base}/login`);
    await page.fill('#username', user);
    await page.fill('#password', PASSWORDS[user]);
    await Promise.all([page.waitForURL(`${base}/cases`), page.press('#password', 'Enter')]);
  }

  it('moderator confirms the top P0 case; investigator exports; access log, rate limit, CSRF and roles hold', async () => {
    // 1. A real run: generated grooming and benign conversations through the classifier worker and the audit sink.
    const grooming = [...generateConversations({ count: 3, seed: 7, scenarios: ['grooming-direct', 'grooming-arc'], idPrefix: 'groom' })];
    const benign = [...generateConversations({ count: 6, seed: 8, scenarios: ['parents', 'teens'], idPrefix: 'benign' })];
    const stream: ChatMessage[] = [...interleave([...grooming, ...benign])].map((x) => x.message);
    await produceMessages(await plainProducer(s), s.topics.input, stream);
    const sink = startSink(env);
    const w = startWorker(s, 'console-e2e');
    try {
      await waitReady(w);
      await waitFor('every message audited and a P0 case', async () => {
        const r = vigie(['cases', 'list', '--status', 'open', '--priority', 'P0', '--json'], env);
        if (r.code !== 0) return false;
        return r.stdout.trim().length > 0 && vigie(['audit', 'verify', '--json'], env).stdout.includes(`"rows":${stream.length}`);
      }, 120_000, 1000);
    } finally {
      await stopWorker(w);
      sink.child.kill('SIGTERM');
    }
    assert.equal(await sink.exited, 0, sink.log());

    // 2. Accounts (password on stdin) and the console as a child process.
    for (const [name, role] of [['mod', 'moderator'], ['inv', 'investigator']] as const) {
      const r = spawnSync(process.execPath, [MAIN, 'console', 'user', 'add', name, '--role', role], { env: { ...process.env, ...env }, input: `${PASSWORDS[name]}\n`, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    consoleProc = spawn(process.execPath, [MAIN, 'console'], { env: { ...process.env, ...env, VIGIE_CONSOLE_PORT: '0', VIGIE_CONSOLE_LOGIN_MAX_FAILURES: '3' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let consoleLog = '';
    consoleProc.stderr!.on('data', (d: Buffer) => { consoleLog += d.toString(); });
    base = await new Promise<string>((res, rej) => {
      let out = '';
      consoleProc.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = /vigie-console (\S+)/.exec(out); if (m) res(m[1]!); });
      consoleProc.once('exit', (c) => rej(new Error(`console exited ${c}: ${consoleLog}`)));
    });
    assert.equal(await (await fetch(`${base}/healthz`)).text(), 'ok\n');

    // 3. The moderator: queue, top P0 case, highlighted messages with reasons and sources, no IPs, confirm.
    const mod = await newPage();
    await login(mod.page, 'mod');
    const firstRow = mod.page.locator('tbody tr').first();
    assert.equal(await firstRow.locator('.pri').textContent(), 'P0');
    mkdirSync(shots, { recursive: true });
    await mod.page.screenshot({ path: join(shots, 'console-queue.png') });
    const caseId = (await firstRow.locator('a').textContent())!;
    // Keyboard: j selects the first row and focuses its link, Enter opens it.
    await mod.page.keyboard.press('j');
    await Promise.all([mod.page.waitForURL(`${base}/cases/${encodeURIComponent(caseId)}`), mod.page.keyboard.press('Enter')]);
    const highlighted = await mod.page.locator('.msg.escalated, .msg.flagged').count();
    assert.ok(highlighted > 0, 'flagged or escalated messages are highlighted');
    assert.ok((await mod.page.locator('.msg.escalated .text').first().textContent())!.trim().length > 0, 'an escalated message shows its text');
    // Other categories may be scored beside it (since round 12 the window model reads every message and may add flag-level ones).
    assert.match((await mod.page.locator('.msg.escalated .meta').last().textContent())!, /child_grooming \d\.\d\d(?:, [a-z_]+ \d\.\d\d)* · model .+ · rules .+ · policy /);
    assert.ok((await mod.page.locator('ul.reasons li').count()) > 0, 'reasons listed');
    // Per message (AuditRecord v3): its own reasons, and the sources of each category and signal: a rule id and the model's name@version.
    const modelVersion = /· model (\S+) ·/.exec((await mod.page.locator('.msg.escalated .meta').last().textContent())!)![1]!.split('+')[0]!;
    const sources = await mod.page.locator('.msg.escalated .src code, .msg.flagged .src code').allTextContents();
    assert.ok(sources.some((x) => /^rule:[\w.-]+$/.test(x)), `a rule id among the sources: ${sources.join(' ')}`);
    assert.ok(sources.includes(`model:${modelVersion}`), `the model ${modelVersion} among the sources: ${sources.join(' ')}`);
    assert.ok((await mod.page.locator('.msg.escalated ul.why li').count()) > 0, 'an escalated message lists its own reasons');
    // Participants with their declared ages: the generated grooming scenarios declare the minor's age on the profile.
    const declared = await mod.page.locator('.age.declared').allTextContents();
    assert.ok(declared.some((x) => /^declared age: \d{1,2}$/.test(x)), `a declared age on the page: ${declared.join(', ')}`);
    assert.equal(await mod.page.locator('.ip').count(), 0, 'a moderator sees no IP address');
    const html = await mod.page.content();
    for (const m of stream.filter((x) => x.senderIp)) assert.ok(!html.includes(m.senderIp!), `IP ${m.senderIp} not in the moderator's page`);
    await mod.page.screenshot({ path: join(shots, 'console-case.png'), fullPage: false });
    await mod.page.fill('#reason', 'age question, secrecy and meeting request: grooming');
    await Promise.all([mod.page.waitForURL(/notice=feedbackSent/), mod.page.click('button[value=confirmed]')]);
    assert.match((await mod.page.locator('.resolution').textContent())!, /confirmed by mod/);

    // The feedback record, read back from the feedback topic with a consumer.
    const fb = await s.ctx.readAll(feedbackTopic);
    assert.equal(fb.length, 1);
    const f = codecs.Feedback.decodeAvro(fb[0]!.value!);
    assert.deepEqual([f.caseId, f.decision, f.reviewer, f.categories.includes('child_grooming')], [caseId, 'confirmed', 'mod', true]);

    // A moderator may not download evidence; a post without the CSRF token is refused.
    const modCsrf = await mod.page.inputValue('header input[name=csrf]');
    assert.equal((await mod.page.request.post(`${base}/cases/${encodeURIComponent(caseId)}/evidence.zip`, { form: { csrf: modCsrf, reference: 'REQ-1' } })).status(), 403);
    const noCsrf = await mod.page.request.post(`${base}/cases/${encodeURIComponent(caseId)}/enforce`, { form: { user: 'x', action: 'mute', reason: 'r' } });
    assert.equal(noCsrf.status(), 403);
    const badCsrf = await mod.page.request.post(`${base}/cases/${encodeURIComponent(caseId)}/resolve`, { form: { decision: 'dismissed', reason: 'r', csrf: 'forged' } });
    assert.equal(badCsrf.status(), 403);

    // 4. The investigator (French interface from the switch): IPs shown, evidence package that the offline verifier accepts.
    const inv = await newPage();
    await login(inv.page, 'inv');
    await inv.page.click('a[hreflang=fr]');
    assert.equal(await inv.page.locator('html').getAttribute('lang'), 'fr');
    assert.match((await inv.page.locator('h1').textContent())!, /Dossiers ouverts/);
    await inv.page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
    assert.ok((await inv.page.locator('.ip').count()) > 0, 'an investigator sees IP addresses');
    // The download is a POST with the session's CSRF token (the case page's form): the reference stays out of the address.
    const invCsrf = await inv.page.inputValue('form[action$="evidence.zip"] input[name=csrf]');
    const evidenceUrl = `${base}/cases/${encodeURIComponent(caseId)}/evidence.zip`;
    assert.equal((await inv.page.request.post(evidenceUrl, { form: { csrf: invCsrf } })).status(), 400, 'reference required');
    const zip = await inv.page.request.post(evidenceUrl, { form: { csrf: invCsrf, reference: 'PV 2026/118' } });
    assert.equal(zip.status(), 200);
    assert.equal(zip.headers()['content-type'], 'application/zip');
    const pkgRoot = join(root, 'unzipped');
    for (const file of unzip(await zip.body())) { const p = join(pkgRoot, file.name); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, file.data); }
    const verified = vigie(['evidence', 'verify', join(pkgRoot, `evidence-${safeArchiveName(caseId)}`)], env);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /evidence package OK/);

    // 5. The access log holds both views and the export with its reference, and its chain verifies.
    const al = JSON.parse(vigie(['audit', 'access-log', '--case', caseId, '--json'], env).stdout) as { operator: string; what: string; reference: string | null }[];
    assert.ok(al.some((e) => e.operator === 'mod' && e.what === 'view-case'), 'moderator view logged');
    assert.ok(al.some((e) => e.operator === 'inv' && e.what === 'view-case'), 'investigator view logged');
    assert.ok(al.some((e) => e.operator === 'inv' && e.what === 'export-evidence' && e.reference === 'PV 2026/118'), 'export logged with its reference');
    assert.equal(vigie(['audit', 'access-log', '--verify'], env).code, 0);

    // 6. Wrong passwords: refused, then rate-limited (even the right password) once the limit (3 here) is reached.
    const other = await browser.newContext();
    const attempt = async (password: string) => {
      const form = await other.request.get(`${base}/login`);
      const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      return (await other.request.post(`${base}/login`, { form: { csrf, username: 'mod', password }, maxRedirects: 0 })).status();
    };
    assert.deepEqual([await attempt('wrong-1'), await attempt('wrong-2'), await attempt('wrong-3')], [401, 401, 401]);
    assert.equal(await attempt(PASSWORDS.mod), 429);
    const noLoginCsrf = await other.request.post(`${base}/login`, { form: { username: 'inv', password: PASSWORDS.inv }, maxRedirects: 0 });
    assert.equal(noLoginCsrf.status(), 403);
    await other.close();

    // 7. Disabling an account (another process) ends its open session at the next request.
    const disabled = spawnSync(process.execPath, [MAIN, 'console', 'user', 'disable', 'mod'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(disabled.status, 0, disabled.stderr);
    await mod.page.goto(`${base}/cases`);
    assert.match(mod.page.url(), /\/login/, 'the disabled moderator is sent to the login page');

    // 8. No page logged a console error.
    assert.deepEqual(errors, []);
    await mod.context.close();
    await inv.context.close();
  });
});
