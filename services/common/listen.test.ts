import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ConfigError } from '../contracts/errors.js';
import { listenError, listenOn } from './listen.js';

test('a port already in use: one ConfigError line naming the address and the settings, no stack', async () => {
  const first = createServer();
  await listenOn(first, 0, '127.0.0.1', 'A_PORT');
  const port = (first.address() as { port: number }).port;
  const second = createServer();
  try {
    await assert.rejects(listenOn(second, port, '127.0.0.1', 'VIGIE_X_HOST, VIGIE_X_PORT'), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.problems, [`cannot listen on 127.0.0.1:${port} (VIGIE_X_HOST, VIGIE_X_PORT): the port is already in use (another process listens on it)`]);
      return true;
    });
  } finally {
    first.close();
    second.close();
  }
});

test('an address the machine lacks, IPv6 in brackets; an unexplained error is passed on as it is', () => {
  const e = listenError(Object.assign(new Error('listen EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' }), '2001:db8::1', 80, 'S');
  assert.ok(e instanceof ConfigError);
  assert.match(e.message, /cannot listen on \[2001:db8::1\]:80 \(S\): this machine has no such address/);
  const other = Object.assign(new Error('boom'), { code: 'EMFILE' });
  assert.equal(listenError(other, '127.0.0.1', 80, 'S'), other);
});
