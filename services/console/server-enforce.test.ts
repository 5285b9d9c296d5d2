// The case page's sanction form over HTTP (no browser): durations out of range get the page's clear message, in the
// page's language, whatever the button (mute, suspend, lift); nothing is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { auditRecord, BACKENDS, escalation, silentLog, T0 } from '../../test/support/audit.js';
import type { ModerationAction } from '../contracts/index.js';
import { EVENTS } from '../common/events.js';
import { createLogger, type Logger } from '../common/logger.js';
import { addUser } from './accounts.js';
import { compileConsoleOptions } from './options.js';
import type { ConsolePublisher } from './publisher.js';
import { createConsole } from './server.js';

type Enforce = (lang: string, action: string, hours: string) => Promise<Response>;

/** A console on 127.0.0.1 with case e-1 (participant u-adult) and moderator mona signed in; `enforce` posts its sanction form. */
async function withCase(publisher: ConsolePublisher, log: Logger, fn: (enforce: Enforce) => Promise<void>, actionConfirmMs?: number): Promise<void> {
  const { store, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.fresh();
  const { server } = createConsole({ store, opts: compileConsoleOptions({ port: 0 }), log, publisher, ...(actionConfirmMs === undefined ? {} : { actionConfirmMs }) });
  try {
    await addUser(store.db, 'mona', 'moderator', 'moderator-pass-1', 1);
    await store.write({ audit: [auditRecord(1), auditRecord(2, { flagged: true }), auditRecord(3, { flagged: true, escalationPriority: 'P0' })] }, T0);
    await store.write({ escalations: [escalation('e-1')] }, T0 + 5000);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'vigie_login_csrf=tok' },
      body: new URLSearchParams({ csrf: 'tok', username: 'mona', password: 'moderator-pass-1' }).toString() });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('vigie_session='))!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await fetch(`${base}/cases/e-1`, { headers: { cookie } })).text())![1]!;
    await fn((lang, action, hours) => fetch(`${base}/cases/e-1/enforce?lang=${lang}`, {
      method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, user: 'u-adult', action, hours, reason: 'review' }).toString(),
    }));
  } finally {
    server.closeAllConnections();
    server.close();
    await cleanup();
  }
}

test('a sub-minute, zero, negative or too long duration gets 400 with the duration message (EN/FR) for mute, suspend and lift alike; nothing sent', async () => {
  const sent: ModerationAction[] = [];
  const publisher: ConsolePublisher = {
    topics: { feedback: 'f', actions: 'a' }, feedback: async () => [], action: async (a) => { sent.push(a); }, close: async () => undefined,
  };
  await withCase(publisher, silentLog, async (enforce) => {
    const cases = [
      ['0.001', /The duration must be at least 1 min \(0\.02 h\)/, /La durée doit être d’au moins 1 min \(0,02 h\)/],
      ['0,0001', /The duration must be at least 1 min/, /La durée doit être d’au moins 1 min/],
      ['0', /The duration must be a positive number of hours/, /La durée doit être un nombre d’heures positif/],
      ['-2', /The duration must be a positive number of hours/, /La durée doit être un nombre d’heures positif/],
      ['99999', /The duration must be at most 87600 h/, /La durée doit être d’au plus 87600 h/],
    ] as const;
    for (const action of ['mute', 'suspend', 'lift']) {
      for (const [hours, en, fr] of cases) {
        for (const [lang, want] of [['en', en], ['fr', fr]] as const) {
          const r = await enforce(lang, action, hours);
          const body = await r.text();
          assert.equal(r.status, 400, `${action} ${hours} ${lang}`);
          assert.match(body, want, `${action} ${hours} ${lang}`);
        }
      }
    }
    assert.equal(sent.length, 0, 'nothing sent');
    // In range, or empty (until lifted; a lift has no duration): sent.
    for (const [action, hours] of [['mute', '0,5'], ['suspend', ''], ['lift', '']] as const) assert.equal((await enforce('en', action, hours)).status, 303, `${action} ${hours}`);
    assert.deepEqual(sent.map((a) => [a.action, a.durationMs]), [['mute', 1_800_000], ['suspend', null], ['lift', null]]);
  });
});

