import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListenHost, urlHost } from './listen-host.js';

test('listen hosts: IPv6 brackets are taken off (listen() refuses them), bad forms are refused', () => {
  for (const [given, want] of [['[::1]', '::1'], ['::1', '::1'], [' [::1] ', '::1'], ['[fe80::1]', 'fe80::1'], ['127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '0.0.0.0'], ['::', '::'], ['[::]', '::'], ['localhost', 'localhost'], ['vigie-console.internal', 'vigie-console.internal']] as const) {
    assert.equal(parseListenHost(given), want, given);
  }
  for (const bad of ['', ' ', '[127.0.0.1]', '[::1', '::1]', '[localhost]', 'http://127.0.0.1', '127.0.0.1:8080', '[::1]:8080', 'two words', 'a..b']) {
    assert.equal(parseListenHost(bad), null, bad);
  }
  assert.equal(urlHost('::1'), '[::1]');
  assert.equal(urlHost('127.0.0.1'), '127.0.0.1');
});
