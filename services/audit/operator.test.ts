import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../contracts/errors.js';
import { MAX_OPERATOR_LENGTH, operatorFromEnv, reviewerName, withOsAccount } from './operator.js';

const os = () => 'root';
const name = (env: Record<string, string | undefined>, fallback = false) => operatorFromEnv(env, os, fallback).name;

test('the operator of the access log: VIGIE_OPERATOR, else the login name, else the OS account (console user); never a control character (review of ops48)', () => {
  assert.equal(name({ VIGIE_OPERATOR: ' opname ', USER: 'root' }), 'opname');
  assert.equal(name({ VIGIE_OPERATOR: '', USER: 'ana' }, true), 'ana', 'an empty VIGIE_OPERATOR is unset, as in the shell');
  assert.equal(name({}, true), 'root');
  assert.throws(() => name({}), ConfigError, 'the audit commands: no fallback to the OS account');
  assert.equal(name({ VIGIE_OPERATOR: 'jean pierre' }), 'jean pierre');
  // Printed by `vigie audit access-log` as stored: a newline forged a second entry, an escape drove the terminal.
  for (const bad of ['mallory\n7\t2026-01-01T00:00:00.000Z\tcli:alice', 'x\u001b[2K\r', 'a\tb', 'x\u202eevil']) {
    assert.throws(() => name({ VIGIE_OPERATOR: bad }, true), (err: unknown) => err instanceof ConfigError && /control character/.test(err.message), JSON.stringify(bad));
  }
  assert.throws(() => name({ USER: 'bob\n' + 'x' }), ConfigError, 'a login name too');
});

test('VIGIE_OPERATOR of spaces only is refused, not replaced by the login name or the OS account (review of ops48)', () => {
  for (const blank of [' ', '   ', '\t ']) {
    assert.throws(() => name({ VIGIE_OPERATOR: blank, USER: 'shared' }, true), (err: unknown) => err instanceof ConfigError && /VIGIE_OPERATOR has only spaces/.test(err.message), JSON.stringify(blank));
  }
});

test('an operator name of more than 64 characters is refused, with its length; 64 are taken (review of ops48)', () => {
  assert.equal(MAX_OPERATOR_LENGTH, 64);
  const max = 'é'.repeat(64);
  assert.equal(name({ VIGIE_OPERATOR: max }), max, 'characters, not bytes');
  for (const env of [{ VIGIE_OPERATOR: 'a'.repeat(65) }, { USER: 'u'.repeat(200) }]) {
    assert.throws(() => name(env, true), (err: unknown) => err instanceof ConfigError && /\d+ characters, at most 64/.test(err.message), JSON.stringify(env).slice(0, 40));
  }
});

test('an invisible character in an operator name (zero-width space, joiner, byte-order mark) is refused: "alice\\u200b" would pass for alice', () => {
  for (const c of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']) {
    assert.throws(() => name({ VIGIE_OPERATOR: `ali${c}ce` }), (err: unknown) => err instanceof ConfigError
      && /invisible/.test(err.message) && err.message.includes(`'ali<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>ce'`), JSON.stringify(c));
  }
});

test('a name of blank letters (Hangul fillers, braille blank, CGJ) is refused: `cli:\u3164` was an operator who looks like no one (review of ops49)', () => {
  for (const [c, cp] of [['\u3164', 'U+3164'], ['\u115f', 'U+115F'], ['\u1160', 'U+1160'], ['\uffa0', 'U+FFA0'], ['\u2800', 'U+2800'], ['\u034f', 'U+034F']] as const) {
    for (const env of [{ VIGIE_OPERATOR: c }, { VIGIE_OPERATOR: `ali${c}ce` }, { USER: c }]) {
      assert.throws(() => name(env, true), (err: unknown) => err instanceof ConfigError && /invisible/.test(err.message) && err.message.includes(`<${cp}>`), JSON.stringify(env));
    }
    assert.throws(() => reviewerName(`bob${c}`, {}, os), ConfigError, `--reviewer ${cp}`);
  }
  assert.equal(name({ VIGIE_OPERATOR: '한글 이름' }), '한글 이름', 'Hangul syllables are letters, not fillers');
  assert.equal(name({ VIGIE_OPERATOR: '\u2801ana' }), '\u2801ana', 'a braille letter that shows is taken');
});

test('VIGIE_OPERATOR set: the entry also names the OS account that ran the command; a login name or the OS account alone: nothing added', () => {
  let asked = 0;
  const account = () => { asked += 1; return 'admin-box'; };
  const given = operatorFromEnv({ VIGIE_OPERATOR: 'alice', USER: 'admin-box' }, account);
  assert.deepEqual(given, { name: 'alice', osAccount: 'admin-box' });
  assert.equal(withOsAccount('vigie cases show', given), 'vigie cases show; os account admin-box');
  const login = operatorFromEnv({ USER: 'admin-box' }, account);
  assert.deepEqual(login, { name: 'admin-box', osAccount: null }, 'the login name is the OS account: nothing to add');
  assert.equal(withOsAccount('vigie cases show', login), 'vigie cases show');
  assert.deepEqual(operatorFromEnv({}, account, true), { name: 'admin-box', osAccount: null });
});

test('a login name set by hand (USER=alice, LOGNAME=alice) is no more trusted than VIGIE_OPERATOR: the OS account goes with it (review of ops49)', () => {
  const account = () => 'admin-box';
  for (const env of [{ USER: 'alice' }, { LOGNAME: 'alice' }, { USER: 'alice', LOGNAME: 'admin-box' }]) {
    const who = operatorFromEnv(env, account);
    assert.deepEqual(who, { name: 'alice', osAccount: 'admin-box' }, JSON.stringify(env));
    assert.equal(withOsAccount('vigie cases show', who), 'vigie cases show; os account admin-box');
  }
  assert.deepEqual(operatorFromEnv({ USER: 'admin-box' }, account), { name: 'admin-box', osAccount: null });
});

test('the reviewer of `vigie cases resolve` is an operator name too: VIGIE_OPERATOR by default, and --reviewer under the same rules (review of ops49)', () => {
  const os = () => 'root';
  assert.equal(reviewerName(undefined, { VIGIE_OPERATOR: 'alice', USER: 'shared' }, os), 'alice', 'not $USER when VIGIE_OPERATOR names the operator');
  assert.equal(reviewerName(undefined, {}, os), 'root');
  assert.equal(reviewerName(' bob ', { VIGIE_OPERATOR: 'alice' }, os), 'bob');
  assert.throws(() => reviewerName(undefined, { VIGIE_OPERATOR: '   ' }, os), /only spaces/);
  // `vigie cases show` printed it raw: a terminal title set and the screen cleared by the next reader's terminal.
  for (const bad of ['\u001b]0;owned\u0007\u001b[2Jalice', 'ali\u200bce', 'x\u202eevil', 'line\nforged']) {
    assert.throws(() => reviewerName(bad, {}, os), (err: unknown) => err instanceof ConfigError && /--reviewer: .*invisible/.test(err.message), JSON.stringify(bad));
  }
  assert.throws(() => reviewerName('r'.repeat(65), {}, os), /--reviewer: 65 characters, at most 64/);
  assert.throws(() => reviewerName('   ', {}, os), /--reviewer: give a name/);
});
