import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ConfigError } from '../contracts/errors.js';
import { listenError, listenOn } from './listen.js';

const X = { host: 'VIGIE_X_HOST', port: 'VIGIE_X_PORT' };

test('a port already in use: a ConfigError of ONE line (message included) naming the address, the cause and the port variable to change, no stack', async () => {
  const first = createServer();
  await listenOn(first, 0, '127.0.0.1', { host: 'A_HOST', port: 'A_PORT' });
  const port = (first.address() as { port: number }).port;
  const second = createServer();
  try {
    await assert.rejects(listenOn(second, port, '127.0.0.1', X), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      const line = `cannot listen on 127.0.0.1:${port}: the port is already in use (another process listens on it); set VIGIE_X_PORT to a free port`;
      assert.deepEqual(err.problems, [line]);
      assert.equal(err.message, line);
      return true;
    });
  } finally {
    first.close();
    second.close();
  }
});

test('an address the machine lacks names the host variable, IPv6 in brackets; a privileged port the port variable; an unexplained error is passed on as it is', () => {
  const e = listenError(Object.assign(new Error('listen EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' }), '2001:db8::1', 80, X);
  assert.ok(e instanceof ConfigError);
  assert.equal(e.message, 'cannot listen on [2001:db8::1]:80: this machine has no such address; set VIGIE_X_HOST to an address of this machine');
  const p = listenError(Object.assign(new Error('listen EACCES'), { code: 'EACCES' }), '0.0.0.0', 80, X);
  assert.equal((p as Error).message, 'cannot listen on 0.0.0.0:80: not allowed to listen on it (ports below 1024 need privileges); set VIGIE_X_PORT to a port from 1024 up');
  const other = Object.assign(new Error('boom'), { code: 'EMFILE' });
  assert.equal(listenError(other, '127.0.0.1', 80, X), other);
});
