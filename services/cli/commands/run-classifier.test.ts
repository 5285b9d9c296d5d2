import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../main.js');

test('run classifier: a start-up failure after the engine threads started (HTTP port taken) closes them and exits non-zero', async () => {
  const taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  const port = (taken.address() as AddressInfo).port;
  try {
    // Fails before any broker connection (the HTTP server starts first), so no Kafka is needed; no model keeps the load short.
    const child = spawn(process.execPath, [MAIN, 'run', 'classifier'], {
      env: { ...process.env, VIGIE_ENGINE_THREADS: '1', VIGIE_CLASSIFIER_HTTP_PORT: String(port), KAFKA_BROKERS: '127.0.0.1:1',
        VIGIE_MODEL_DIR: 'none', VIGIE_WINDOW_MODEL_DIR: 'none', VIGIE_CONFIG: '', VIGIE_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
    clearTimeout(killer);
    assert.equal(signal, null, 'exited by itself (not killed after 20 s)');
    assert.notEqual(code, 0);
    assert.match(stderr, /EADDRINUSE/);
  } finally {
    taken.close();
  }
});
