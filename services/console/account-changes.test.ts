// Account changes in the access log: the latest read by an index; a change and its entry are one transaction, on both
// stores; the command line refuses a password with leading or trailing whitespace or an invisible character (the login
// compares exact bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/support/audit.js';
import { listAccess, logAccess } from '../audit/access-log.js';
import type { SqlDb } from '../audit/sql-db.js';
import { StoreError } from '../contracts/errors.js';
import { listHolds, placeHold, releaseHold } from '../audit/store-retention.js';
import { AccountError, addUser, authenticate, disableUser, enableUser, listUsers, PasswordUnchanged } from './accounts.js';
import { applyAccountChange, applyCliAccountChange, cliPasswordRefusal, passwordLine, recentAccountChanges } from './account-changes.js';

test('the latest account changes are read by an index, not by walking every case view of the access log (review of ops47)', async () => {
  const { store, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.fresh();
  try {
    await logAccess(store.db, { operator: 'cli:root', role: null, what: 'account-change', caseId: null, reference: null, detail: 'add ada role admin' }, 1);
    for (let i = 0; i < 20; i++) await logAccess(store.db, { operator: 'ada', role: 'admin', what: 'view-case', caseId: `c${i}`, reference: null, detail: 'console' }, 2 + i);
    await logAccess(store.db, { operator: 'ada', role: 'admin', what: 'account-change', caseId: null, reference: null, detail: 'disable mona' }, 30);
    assert.deepEqual((await recentAccountChanges(store.db)).map((e) => e.detail), ['disable mona', 'add ada role admin']);
    const plan = (await store.db.query("EXPLAIN QUERY PLAN SELECT * FROM access_log WHERE what = ? ORDER BY seq DESC LIMIT ?", ['account-change', 50]))
      .map((r) => String(r.detail)).join(' | ');
    assert.match(plan, /USING (COVERING )?INDEX access_log_what/, plan);
  } finally { await cleanup(); }
});

/** The store's database, except that inserting into the access log fails (a disk full, a store gone) inside a transaction. */
function failingLog(db: SqlDb): SqlDb {
  const fail = (sql: string) => /INSERT INTO access_log/i.test(sql);
  return {
    dialect: db.dialect, close: () => db.close(),
    query: (sql, params) => (fail(sql) ? Promise.reject(new StoreError('access log: disk full')) : db.query(sql, params)),
    transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => (fail(sql) ? Promise.reject(new StoreError('access log: disk full')) : tx.query(sql, params)) })),
  };
}

for (const backend of BACKENDS) {
  test(`${backend.name}: an account change whose access-log entry fails is rolled back (command line and console)`, async () => {
    const { store, cleanup } = await backend.fresh();
    try {
      await addUser(store.db, 'mona', 'moderator', 'moderator-pass-1', 1);
      const db = failingLog(store.db);
      await assert.rejects(applyCliAccountChange(db, { verb: 'add', name: 'zoe', role: 'moderator', password: 'zoe-secret-pass-1' }, { name: 'alice', osAccount: null }, 10), /disk full/);
      assert.deepEqual((await listUsers(store.db)).map((u) => u.name), ['mona'], 'no unlogged account');
      await assert.rejects(applyCliAccountChange(db, { verb: 'password', name: 'mona', password: 'another-pass-22' }, { name: 'alice', osAccount: null }, 20), /disk full/);
      assert.ok(await authenticate(store.db, 'mona', 'moderator-pass-1'), 'the old password still opens: the new one was rolled back');
      await assert.rejects(applyCliAccountChange(db, { verb: 'disable', name: 'mona' }, { name: 'alice', osAccount: null }, 30), /disk full/);
      assert.equal((await listUsers(store.db))[0]!.disabled, false);
      await assert.rejects(applyAccountChange(db, { verb: 'disable', name: 'mona' }, { operator: 'ada', role: 'admin', from: 'console' }, 40), /disk full/);
      assert.equal((await listUsers(store.db))[0]!.disabled, false, 'the console\'s own changes too');
      await disableUser(store.db, 'mona', 'console');
      await assert.rejects(applyAccountChange(db, { verb: 'enable', name: 'mona' }, { operator: 'ada', role: 'admin', from: 'console' }, 50), /disk full/);
      assert.equal((await listUsers(store.db))[0]!.disabled, true);
      assert.deepEqual(await listAccess(store.db, { what: 'account-change' }), []);
      // The same change on a working store: the change and its entry both there.
      await enableUser(store.db, 'mona', 'cli');
      const r = await applyAccountChange(store.db, { verb: 'password', name: 'mona', password: 'another-pass-22' }, { operator: 'mona', role: 'moderator', from: 'console' }, 60);
      assert.equal(r.detail, 'password mona');
      assert.equal(r.credential, (await authenticate(store.db, 'mona', 'another-pass-22'))?.credential);
      assert.deepEqual((await listAccess(store.db, { what: 'account-change' })).map((e) => [e.operator, e.role, e.detail]), [['mona', 'moderator', 'password mona']]);
    } finally { await cleanup(); }
  });
}

