import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { startingConsole } from './http-server.js';
import { compileConsoleOptions } from './options.js';
import { closingOnFailure, ConsoleServeError, openConsoleBackends, WAITING_FOR, type ConsoleStartSteps } from './start-steps.js';

/** The starting console's answer now: status and body. */
const ask = (port: number) => new Promise<[number, string]>((resolve, reject) => {
  request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
    let body = '';
    res.on('data', (b: Buffer) => { body += b.toString(); });
    res.on('end', () => resolve([res.statusCode ?? 0, body]));
  }).on('error', reject).end();
});

/** Whether the port can be bound again in this process (nothing listens on it any more). */
const free = (port: number) => new Promise<boolean>((resolve) => {
  const again = createServer();
  again.once('error', () => resolve(false));
  again.listen(port, '127.0.0.1', () => again.close(() => resolve(true)));
});

async function boundConsole() {
  const c = startingConsole(compileConsoleOptions({ port: 0 }));
  await new Promise<void>((r) => c.server.listen(0, '127.0.0.1', r));
  const port = (c.server.address() as AddressInfo).port;
  const closeServer = () => new Promise<void>((res) => { c.server.close(() => res()); c.server.closeAllConnections(); });
  return { c, port, closeServer };
}

test('a start-up failure after the Kafka client was made closes it, the store and the port, checked before the process could exit (review of stop 52: the client was never closed; the port check could not fail)', async () => {
  const { c, port, closeServer } = await boundConsole();
  const closed: string[] = [];
  const said: [number, string][] = [];
  const steps: ConsoleStartSteps<string, string, never> = {
    openStore: async () => { said.push(await ask(port)); return 'store'; },
    openKafka: async () => { said.push(await ask(port)); return 'kafka'; },
    publisher: () => { throw new Error('publisher refused'); },
    closeStore: async (s) => { closed.push(s); },
    closeKafka: async (k) => { closed.push(k); },
    closeServer,
    waiting: c.waiting,
  };
  await assert.rejects(openConsoleBackends(steps), /publisher refused/);
  assert.deepEqual(closed.sort(), ['kafka', 'store']);
  // In this process, still running: the listening port is free again (a console that kept it would keep running).
  assert.equal(await free(port), true, 'the port is freed');
  // The 503 page said what the start waited for at each step: the store, then the brokers (not "the audit store" throughout).
  assert.deepEqual(said, [[503, `the console is starting (waiting for ${WAITING_FOR.store})\n`], [503, `the console is starting (waiting for ${WAITING_FOR.kafka})\n`]]);
});

test('a store that fails closes the port and opens no Kafka client; stopped while waiting for the store: null, the port freed', async () => {
  {
    const { c, port, closeServer } = await boundConsole();
    let kafkaOpened = false;
    await assert.rejects(openConsoleBackends({
      openStore: async () => { throw new Error('not a database'); }, openKafka: async () => { kafkaOpened = true; return 'k'; },
      publisher: () => 'p', closeStore: async () => undefined, closeKafka: async () => undefined, closeServer, waiting: c.waiting,
    }), /not a database/);
    assert.equal(kafkaOpened, false);
    assert.equal(await free(port), true);
  }
  const { c, port, closeServer } = await boundConsole();
  const r = await openConsoleBackends({
    openStore: async () => null, openKafka: async () => 'k', publisher: () => 'p', closeStore: async () => undefined, closeKafka: async () => undefined, closeServer, waiting: c.waiting,
  });
  assert.equal(r, null);
  assert.equal(await free(port), true);
});

test('a failure once the pages are served (the first-account read) closes the Kafka client, the port and the store, and names itself (stop 54: nothing was closed)', async () => {
  const { port, closeServer } = await boundConsole();
  const closed: string[] = [];
  const err = await closingOnFailure({ closeStore: async (s: string) => { closed.push(s); }, closeKafka: async (k: string) => { closed.push(k); }, closeServer },
    'store', 'kafka', async () => { throw new Error('relation "console_users" does not exist'); }).then(() => null, (e: unknown) => e);
  assert.ok(err instanceof ConsoleServeError, 'a VigieError: the command prints its message and exits 1');
  assert.match(err.message, /^the console failed once it served its pages: relation "console_users" does not exist; the server, the Kafka client and the audit store are closed$/);
  assert.deepEqual(closed, ['kafka', 'store']);
  assert.equal(await free(port), true, 'the port is freed');
  assert.equal(await closingOnFailure({ closeStore: async () => undefined, closeKafka: async () => undefined, closeServer }, 's', 'k', async () => 7), 7, 'no failure: nothing closed');
});

test('a close of the server that rejects still closes the store, at start and once served (stop 54)', async () => {
  const closed: string[] = [];
  const closers = { closeStore: async (s: string) => { closed.push(s); }, closeKafka: async (k: string) => { closed.push(k); }, closeServer: async () => { throw new Error('server close refused'); } };
  await assert.rejects(openConsoleBackends({ ...closers, openStore: async () => 'store', openKafka: async () => 'kafka',
    publisher: () => { throw new Error('publisher refused'); }, waiting: () => undefined }), /publisher refused/);
  assert.deepEqual(closed, ['kafka', 'store']);
  closed.length = 0;
  await assert.rejects(closingOnFailure(closers, 'store', 'kafka', async () => { throw new Error('read failed'); }),
    /read failed; the server, the Kafka client and the audit store are closed \(closing also failed: server close refused\)/);
  assert.deepEqual(closed, ['kafka', 'store']);
});