test('a sanction the broker does not take (topic missing: console started before `vigie topics create`) gets 503 saying nothing was applied (EN/FR), and one log line naming the topic and the fix, no stack', async () => {
  const logged: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'info', destination: new Writable({ write(chunk, _e, done) { logged.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } }) });
  const publisher: ConsolePublisher = {
    topics: { feedback: 't1.moderation.feedback', actions: 't1.moderation.actions' }, feedback: async () => [],
    action: async () => { throw new Error('Unknown topic t1.moderation.actions.'); }, close: async () => undefined,
  };
  await withCase(publisher, log, async (enforce) => {
    for (const [lang, want] of [['en', /The action could not be sent .*nothing was applied/], ['fr', /L’action n’a pas pu être envoyée .*rien n’a été appliqué/]] as const) {
      const r = await enforce(lang, 'mute', '1');
      assert.equal(r.status, 503, lang);
      assert.match(await r.text(), want, lang);
    }
    const errors = logged.filter((l) => Number(l.level) >= 50);
    assert.deepEqual(errors.map((l) => [l.event, l.topic, l.action]), [[EVENTS.CONSOLE_ACTION_NOT_SENT, 't1.moderation.actions', 'mute'], [EVENTS.CONSOLE_ACTION_NOT_SENT, 't1.moderation.actions', 'mute']]);
    assert.match(String(errors[0]!.msg), /t1\.moderation\.actions does not exist on the broker: create the topics with `vigie topics create`/);
    assert.ok(!JSON.stringify(errors).includes('stack') && !JSON.stringify(errors).includes('u-adult'), 'no stack, not the sanctioned user');
  });
});

test('a sanction the broker did not confirm in time gets 503 saying it may have been applied (EN/FR), not "nothing was applied"; a broker never reached: nothing was applied (review of ops49)', async () => {
  const logged: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'info', destination: new Writable({ write(chunk, _e, done) { logged.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } }) });
  let failure: Error = new Error('Request timed out.', { cause: new Error('Timeout') });
  const publisher: ConsolePublisher = {
    topics: { feedback: 't1.moderation.feedback', actions: 't1.moderation.actions' }, feedback: async () => [],
    action: async () => { throw failure; }, close: async () => undefined,
  };
  await withCase(publisher, log, async (enforce) => {
    for (const [lang, want, not] of [['en', /did not confirm the action in time: it may or may not have been applied/, /nothing was applied/], ['fr', /n’a pas confirmé l’action à temps : elle a pu être appliquée/, /rien n’a été appliqué/]] as const) {
      const r = await enforce(lang, 'mute', '1');
      assert.equal(r.status, 503, lang);
      const body = await r.text();
      assert.match(body, want, lang);
      assert.doesNotMatch(body, not, lang);
    }
    failure = Object.assign(new Error('Connection to 127.0.0.1:1 failed.'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    const r = await enforce('en', 'suspend', '');
    assert.equal(r.status, 503);
    assert.match(await r.text(), /nothing was applied/);
    const errors = logged.filter((l) => Number(l.level) >= 50);
    assert.deepEqual(errors.map((l) => [l.event, l.certain]), [[EVENTS.CONSOLE_ACTION_NOT_SENT, false], [EVENTS.CONSOLE_ACTION_NOT_SENT, false], [EVENTS.CONSOLE_ACTION_NOT_SENT, true]]);
    assert.match(String(errors[0]!.msg), /not confirmed by the broker \(it may have been written\)/);
  });
});

test('a sanction the broker neither confirms nor refuses (a hung broker: the library retries for minutes) gets 503 "it may have been applied" at the deadline, not after minutes behind a proxy that gave up; its late outcome is logged (review of ops50)', async () => {
  const logged: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'info', destination: new Writable({ write(chunk, _e, done) { logged.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } }) });
  let written: () => void = () => undefined;
  const publisher: ConsolePublisher = {
    topics: { feedback: 'f', actions: 't1.moderation.actions' }, feedback: async () => [],
    action: () => new Promise<void>((resolve) => { written = resolve; }), close: async () => undefined,
  };
  await withCase(publisher, log, async (enforce) => {
    const r = await Promise.race([enforce('en', 'mute', '1'), new Promise<'hung'>((res) => setTimeout(() => res('hung'), 5000))]);
    if (r === 'hung') {
      written();
      assert.fail('no answer within 5 s: the moderator waits as long as the client library retries');
    }
    assert.equal(r.status, 503);
    assert.match(await r.text(), /it may or may not have been applied/);
    written();
    await new Promise((res) => setTimeout(res, 50));
    const late = logged.filter((l) => l.event === EVENTS.CONSOLE_ACTION_LATE);
    assert.deepEqual(late.map((l) => l.applied), [true]);
  }, 300);
});