test('the command line refuses a password with leading or trailing whitespace: nothing set, nothing logged', async () => {
  const { store, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.fresh();
  try {
    await addUser(store.db, 'mona', 'moderator', 'moderator-pass-1', 1);
    for (const pw of ['new-password-1 ', ' new-password-1', 'new-password-1\t']) {
      await assert.rejects(applyCliAccountChange(store.db, { verb: 'password', name: 'mona', password: pw }, { name: 'alice', osAccount: null }, 10), /starts or ends with a space or tab/, JSON.stringify(pw));
      await assert.rejects(applyCliAccountChange(store.db, { verb: 'add', name: 'zoe', role: 'moderator', password: pw }, { name: 'alice', osAccount: null }, 10), /starts or ends with a space or tab/, JSON.stringify(pw));
    }
    assert.ok(await authenticate(store.db, 'mona', 'moderator-pass-1'));
    assert.deepEqual((await listUsers(store.db)).map((u) => u.name), ['mona']);
    assert.deepEqual(await listAccess(store.db, { what: 'account-change' }), []);
    // Inner spaces are part of a password like any other character.
    assert.equal(await applyCliAccountChange(store.db, { verb: 'password', name: 'mona', password: 'new pass phrase' }, { name: 'alice', osAccount: null }, 20), 'password mona');
    assert.ok(await authenticate(store.db, 'mona', 'new pass phrase'));
  } finally { await cleanup(); }
});

test('the command line refuses a password with an invisible character anywhere (zero-width, format, bidi, control): nothing set, nothing logged', async () => {
  const { store, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.fresh();
  try {
    await addUser(store.db, 'mona', 'moderator', 'moderator-pass-1', 1);
    const hidden = { '\u200b': 'U+200B', '\u200c': 'U+200C', '\u200d': 'U+200D', '\u2060': 'U+2060', '\ufeff': 'U+FEFF', '\u200e': 'U+200E',
      '\u200f': 'U+200F', '\u202e': 'U+202E', '\u2067': 'U+2067', '\u061c': 'U+061C', '\u00ad': 'U+00AD', '\r': 'U+000D', '\u001b': 'U+001B', '\u2028': 'U+2028' };
    for (const [c, name] of Object.entries(hidden)) {
      for (const pw of [`new-pass${c}word-1`, `${c}new-password-1`, `new-password-1${c}`]) {
        for (const op of [{ verb: 'password', name: 'mona', password: pw }, { verb: 'add', name: 'zoe', role: 'moderator', password: pw }] as const) {
          await assert.rejects(applyCliAccountChange(store.db, op, { name: 'alice', osAccount: null }, 10), (err: unknown) => err instanceof AccountError
            && /invisible character/.test(err.message) && err.message.includes(name) && !err.message.includes('new-pass'), `${op.verb} ${JSON.stringify(pw)}`);
        }
      }
    }
    assert.ok(await authenticate(store.db, 'mona', 'moderator-pass-1'));
    assert.deepEqual((await listUsers(store.db)).map((u) => u.name), ['mona']);
    assert.deepEqual(await listAccess(store.db, { what: 'account-change' }), []);
    // Visible non-ASCII characters are fine, and so is a tab inside (whitespace, like an inner space).
    assert.equal(await applyCliAccountChange(store.db, { verb: 'password', name: 'mona', password: 'mot-de-passe-été-ü\tx' }, { name: 'alice', osAccount: null }, 20), 'password mona');
    assert.ok(await authenticate(store.db, 'mona', 'mot-de-passe-été-ü\tx'));
  } finally { await cleanup(); }
});

test('a joiner typed inside an emoji sequence or a Persian or Hindi word is no invisible character; between Latin letters or at an end it is (review of ops49)', async () => {
  const { store, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.fresh();
  try {
    await addUser(store.db, 'mona', 'moderator', 'moderator-pass-1', 1);
    // 👩‍💻 (woman, ZWJ, laptop), 👨‍👩‍👧 (family), Persian « می‌خواهم » (ZWNJ after the prefix), Hindi « क्‍ष » (ZWJ).
    for (const pw of ['dev-\u{1F469}\u200d\u{1F4BB}-2026', '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}-famille', 'رمز-\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645-7', 'पास-\u0915\u094d\u200d\u0937-9']) {
      assert.equal(cliPasswordRefusal(pw), null, JSON.stringify(pw));
      assert.equal(await applyCliAccountChange(store.db, { verb: 'password', name: 'mona', password: pw }, { name: 'alice', osAccount: null }, 20), 'password mona');
      assert.ok(await authenticate(store.db, 'mona', pw));
    }
    // Refused: a joiner between Latin letters, next to a space, at either end of an emoji, a ZWNJ between two emoji.
    for (const pw of ['pass\u200dword-123', 'pass\u200cword-123', 'mot \u200d passe-1', '\u{1F469}\u200d-pass-1', 'pass-1-\u200d\u{1F4BB}', '\u{1F469}\u200c\u{1F4BB}-pass-1']) {
      assert.match(cliPasswordRefusal(pw) ?? '', /invisible character \(U\+200[CD]/, JSON.stringify(pw));
    }
  } finally { await cleanup(); }
});

test('a password with a blank letter (Hangul filler U+3164/U+115F/U+1160/U+FFA0, braille blank U+2800, CGJ U+034F) is refused, named by its code point (review of ops49)', () => {
  for (const [c, cp] of [['\u3164', 'U+3164'], ['\u115f', 'U+115F'], ['\u1160', 'U+1160'], ['\uffa0', 'U+FFA0'], ['\u2800', 'U+2800'], ['\u034f', 'U+034F']] as const) {
    for (const pw of [`pass${c}word-123`, `${c}password-123`, `password-123${c}`]) {
      const why = cliPasswordRefusal(pw) ?? '';
      assert.match(why, /invisible character/, JSON.stringify(pw));
      assert.ok(why.includes(cp) && !why.includes('word-123'), JSON.stringify(pw));
    }
  }
  assert.equal(cliPasswordRefusal('비밀번호-\u2801-한글'), null, 'Hangul syllables and a braille letter that shows are taken');
});

test('a password piped in that is not UTF-8 (a Latin-1 file) is refused with a clear error, not stored with U+FFFD (review of ops49)', () => {
  const latin1 = Buffer.from('mot de passe \xe9t\xe9 ok\nsecond line', 'latin1');
  assert.throws(() => passwordLine(latin1), (err: unknown) => err instanceof AccountError && /not UTF-8/.test(err.message) && !err.message.includes('mot de passe'));
  assert.equal(passwordLine(Buffer.from('mot de passe été ok\r\nsecond line', 'utf8')), 'mot de passe été ok', 'UTF-8: the first line, without its CR');
  assert.equal(passwordLine(Buffer.from('\ufeffpw-1\n', 'utf8')), '\ufeffpw-1', 'a byte-order mark is kept, then refused as an invisible character');
  assert.equal(passwordLine(new Uint8Array()), '');
});

test('sqlite: an account change refused after its password work rolls back no other request\'s write made meanwhile (review of ops48)', async () => {
  // The console has one SQLite connection: a write of another request that ran while an account change's transaction
  // was open (across scrypt) was part of it, and undone with it when the change was refused.
  const { store, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.fresh();
  try {
    await addUser(store.db, 'mona', 'moderator', 'moderator-pass-1', 1);
    const refused = [[{ verb: 'add', name: 'mona', role: 'moderator', password: 'another-pass-12' }, /already exists/],
      [{ verb: 'password', name: 'mona', password: 'moderator-pass-1' }, PasswordUnchanged]] as const;
    for (const [i, [op, why]] of refused.entries()) {
      await placeHold(store.db, 'case', `c-${i}`, 'legal request', 2);
      const change = applyAccountChange(store.db, op, { operator: 'ada', role: 'admin', from: 'console' }, 10);
      await new Promise((r) => setImmediate(r));
      await releaseHold(store.db, 'case', `c-${i}`, 'request closed', 11);
      await assert.rejects(change, why);
      assert.deepEqual(await listHolds(store.db), [], `${op.verb}: the release made meanwhile stays`);
    }
  } finally { await cleanup(); }
});
