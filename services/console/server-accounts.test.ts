// The console's own-account and account-admin routes over HTTP (no browser): role checks, CSRF, sessions, the logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { BACKENDS } from '../../test/support/audit.js';
import { listAccess } from '../audit/access-log.js';
import type { AuditStore } from '../audit/store.js';
import { EVENTS } from '../common/events.js';
import { createLogger } from '../common/logger.js';
import { addUser, authenticate, disableUser, listUsers, PasswordUnchanged, setPassword } from './accounts.js';
import { applyCliAccountChange } from './account-changes.js';
import { compileConsoleOptions } from './options.js';
import type { ConsolePublisher } from './publisher.js';
import { createConsole } from './server.js';

const noPublisher: ConsolePublisher = {
  topics: { feedback: 'f', actions: 'a' }, feedback: async () => [], action: async () => undefined, close: async () => undefined,
};

interface Agent { cookie: string; csrf: string; get: (p: string) => Promise<Response>; post: (p: string, form: Record<string, string>) => Promise<Response> }
interface Env { base: string; store: AuditStore; logged: Record<string, unknown>[]; login: (user: string, password: string) => Promise<Agent> }

async function withConsole(o: Parameters<typeof compileConsoleOptions>[0], fn: (env: Env) => Promise<void>): Promise<void> {
  const { store, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.fresh();
  const logged: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'info', destination: new Writable({ write(chunk, _e, done) { logged.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } }) });
  const { server } = createConsole({ store, opts: compileConsoleOptions({ port: 0, ...o }), log, publisher: noPublisher });
  await addUser(store.db, 'mona', 'moderator', 'moderator-pass-1', 1);
  await addUser(store.db, 'ivan', 'investigator', 'investigator-pass-1', 1);
  await addUser(store.db, 'ada', 'admin', 'admin-password-1', 1);
  try {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const agent = (cookie: string, csrf: string): Agent => ({
      cookie, csrf,
      get: (p) => fetch(`${base}${p}`, { redirect: 'manual', headers: { cookie } }),
      post: (p, form) => fetch(`${base}${p}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() }),
    });
    const login = async (user: string, password: string): Promise<Agent> => {
      const r = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'vigie_login_csrf=tok' },
        body: new URLSearchParams({ csrf: 'tok', username: user, password }).toString() });
      assert.equal(r.status, 303, `login ${user}`);
      const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('vigie_session='))!;
      const page = await (await fetch(`${base}/cases`, { headers: { cookie } })).text();
      return agent(cookie, /name="csrf" value="([^"]+)"/.exec(page)![1]!);
    };
    await fn({ base, store, logged, login });
  } finally {
    server.closeAllConnections();
    server.close();
    await cleanup();
  }
}

const alive = async (a: Agent) => (await a.get('/cases')).status === 200;

test('an admin enables a disabled account again: CSRF and the admin role required, the access log and the event, old sessions stay dead', async () => {
  await withConsole({}, async ({ store, logged, login }) => {
    const admin = await login('ada', 'admin-password-1');
    const mona = await login('mona', 'moderator-pass-1');
    const ivan = await login('ivan', 'investigator-pass-1');
    const other = await login('ada', 'admin-password-1');
    for (const [who, form] of [[admin, { op: 'enable', name: 'mona' }], [admin, { op: 'enable', name: 'mona', csrf: other.csrf }],
      [ivan, { op: 'enable', name: 'mona', csrf: ivan.csrf }]] as const) {
      assert.equal((await who.post('/admin/accounts', form)).status, 403, JSON.stringify(form));
    }
    assert.equal((await admin.post('/admin/accounts', { op: 'disable', name: 'mona', csrf: admin.csrf })).status, 303);
    assert.equal(await alive(mona), false, 'disabling ended her session');
    assert.equal((await admin.post('/admin/accounts', { op: 'enable', name: 'nobody', csrf: admin.csrf })).status, 404);
    const page = await (await admin.get('/admin/accounts')).text();
    assert.match(page, /aria-label="Enable mona"/, 'the disabled account has an Enable button');
    const r = await admin.post('/admin/accounts', { op: 'enable', name: 'mona', csrf: admin.csrf });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/admin/accounts?notice=accountEnabled', 'the name stays out of the address');
    assert.match(await (await admin.get('/admin/accounts?notice=accountEnabled')).text(), /Account mona enabled again/, 'the notice names the account (kept in the session)');
    assert.doesNotMatch(await (await other.get('/admin/accounts?notice=accountEnabled')).text(), /Account mona enabled/, 'not in another session');
    assert.equal(await alive(mona), false, 'the session mona had before she was disabled stays ended');
    assert.ok(await authenticate(store.db, 'mona', 'moderator-pass-1'), 'enabled, with the same password');
    assert.equal(await alive(await login('mona', 'moderator-pass-1')), true);
    const changes = (await listAccess(store.db, { operator: 'ada' })).filter((e) => e.what === 'account-change').map((e) => e.detail);
    assert.deepEqual(changes, ['enable mona', 'disable mona'], 'only the changes that went through are logged');
    const events = logged.filter((l) => l.event === EVENTS.CONSOLE_ACCOUNT_CHANGE).map((l) => [l.operator, l.detail]);
    assert.deepEqual(events, [['ada', 'disable mona'], ['ada', 'enable mona']]);
  });
});

test('the console does not enable again an account disabled on the command line, nor an admin: 409 saying why, nothing changed, the refusal logged', async () => {
  await withConsole({}, async ({ store, logged, login }) => {
    await addUser(store.db, 'adb', 'admin', 'admin-password-2', 1);
    const admin = await login('ada', 'admin-password-1');
    await disableUser(store.db, 'mona', 'cli');
    assert.equal((await admin.post('/admin/accounts', { op: 'disable', name: 'adb', csrf: admin.csrf })).status, 303, 'an admin may disable another admin');
    const page = await (await admin.get('/admin/accounts')).text();
    assert.doesNotMatch(page, /aria-label="Enable (mona|adb)"/, 'no Enable button the server would refuse');
    assert.match(page, /<td>mona<\/td><td>moderator<\/td><td>disabled on the command line<\/td>/);
    assert.match(page, /enable: command line only/);
    assert.equal((await admin.post('/admin/accounts', { op: 'enable', name: 'mona' })).status, 403, 'CSRF first');
    for (const [name, text] of [['mona', /mona was disabled on the command line: only the command line enables it again \(vigie console user enable mona\)/],
      ['adb', /adb is an admin account: like a new admin, it is enabled again on the command line only/]] as const) {
      const r = await admin.post('/admin/accounts', { op: 'enable', name, csrf: admin.csrf });
      assert.equal(r.status, 409, name);
      assert.match(await r.text(), text);
    }
    assert.equal(await authenticate(store.db, 'mona', 'moderator-pass-1'), null, 'mona stays disabled');
    assert.equal(await authenticate(store.db, 'adb', 'admin-password-2'), null, 'adb stays disabled');
    const changes = (await listAccess(store.db, { operator: 'ada' })).filter((e) => e.what === 'account-change').map((e) => e.detail);
    assert.deepEqual(changes, ['disable adb'], 'a refusal changes nothing in the access log');
    assert.deepEqual(logged.filter((l) => l.event === EVENTS.CONSOLE_ACCOUNT_CHANGE_REFUSED).map((l) => [l.operator, l.detail, l.why]),
      [['ada', 'enable mona', 'cli'], ['ada', 'enable adb', 'admin']]);
  });
});

test('an admin adding an account types its password twice: two that differ add nothing (400, FR and EN)', async () => {
  await withConsole({}, async ({ store, logged, login }) => {
    const admin = await login('ada', 'admin-password-1');
    assert.match(await (await admin.get('/admin/accounts')).text(), /<input id="a-repeat" name="repeat" type="password" minlength="10" required autocomplete="new-password">/);
    const form = { csrf: admin.csrf, op: 'add', name: 'nina', role: 'moderator', password: 'nina-password-1', repeat: 'nina-passwrod-1' };
    const r = await admin.post('/admin/accounts', form);
    assert.equal(r.status, 400);
    assert.match(await r.text(), /The account was not added: the two passwords differ\./);
    assert.match(await (await admin.post('/admin/accounts?lang=fr', form)).text(), /Le compte n’a pas été ajouté : les deux mots de passe diffèrent\./);
    assert.equal((await listUsers(store.db)).some((u) => u.name === 'nina'), false);
    assert.equal(logged.filter((l) => l.event === EVENTS.CONSOLE_ACCOUNT_CHANGE).length, 0);
    assert.equal((await admin.post('/admin/accounts', { ...form, repeat: form.password })).status, 303);
    assert.ok(await authenticate(store.db, 'nina', 'nina-password-1'));
  });
});

test('enabling an active account or disabling a disabled one changes nothing: no session ends, no change is logged', async () => {
  await withConsole({}, async ({ store, logged, login }) => {
    const admin = await login('ada', 'admin-password-1');
    const mona = await login('mona', 'moderator-pass-1');
    // A stale accounts page or a double click: mona is active, the admin presses Enable; the admin enables itself.
    for (const name of ['mona', 'ada']) {
      const r = await admin.post('/admin/accounts', { op: 'enable', name, csrf: admin.csrf });
      assert.equal(r.status, 303);
      assert.equal(r.headers.get('location'), '/admin/accounts?notice=accountUnchanged');
    }
    assert.equal(await alive(mona), true, 'mona stays signed in');
    assert.equal(await alive(admin), true, 'the admin stays signed in');
    await admin.post('/admin/accounts', { op: 'disable', name: 'mona', csrf: admin.csrf });
    const again = await admin.post('/admin/accounts', { op: 'disable', name: 'mona', csrf: admin.csrf });
    assert.equal(again.headers.get('location'), '/admin/accounts?notice=accountUnchanged');
    assert.match(await (await admin.get('/admin/accounts?notice=accountUnchanged')).text(), /Account mona was already so/);
    const changes = (await listAccess(store.db, { operator: 'ada' })).filter((e) => e.what === 'account-change').map((e) => e.detail);
    assert.deepEqual(changes, ['disable mona'], 'only the change that happened is logged');
    assert.deepEqual(logged.filter((l) => l.event === EVENTS.CONSOLE_ACCOUNT_CHANGE).map((l) => l.detail), ['disable mona']);
  });
});

test('any signed-in user changes their own password: current password, 10+ characters, CSRF; their other sessions end; logged without the password', async () => {
  await withConsole({}, async ({ base, store, logged, login }) => {
    const mona = await login('mona', 'moderator-pass-1');
    const monaElsewhere = await login('mona', 'moderator-pass-1');
    const ivan = await login('ivan', 'investigator-pass-1');
    assert.match(await (await mona.get('/account/password')).text(), /name="current"/);
    const form = { current: 'moderator-pass-1', password: 'new-moderator-pass-2', repeat: 'new-moderator-pass-2' };
    assert.equal((await mona.post('/account/password', form)).status, 403, 'no CSRF token');
    assert.equal((await mona.post('/account/password', { ...form, csrf: monaElsewhere.csrf })).status, 403, 'another session\'s token');
    assert.equal((await mona.post('/account/password', { ...form, csrf: ivan.csrf })).status, 403, 'another user\'s token');
    const wrong = await mona.post('/account/password', { ...form, current: 'not-my-password', csrf: mona.csrf });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /current password is wrong/);
    const short = await mona.post('/account/password', { ...form, password: 'short', repeat: 'short', csrf: mona.csrf });
    assert.equal(short.status, 400);
    assert.match(await short.text(), /at least 10 characters/);
    assert.ok(await authenticate(store.db, 'mona', 'moderator-pass-1'), 'nothing changed so far');
    const ok = await mona.post('/account/password', { ...form, csrf: mona.csrf });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/account/password?notice=passwordChanged');
    assert.equal(await authenticate(store.db, 'mona', 'moderator-pass-1'), null, 'the old password no longer works');
    assert.ok(await authenticate(store.db, 'mona', 'new-moderator-pass-2'));
    // Session fixation / a stolen copy of the cookie: the session id the change was made in is replaced, not kept.
    const fresh = ok.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('vigie_session='));
    assert.ok(fresh && fresh !== mona.cookie, 'a new session cookie');
    assert.equal(await alive(mona), false, 'the old session id (a stolen copy of the cookie) ended');
    assert.equal((await fetch(`${base}/cases`, { redirect: 'manual', headers: { cookie: fresh } })).status, 200, 'the browser goes on signed in');
    assert.equal(await alive(monaElsewhere), false, 'her other session ended');
    assert.equal(await alive(ivan), true, 'another user\'s session did not');
    const changes = (await listAccess(store.db, { operator: 'mona' })).filter((e) => e.what === 'account-change');
    assert.deepEqual(changes.map((e) => [e.role, e.detail]), [['moderator', 'password mona']]);
    const failed = logged.filter((l) => l.event === EVENTS.CONSOLE_PASSWORD_CHANGE_FAILED).map((l) => [l.user, l.why]);
    assert.deepEqual(failed, [['mona', 'wrong current password'], ['mona', 'new password invalid']]);
    assert.deepEqual(logged.filter((l) => l.event === EVENTS.CONSOLE_PASSWORD_CHANGED).map((l) => l.user), ['mona']);
    const all = JSON.stringify(logged) + JSON.stringify(await listAccess(store.db, {}));
    for (const p of ['moderator-pass-1', 'new-moderator-pass-2', 'not-my-password']) assert.ok(!all.includes(p), `${p} in no log`);
  });
});

test('the new password is typed twice: two that differ change nothing (400, FR and EN), cost no login attempt, and are logged without a password', async () => {
  await withConsole({ loginMaxFailures: 1 }, async ({ store, logged, login }) => {
    const mona = await login('mona', 'moderator-pass-1');
    const page = await (await mona.get('/account/password')).text();
    assert.match(page, /<input id="p-repeat" name="repeat" type="password" minlength="10" required autocomplete="new-password">/);
    const typo = { csrf: mona.csrf, current: 'moderator-pass-1', password: 'new-moderator-pass-2', repeat: 'new-moderator-pasS-2' };
    assert.equal((await mona.post('/account/password', { ...typo, csrf: '' })).status, 403, 'CSRF first');
    const r = await mona.post('/account/password', typo);
    assert.equal(r.status, 400);
    assert.match(await r.text(), /The two new passwords differ: nothing was changed/);
    const fr = await mona.post('/account/password?lang=fr', typo);
    assert.match(await fr.text(), /Les deux nouveaux mots de passe diffèrent : rien n’a changé/);
    const missing = await mona.post('/account/password', { csrf: mona.csrf, current: 'moderator-pass-1', password: 'new-moderator-pass-2' });
    assert.equal(missing.status, 400, 'no repeat field at all (an old form): refused too');
    assert.ok(await authenticate(store.db, 'mona', 'moderator-pass-1'), 'the password did not change');
    assert.equal(await alive(mona), true, 'no session ended');
    // With a limit of one failure, three mismatches have not used it up: the right change goes through.
    const ok = await mona.post('/account/password', { ...typo, repeat: typo.password });
    assert.equal(ok.status, 303);
    assert.ok(await authenticate(store.db, 'mona', 'new-moderator-pass-2'));
    assert.deepEqual(logged.filter((l) => l.event === EVENTS.CONSOLE_PASSWORD_CHANGE_FAILED).map((l) => l.why),
      ['new passwords differ', 'new passwords differ', 'new passwords differ']);
    const all = JSON.stringify(logged) + JSON.stringify(await listAccess(store.db, {}));
    for (const p of ['moderator-pass-1', 'new-moderator-pass-2', 'new-moderator-pasS-2']) assert.ok(!all.includes(p), `${p} in no log`);
  });
});

test('a password set on the command line (vigie console user password) ends the sessions opened with the old one', async () => {
  await withConsole({}, async ({ store, login }) => {
    const mona = await login('mona', 'moderator-pass-1');
    const ivan = await login('ivan', 'investigator-pass-1');
    await setPassword(store.db, 'mona', 'reset-by-cli-pass-1');
    assert.equal(await alive(mona), false, 'a session opened with the old password ends (a reset after a compromise)');
    assert.equal(await alive(ivan), true, 'another user\'s session goes on');
    const again = await login('mona', 'reset-by-cli-pass-1');
    assert.equal(await alive(again), true, 'a session opened with the new password lives');
    const changed = await again.post('/account/password', { csrf: again.csrf, current: 'reset-by-cli-pass-1', password: 'own-choice-pass-2', repeat: 'own-choice-pass-2' });
    assert.equal(changed.status, 303);
    const cookie = changed.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('vigie_session='))!;
    assert.equal((await fetch(new URL('/cases', changed.url), { redirect: 'manual', headers: { cookie } })).status, 200, 'the browser that changed it stays signed in');
  });
});

test('password change guesses are counted like logins: after the limit, 429 without a password check', async () => {
  await withConsole({ loginMaxFailures: 3 }, async ({ store, logged, login }) => {
    const ivan = await login('ivan', 'investigator-pass-1');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await ivan.post('/account/password', { csrf: ivan.csrf, current: `guess-${i}-xxxx`, password: 'a-new-password-1', repeat: 'a-new-password-1' })).status);
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    // Even the right password is refused while limited (no oracle for a stolen session).
    assert.equal((await ivan.post('/account/password', { csrf: ivan.csrf, current: 'investigator-pass-1', password: 'a-new-password-1', repeat: 'a-new-password-1' })).status, 429);
    assert.ok(await authenticate(store.db, 'ivan', 'investigator-pass-1'));
    assert.deepEqual(logged.filter((l) => l.event === EVENTS.CONSOLE_PASSWORD_CHANGE_FAILED).map((l) => l.why),
      ['wrong current password', 'wrong current password', 'wrong current password', 'rate limited', 'rate limited', 'rate limited']);
  });
});

test('the user search is a POST with CSRF answered by an opaque link: no user id in any address; the link works for another signed-in user, per their role, also after logging in', async () => {
  await withConsole({}, async ({ base, store, login }) => {
    const ivan = await login('ivan', 'investigator-pass-1');
    const mona = await login('mona', 'moderator-pass-1');
    assert.equal((await ivan.post('/users', { user: 'zed_author' })).status, 403, 'no CSRF token');
    assert.equal((await ivan.post('/users', { user: 'zed_author', csrf: mona.csrf })).status, 403, 'another session\'s token');
    assert.equal((await ivan.post('/users', { user: ' ', csrf: ivan.csrf })).status, 400);
    assert.equal((await ivan.post('/users', { user: 'zed_author', from: '2026-13-01', csrf: ivan.csrf })).status, 400);
    assert.equal((await listAccess(store.db, {})).filter((e) => e.what === 'search-user').length, 0, 'no search logged for a refused form');
    const r = await ivan.post('/users', { user: 'zed_author', from: '2026-01-01', csrf: ivan.csrf });
    assert.equal(r.status, 303);
    const link = r.headers.get('location')!;
    assert.match(link, /^\/users\?q=[A-Za-z0-9_-]{20,}$/);
    assert.ok(!link.includes('zed_author'));
    const page = await (await ivan.get(link)).text();
    assert.match(page, /zed_author: 0 audited messages|No audited message of zed_author/);
    assert.match(page, /name="user" value="zed_author"/, 'the form shows what was searched');
    assert.match(page, /repeats the search for any signed-in colleague \(without the user id in it\) until \d{4}-\d\d-\d\d \d\d:\d\d UTC, unless the console restarts before/);
    assert.equal((await mona.get(link)).status, 200, 'a colleague opens the shared link');
    const searches = (await listAccess(store.db, {})).filter((e) => e.what === 'search-user').map((e) => [e.operator, e.detail]);
    assert.deepEqual(searches.reverse(), [['ivan', 'console user zed_author from 2026-01-01T00:00:00.000Z to - (with IPs)'],
      ['mona', 'console user zed_author from 2026-01-01T00:00:00.000Z to -']], 'each view logged under the viewer, IPs per role');
    // A colleague not signed in opens the link: the login sends them back to it (not to the queue), the id still in no address.
    const out = await fetch(`${base}${link}`, { redirect: 'manual' });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), `/login?next=${encodeURIComponent(link)}`);
    const loginPage = await (await fetch(`${base}${out.headers.get('location')}`)).text();
    assert.ok(loginPage.includes(`<input type="hidden" name="next" value="${link}">`), 'the login form carries where to go back to');
    for (const [next, to] of [[link, link], ['https://evil.example/', '/cases'], ['//evil.example/x', '/cases']] as const) {
      const r = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'vigie_login_csrf=tok' },
        body: new URLSearchParams({ csrf: 'tok', username: 'mona', password: 'moderator-pass-1', next }).toString() });
      assert.equal(r.headers.get('location'), to, next);
    }
    const unknown = await ivan.get('/users?q=nosuchtoken');
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /This search link no longer works: a link lasts 8 h from its search and a restart of the console forgets it/);
    const inAddress = await ivan.get('/users?user=zed_author');
    assert.equal(inAddress.status, 400, 'an id in the address is refused, not searched');
    assert.equal((await listAccess(store.db, {})).filter((e) => e.what === 'search-user').length, 2);
    const form = await (await ivan.get('/users')).text();
    assert.match(form, /<form class="filters" method="post" action="\/users" role="search"><input type="hidden" name="csrf"/);
  });
});

test('a new password equal to the current one is refused, in the console (FR and EN) and on the command line: nothing changed', async () => {
  await withConsole({}, async ({ store, logged, login }) => {
    const mona = await login('mona', 'moderator-pass-1');
    assert.equal((await mona.post('/account/password', { current: 'moderator-pass-1', password: 'moderator-pass-1', repeat: 'moderator-pass-1' })).status, 403, 'CSRF still required');
    const same = { csrf: mona.csrf, current: 'moderator-pass-1', password: 'moderator-pass-1', repeat: 'moderator-pass-1' };
    const en = await mona.post('/account/password', same);
    assert.equal(en.status, 400);
    assert.match(await en.text(), /The new password is your current one: nothing was changed\. Choose a different password\./);
    const fr = await mona.post('/account/password?lang=fr', same);
    assert.equal(fr.status, 400);
    assert.match(await fr.text(), /Le nouveau mot de passe est votre mot de passe actuel : rien n’a changé\./);
    assert.equal(await alive(mona), true, 'no session ended: nothing changed');
    assert.deepEqual(logged.filter((l) => l.event === EVENTS.CONSOLE_PASSWORD_CHANGE_FAILED).map((l) => l.why), ['new password same as current', 'new password same as current']);
    await assert.rejects(applyCliAccountChange(store.db, { verb: 'password', name: 'mona', password: 'moderator-pass-1' }, { name: 'root', osAccount: null }, 5), PasswordUnchanged);
    await assert.rejects(setPassword(store.db, 'mona', 'moderator-pass-1'), /the new password is the current one/);
    assert.equal(await alive(mona), true, 'the command line refused it too: her session goes on');
    assert.equal((await listAccess(store.db, {})).filter((e) => e.what === 'account-change').length, 0, 'no change logged');
  });
});

test('account changes made on the command line are in the access log under cli:<OS user> and on the Accounts page, with the console\'s, never a password', async () => {
  await withConsole({}, async ({ store, login }) => {
    const admin = await login('ada', 'admin-password-1');
    assert.equal(await applyCliAccountChange(store.db, { verb: 'add', name: 'zoe', role: 'investigator', password: 'zoe-secret-pass-1' }, { name: 'alice', osAccount: null }, 1000), 'add zoe role investigator');
    assert.equal(await applyCliAccountChange(store.db, { verb: 'disable', name: 'zoe' }, { name: 'alice', osAccount: null }, 2000), 'disable zoe');
    assert.equal(await applyCliAccountChange(store.db, { verb: 'disable', name: 'zoe' }, { name: 'alice', osAccount: null }, 2500), null, 'already disabled: nothing changed, nothing logged');
    assert.equal(await applyCliAccountChange(store.db, { verb: 'enable', name: 'zoe' }, { name: 'bob', osAccount: null }, 3000), 'enable zoe');
    assert.equal(await applyCliAccountChange(store.db, { verb: 'password', name: 'zoe', password: 'zoe-new-pass-22' }, { name: 'bob', osAccount: null }, 4000), 'password zoe');
    await assert.rejects(applyCliAccountChange(store.db, { verb: 'add', name: 'zoe', role: 'moderator', password: 'another-pass-1' }, { name: 'bob', osAccount: null }, 4500), /already exists/);
    assert.equal((await admin.post('/admin/accounts', { op: 'disable', name: 'mona', csrf: admin.csrf })).status, 303);
    const changes = (await listAccess(store.db, { what: 'account-change' })).map((e) => [e.operator, e.role, e.detail]);
    assert.deepEqual(changes, [['ada', 'admin', 'disable mona'], ['cli:bob', null, 'password zoe'], ['cli:bob', null, 'enable zoe'],
      ['cli:alice', null, 'disable zoe'], ['cli:alice', null, 'add zoe role investigator']]);
    const page = await (await admin.get('/admin/accounts')).text();
    assert.match(page, /<td>1970-01-01 00:00<\/td><td>command line \(bob\)<\/td><td>new password for zoe<\/td>/);
    assert.match(page, /<td>command line \(alice\)<\/td><td>added zoe \(investigator\)<\/td>/);
    assert.match(page, /<td>ada \(admin\)<\/td><td>disabled mona<\/td>/);
    const fr = await (await admin.get('/admin/accounts?lang=fr')).text();
    assert.match(fr, /<td>ligne de commande \(alice\)<\/td><td>zoe désactivé<\/td>/);
    const all = JSON.stringify(await listAccess(store.db, {})) + page;
    for (const secret of ['zoe-secret-pass-1', 'zoe-new-pass-22', 'scrypt$']) assert.ok(!all.includes(secret), secret);
    const ivan = await login('ivan', 'investigator-pass-1');
    assert.equal((await ivan.get('/admin/accounts')).status, 403, 'the changes are for admins only');
    // VIGIE_OPERATOR named the operator: the OS account that ran the command is in the entry and on the page.
    assert.equal(await applyCliAccountChange(store.db, { verb: 'disable', name: 'ivan' }, { name: 'carol', osAccount: 'shared-admin' }, 5000), 'disable ivan');
    assert.deepEqual((await listAccess(store.db, { what: 'account-change', limit: 1 })).map((e) => [e.operator, e.detail]), [['cli:carol', 'disable ivan; os account shared-admin']]);
    assert.match(await (await admin.get('/admin/accounts')).text(), /<td>command line \(carol, OS account shared-admin\)<\/td><td>disabled ivan<\/td>/);
    assert.match(await (await admin.get('/admin/accounts?lang=fr')).text(), /<td>ligne de commande \(carol, compte système shared-admin\)<\/td><td>ivan désactivé<\/td>/);
  });
});

test('an old bookmark /users?user=ID opened without a session: the id is in no address, the login returns to the empty search', async () => {
  await withConsole({}, async ({ base }) => {
    const out = await fetch(`${base}/users?user=alice.martin`, { redirect: 'manual' });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), `/login?next=${encodeURIComponent('/users')}`);
    const page = await (await fetch(`${base}${out.headers.get('location')}`)).text();
    assert.ok(!page.includes('alice.martin'));
    const notice = await fetch(`${base}/cases/c1?notice=actionSent&a=mute&u=bob.b`, { redirect: 'manual' });
    assert.equal(notice.headers.get('location'), `/login?next=${encodeURIComponent('/cases/c1')}`);
    // Even a hand-made login address is cleaned: the form carries no user id back.
    const hand = await fetch(`${base}/login?next=${encodeURIComponent('/users?user=alice.martin')}&lang=fr`, { redirect: 'manual' });
    assert.equal(hand.status, 303, 'a hand-made login address with an id: redirected to the clean one');
    assert.equal(hand.headers.get('location'), `/login?next=${encodeURIComponent('/users')}`);
    const direct = await (await fetch(`${base}${hand.headers.get('location')}`)).text();
    assert.ok(!direct.includes('alice.martin'));
    assert.ok(direct.includes('<input type="hidden" name="next" value="/users">'));
    assert.equal((await fetch(`${base}/login?next=${encodeURIComponent('/users?q=TOKENTOKENTOKENTOKEN1234')}`, { redirect: 'manual' })).status, 200, 'a clean address is served');
  });
});

test('durations in words: an expired search link says "30 min" (French and English), never "0.5 h"', async () => {
  await withConsole({ sessionTtlMs: 30 * 60_000 }, async ({ login }) => {
    const ivan = await login('ivan', 'investigator-pass-1');
    const en = await (await ivan.get('/users?q=nosuchtoken')).text();
    assert.match(en, /a link lasts 30 min from its search/);
    const fr = await (await ivan.get('/users?q=nosuchtoken&lang=fr')).text();
    assert.match(fr, /un lien dure 30 min après sa recherche/);
    assert.ok(!/0[.,]5 h/.test(en + fr));
  });
});

test('login limits say the wait in minutes in both languages', async () => {
  await withConsole({ loginMaxFailures: 1, loginWindowMs: 15 * 60_000 }, async ({ base }) => {
    const attempt = (lang: string) => fetch(`${base}/login?lang=${lang}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'vigie_login_csrf=tok' },
      body: new URLSearchParams({ csrf: 'tok', username: 'mona', password: 'wrong-password-1' }).toString() });
    assert.equal((await attempt('en')).status, 401);
    const en = await attempt('en');
    assert.equal(en.status, 429);
    assert.match(await en.text(), /Try again in 15 min\./);
    assert.match(await (await attempt('fr')).text(), /Réessayez dans 15 min\./);
  });
});

