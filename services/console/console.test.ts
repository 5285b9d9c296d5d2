// Pure parts of the console: passwords, sessions and CSRF, login rate limit, roles, languages, zip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, hashPassword, ROLES, verifyPassword, type Permission } from './accounts.js';
import { DICTIONARIES, pickLang, translator } from './i18n.js';
import { compileConsoleOptions } from './options.js';
import { casePage, esc, queuePage } from './pages.js';
import type { CaseView } from './case-view.js';
import { knownAges } from './case-view.js';
import type { AuditRow, Case } from '../audit/types.js';
import { LoginLimiter } from './rate-limit.js';
import { csrfOk, parseCookies, sessionCookie, SessionStore } from './sessions.js';
import { crc32, unzip, zipFiles } from './zip.js';

test('scrypt: the right password verifies, a wrong one does not, two hashes of one password differ (salt)', async () => {
  const h = await hashPassword('correct horse battery');
  assert.match(h, /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(await verifyPassword('correct horse battery', h), true);
  assert.equal(await verifyPassword('correct horse batterY', h), false);
  assert.notEqual(await hashPassword('correct horse battery'), h);
  assert.equal(await verifyPassword('x', 'md5$abc'), false);
});

test('sessions: expire after the idle lifetime, renew on use, end on destroy and per user', () => {
  const s = new SessionStore(1000);
  const a = s.create('ana', 'moderator', 0);
  assert.equal(s.get(a.id, 999)?.user, 'ana');
  assert.equal(s.get(a.id, 1998)?.user, 'ana', 'renewed at 999');
  assert.equal(s.get(a.id, 2999), null, 'idle past the lifetime');
  const b = s.create('ben', 'investigator', 0);
  const c = s.create('ben', 'investigator', 0);
  assert.notEqual(b.id, c.id); assert.notEqual(b.csrf, c.csrf);
  s.destroyUser('ben');
  assert.equal(s.get(b.id, 1), null); assert.equal(s.get(c.id, 1), null);
  assert.equal(s.get(undefined, 1), null); assert.equal(s.get('forged', 1), null);
});

test('CSRF: only the session\'s own token passes', () => {
  const s = new SessionStore(1000);
  const a = s.create('ana', 'moderator', 0);
  const b = s.create('ben', 'moderator', 0);
  assert.equal(csrfOk(a, a.csrf), true);
  for (const bad of [undefined, '', b.csrf, `${a.csrf}x`, a.csrf.slice(1)]) assert.equal(csrfOk(a, bad), false, String(bad));
});

test('cookies: the session cookie is HttpOnly and SameSite=Strict, Secure only over TLS; parsing tolerates junk', () => {
  assert.equal(sessionCookie('abc', false, 60), 'vigie_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
  assert.equal(sessionCookie('abc', true, null), 'vigie_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure');
  assert.deepEqual(parseCookies('a=1; vigie_session=x%2By; bad; c=%E0%A4%A'), { a: '1', vigie_session: 'x+y' });
});

test('login rate limit: refused after N failures per key within the window, allowed again when they age out', () => {
  const l = new LoginLimiter(3, 10_000);
  const keys = ['user:ana', 'addr:127.0.0.1'];
  for (let i = 0; i < 3; i++) { assert.equal(l.retryAfterMs(keys, i), 0); l.fail(keys, i); }
  assert.equal(l.retryAfterMs(keys, 3), 9997, 'the oldest failure leaves the window at 10000');
  assert.equal(l.retryAfterMs(['user:ana'], 5000), 5000);
  assert.equal(l.retryAfterMs(['addr:127.0.0.1', 'user:bob'], 5000), 5000, 'the address is limited for other names too');
  assert.equal(l.retryAfterMs(keys, 10_000), 0);
  assert.equal(l.attempt(['user:bob', 'addr:10.0.0.9'], 0), 0);
  l.succeeded(['user:bob', 'addr:10.0.0.9'], 0);
  assert.equal(l.retryAfterMs(['user:bob'], 1), 0);
  for (let i = 0; i < 2; i++) l.fail(['addr:10.0.0.9'], 1);
  assert.equal(l.attempt(['user:cyd', 'addr:10.0.0.9'], 2), 0, 'the success took its own count back from the address: 2 + 1 of 3');
  assert.ok(l.attempt(['user:dan', 'addr:10.0.0.9'], 3) > 0, 'the pending attempt counts: 3 of 3');
});

test('roles: moderators decide but see no IPs and export nothing; investigators and admins may', () => {
  const table: [string, Permission, boolean][] = [
    ['moderator', 'read', true], ['moderator', 'decide', true], ['moderator', 'enforce', true], ['moderator', 'view-ips', false],
    ['moderator', 'export', false], ['moderator', 'hold', false], ['investigator', 'view-ips', true], ['investigator', 'export', true],
    ['investigator', 'hold', true], ['admin', 'export', true], ['admin', 'view-ips', true],
  ];
  for (const [role, p, want] of table) assert.equal(can(role as (typeof ROLES)[number], p), want, `${role} ${p}`);
});

test('i18n: explicit choice, then Accept-Language by q-value, then English; both dictionaries have every key', () => {
  const table: [string | undefined, string | undefined, string][] = [
    [undefined, 'fr-FR,fr;q=0.9,en;q=0.8', 'fr'], [undefined, 'de-DE,en;q=0.5,fr;q=0.7', 'fr'], [undefined, 'en-GB', 'en'],
    [undefined, 'de', 'en'], [undefined, undefined, 'en'], ['en', 'fr', 'en'], ['fr', 'en', 'fr'], ['xx', 'fr;q=0', 'en'],
  ];
  for (const [choice, al, want] of table) assert.equal(pickLang(choice, al), want, `${choice} ${al}`);
  assert.deepEqual(Object.keys(DICTIONARIES.fr).sort(), Object.keys(DICTIONARIES.en).sort());
  for (const [k, v] of Object.entries(DICTIONARIES.fr)) assert.ok(v.length > 0, k);
  assert.equal(translator('fr')('caseTitle', { id: 'x' }), 'Dossier x');
  assert.equal(translator('en')('loginLimited', { wait: '12 s' }), 'Too many failed logins. Try again in 12 s.');
});

test('i18n: counted words agree with their count in both languages (never "1 cases"; French 0 and 1 singular)', () => {
  const en = translator('en');
  const fr = translator('fr');
  assert.equal(en('userResults', { user: 'u', n: 1, c: 1 }), 'u: 1 audited message in the period, 1 case');
  assert.equal(en('userResults', { user: 'u', n: 0, c: 2 }), 'u: 0 audited messages in the period, 2 cases');
  assert.equal(fr('userResults', { user: 'u', n: 1, c: 0 }), 'u : 1 message audité dans la période, 0 dossier');
  assert.equal(fr('userResults', { user: 'u', n: 3, c: 2 }), 'u : 3 messages audités dans la période, 2 dossiers');
  assert.equal(en('holdActive', { n: 1, list: 'x' }), 'Active legal hold: x');
  assert.equal(fr('holdActive', { n: 2, list: 'x; y' }), 'Conservations actives : x; y');
  // No text keeps a "(s)" for a plural: a count chooses the form.
  for (const dict of Object.values(DICTIONARIES)) {
    for (const [k, v] of Object.entries(dict)) assert.doesNotMatch(v, /\(s\)|\w\(e?s\)/, k);
  }
});

test('esc: markup in store values cannot reach the page', () => {
  assert.equal(esc('<script>"x" & \'y\'</script>'), '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
});

test('options: defaults and refusals', () => {
  const o = compileConsoleOptions();
  assert.deepEqual([o.port, o.targetsMs.P0, o.targetsMs.P1, o.targetsMs.P2, o.pageSize], [8080, 900_000, 14_400_000, 86_400_000, 50]);
  assert.equal(compileConsoleOptions({ targetsMs: { P0: 60_000 } }).targetsMs.P1, 14_400_000);
  assert.throws(() => compileConsoleOptions({ port: 70000, pageSize: 0 }), /port must be 0\.\.65535[\s\S]*page size/);
});

test('zip: CRC-32 check value, deflated round trip, UTF-8 names', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  const files = [{ name: 'a/manifest.json', data: Buffer.from('{"x":1}\n') }, { name: 'a/é.txt', data: Buffer.from('x'.repeat(10_000)) }, { name: 'empty', data: Buffer.alloc(0) }];
  const z = zipFiles(files, new Date(Date.UTC(2026, 11, 2, 8, 30, 10)));
  assert.ok(z.length < 10_000, 'deflated');
  assert.deepEqual(unzip(z).map((f) => [f.name, f.data.toString()]), files.map((f) => [f.name, f.data.toString()]));
  const broken = Buffer.from(z); broken[46] = broken[46]! ^ 0xff; // inside the first file's deflated data
  assert.throws(() => unzip(broken));
});

test('known ages: the latest row wins; declared ages of senders, declared and stated ages of recipients from the context; old rows say nothing', () => {
  const row = (o: Partial<AuditRow>): AuditRow => ({ senderId: 'a', senderDeclaredAge: null, participantAges: null, ...o }) as AuditRow;
  const ages = knownAges([
    row({ senderId: 'a' }), // written before AuditRecord v3
    row({ senderId: 'a', senderDeclaredAge: 40 }),
    row({ senderId: 'b', senderDeclaredAge: 14, participantAges: [{ userId: 'b', declaredAge: 14, statedAge: 13 }, { userId: 'c', declaredAge: 12, statedAge: null }] }),
    row({ senderId: 'a', senderDeclaredAge: 41 }),
  ]);
  assert.deepEqual(Object.fromEntries(ages), { a: { declared: 41, stated: null }, b: { declared: 14, stated: 13 }, c: { declared: 12, stated: null } });
  assert.equal(knownAges([row({})]).size, 0);
});

test('the queue and the case page say a case\'s age and target in the one span wording: a 150-min target is "2 h 30 min", FR and EN (review of ops48)', () => {
  const MIN = 60_000;
  const now = Date.UTC(2026, 0, 1, 12);
  const c: Case = { caseId: 'e-1', priority: 'P1', status: 'open', category: 'child_grooming', categories: ['child_grooming'], conversationId: 'c-1',
    users: ['u-a'], evidenceMessageIds: [], reasons: ['r'], createdAt: now - (90 * MIN + 40_000), updatedAt: now, resolvedAt: null, resolutionReason: null, reviewer: null };
  const o = compileConsoleOptions({ targetsMs: { P1: 150 * MIN } });
  const session = { id: 's', user: 'ana', role: 'moderator' as const, csrf: 'c', expiresAt: now + MIN };
  const view = { c, rows: [], participants: [], enforcement: new Map(), otherCases: new Map(), ages: new Map(), holds: [] } as unknown as CaseView;
  for (const lang of ['en', 'fr'] as const) {
    const ctx = { t: translator(lang), lang, session, path: '/cases' };
    const queue = queuePage(ctx, o, { status: 'open', priority: null, category: null }, [], {}, [c], null, now);
    assert.match(queue, />1 h 30 min\n<span class="muted">\/ 2 h 30 min</, `${lang} queue: age rounded down, then the target`);
    assert.match(casePage(ctx, o, view, now), / 1 h 30 min \/ [^<]* 2 h 30 min/, `${lang} case page`);
  }
});