test('review of ops47: a case id with an apostrophe opened without a session reaches the login page (no redirect loop), and an id hidden in a path stays out of it', async () => {
  await withConsole({}, async ({ base }) => {
    const out = await fetch(`${base}/cases/it's:escalation`, { redirect: 'manual' });
    assert.equal(out.status, 303);
    let at = out.headers.get('location')!;
    // fetch, like a browser, writes the query's ' as %27 (WHATWG URL); the login page must be served, not a redirect to itself.
    const hops: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${base}${at}`, { redirect: 'manual' });
      hops.push(r.status);
      if (r.status !== 303) { assert.match(await r.text(), /name="next" value="\/cases\/it&#39;s:escalation"/); break; }
      at = r.headers.get('location')!;
    }
    assert.deepEqual(hops, [200], `login page reached at once: ${hops.join(', ')}`);
    const twice = await fetch(`${base}/login?next=%2Fusers&next=${encodeURIComponent('/users?user=alice.martin')}`, { redirect: 'manual' });
    assert.equal(twice.headers.get('location'), '/login?next=%2Fusers', 'a second next is no way around the cleaning');
    for (const hidden of ['/users%3Fuser=alice.martin', '/users/alice.martin', '/users;user=alice.martin', '/users?q=alice.martin']) {
      const r = await fetch(`${base}${hidden}`, { redirect: 'manual' });
      assert.ok(!(r.headers.get('location') ?? '').includes('alice'), `${hidden} -> ${r.headers.get('location')}`);
    }
  });
});
